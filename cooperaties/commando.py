"""Management commands that work for one coöperatie (``--cooperatie SLUG``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from .huidige import huidige, in_cooperatie
from .models import Cooperatie


class CooperatieCommand(BaseCommand):
    """A command whose work belongs to one coöperatie: ``--cooperatie SLUG`` names it; without
    it, the coöperatie already current (a test, a caller inside ``in_cooperatie``) or else the
    installation's first. ``handle`` runs inside it (``cooperaties.huidige``)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--cooperatie",
            metavar="SLUG",
            help="De korte naam van de coöperatie (standaard: de eerste).",
        )
        return parser

    def execute(self, *args, **options):
        slug = options.pop("cooperatie", None)
        with in_cooperatie(kies_cooperatie(slug)):
            return super().execute(*args, **options)


def kies_cooperatie(slug: str | None) -> Cooperatie:
    """The coöperatie ``slug`` names, else the current one, else the first; a clear error
    when there is none."""
    if slug:
        gevonden = Cooperatie.objects.filter(slug=slug).first()
        if gevonden is None:
            bekend = ", ".join(Cooperatie.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"Er is geen coöperatie met de korte naam {slug!r}. Bekend: {bekend or 'geen'}."
            )
        return gevonden
    gevonden = huidige() or Cooperatie.objects.order_by("pk").first()
    if gevonden is None:
        raise CommandError(
            "Er is nog geen coöperatie. Maak er een met: manage.py cooperatie_aanmaken."
        )
    return gevonden
