"""``manage.py cooperatie_aanmaken --naam "Wijkcoöperatie Oost" [--slug oost] [--domein ...]``"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cooperaties.selectors import adres_van
from cooperaties.services import cooperatie_create


class Command(BaseCommand):
    help = "Maakt een coöperatie aan op deze installatie, met eigen domeinnamen."

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True, help="De naam, zoals bewoners die zien.")
        parser.add_argument("--slug", default="", help="Korte naam (standaard: uit de naam).")
        parser.add_argument(
            "--domein", action="append", default=[], help="Een eigen domeinnaam (mag vaker)."
        )
        parser.add_argument("--email", default="", help="E-mailadres voor contact.")

    def handle(self, *args, naam, slug, domein, email, **options):
        try:
            cooperatie = cooperatie_create(naam=naam, slug=slug, domeinen=domein, email=email)
        except ValidationError as fout:
            regels = [
                f"{veld}: {' '.join(map(str, berichten))}"
                for veld, berichten in getattr(fout, "message_dict", {"": fout.messages}).items()
            ]
            raise CommandError("Niet aangemaakt. " + "; ".join(regels)) from fout
        self.stdout.write(f"Aangemaakt: {cooperatie.naam} op http://{adres_van(cooperatie)}")
