"""``manage.py cooperatie_exporteren --cooperatie oost --uitvoer oost.json``: everything of one
coöperatie in one file (its rows, domain names and the accounts its rows name; no password
hashes or second factors), to keep or to load into another installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cooperaties.models import Cooperatie

from ...services import cooperatie_exporteren


class Command(BaseCommand):
    help = "Zet alle gegevens van één coöperatie in één bestand (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--cooperatie", required=True, help="De korte naam (slug).")
        parser.add_argument("--uitvoer", required=True, help="Het bestand om te schrijven.")

    def handle(self, *args, cooperatie, uitvoer, **options):
        gevonden = Cooperatie.objects.filter(slug=cooperatie).first()
        if gevonden is None:
            raise CommandError(f"Er is geen coöperatie met de korte naam {cooperatie}.")
        doel = Path(uitvoer)
        if doel.exists():
            raise CommandError(f"{doel} bestaat al; kies een nieuwe naam.")
        doel.write_text(cooperatie_exporteren(gevonden), encoding="utf-8")
        self.stdout.write(f"{gevonden.naam} geëxporteerd naar {doel}.")
