"""``manage.py cooperatie_verwijderen --cooperatie oost --bevestig oost``: remove a coöperatie
with every row of it, and the accounts that took part nowhere else. Export it first."""

from django.core.management.base import BaseCommand, CommandError

from cooperaties.models import Cooperatie

from ...services import cooperatie_verwijderen


class Command(BaseCommand):
    help = (
        "Verwijdert een coöperatie met al haar gegevens, en de accounts die nergens anders "
        "meedoen. Maak eerst een export (cooperatie_exporteren)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cooperatie", required=True, help="De korte naam (slug).")
        parser.add_argument(
            "--bevestig", required=True, help="Typ de korte naam nog een keer, als bevestiging."
        )

    def handle(self, *args, cooperatie, bevestig, **options):
        if bevestig != cooperatie:
            raise CommandError("De bevestiging klopt niet: typ bij --bevestig dezelfde korte naam.")
        gevonden = Cooperatie.objects.filter(slug=cooperatie).first()
        if gevonden is None:
            raise CommandError(f"Er is geen coöperatie met de korte naam {cooperatie}.")
        naam = gevonden.naam
        aantallen = cooperatie_verwijderen(gevonden)
        rijen = sum(n for label, n in aantallen.items() if label != "accounts")
        self.stdout.write(
            f"{naam} is verwijderd: {rijen} regels en {aantallen['accounts']} accounts "
            "die nergens anders meedoen."
        )
