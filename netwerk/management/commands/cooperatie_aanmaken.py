"""``manage.py cooperatie_aanmaken --naam "Wijkcoöperatie Oost" [--slug oost] [--domein ...]
[--buurt "De Linde: 3541, 3542"] [--categorie Klussen] [--beheerder naam@voorbeeld.nl]
[--logo logo.png]``"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cooperaties.selectors import adres_van

from ...services import buurten_lezen, cooperatie_opzetten


def fout_tekst(fout: ValidationError) -> str:
    if hasattr(fout, "message_dict"):
        return "; ".join(
            f"{veld}: {' '.join(map(str, b))}" for veld, b in fout.message_dict.items()
        )
    return " ".join(map(str, fout.messages))


class Command(BaseCommand):
    help = (
        "Maakt een coöperatie aan op deze installatie: met eigen domeinnamen, buurten, "
        "soorten hulp en een eerste beheerder die een uitnodiging per e-mail krijgt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True, help="De naam, zoals bewoners die zien.")
        parser.add_argument("--slug", default="", help="Korte naam (standaard: uit de naam).")
        parser.add_argument(
            "--domein", action="append", default=[], help="Een eigen domeinnaam (mag vaker)."
        )
        parser.add_argument("--email", default="", help="E-mailadres voor contact.")
        parser.add_argument(
            "--buurt",
            action="append",
            default=[],
            help='Een buurt met postcodes, zoals "De Linde: 3541, 3542" (mag vaker).',
        )
        parser.add_argument(
            "--categorie",
            action="append",
            default=None,
            help="Een soort hulp (mag vaker; zonder: de standaardlijst van Wijk).",
        )
        parser.add_argument("--beheerder", default="", help="E-mailadres van de eerste beheerder.")
        parser.add_argument("--logo", default="", help="Een PNG- of JPG-bestand met het logo.")

    def handle(self, *args, naam, slug, domein, email, buurt, categorie, beheerder, logo, **opts):
        try:
            buurten = buurten_lezen("\n".join(buurt))
            bestand = open(logo, "rb") if logo else None  # noqa: SIM115 - closed below
        except ValidationError as fout:
            raise CommandError("Niet aangemaakt. buurten: " + fout_tekst(fout)) from fout
        except OSError as fout:
            raise CommandError(
                f"Niet aangemaakt. Het logo kan niet worden gelezen: {fout}"
            ) from fout
        try:
            cooperatie = cooperatie_opzetten(
                naam=naam,
                slug=slug,
                domeinen=domein,
                email=email,
                buurten=buurten,
                categorieen=categorie,
                beheerder_email=beheerder,
                logo=bestand,
            )
        except ValidationError as fout:
            raise CommandError("Niet aangemaakt. " + fout_tekst(fout)) from fout
        finally:
            if bestand is not None:
                bestand.close()
        self.stdout.write(f"Aangemaakt: {cooperatie.naam} op http://{adres_van(cooperatie)}")
        if beheerder:
            self.stdout.write(f"Uitnodiging gestuurd aan {beheerder}.")
