"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from meldingen.models import Kanaal
from meldingen.soorten import register

AANVRAAG = register(
    "reservering_aanvraag",
    _("Nieuwe aanvraag voor een ruimte die jij beheert"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor beheerders: iemand wil een ruimte boeken."),
)
BESLUIT = register(
    "reservering_besluit",
    _("Je boeking is goedgekeurd of afgewezen"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als de beheerder over je aanvraag heeft beslist."),
)
GEANNULEERD = register(
    "reservering_geannuleerd",
    _("Een boeking gaat niet door"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een boeking wordt afgezegd."),
)
