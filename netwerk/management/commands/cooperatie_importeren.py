"""``manage.py cooperatie_importeren oost.json``: load a coöperatie exported from another
installation (``cooperatie_exporteren``). Refuses rows whose ids are taken here."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cooperaties.selectors import adres_van

from ...services import cooperatie_importeren
from .cooperatie_aanmaken import fout_tekst


class Command(BaseCommand):
    help = "Laadt een coöperatie uit een export van een andere installatie."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het bestand van cooperatie_exporteren.")

    def handle(self, *args, bestand, **options):
        try:
            tekst = Path(bestand).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as fout:
            raise CommandError(f"Het bestand kan niet worden gelezen: {fout}") from fout
        try:
            cooperatie = cooperatie_importeren(tekst)
        except ValidationError as fout:
            raise CommandError("Niet geladen. " + fout_tekst(fout)) from fout
        self.stdout.write(f"Geladen: {cooperatie.naam} op http://{adres_van(cooperatie)}")
        self.stdout.write("De bewoners kiezen er een nieuw wachtwoord (via 'wachtwoord vergeten').")
