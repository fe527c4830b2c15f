"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from meldingen.models import Kanaal
from meldingen.soorten import Groep, register

from .permissions import is_een_beheerder

AANVRAAG = register(
    "reservering_aanvraag",
    _("Nieuwe aanvraag voor een ruimte die jij beheert"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand een ruimte wil boeken die jij beheert."),
    groep=Groep.RUIMTES,
    voor=is_een_beheerder,
)
BESLUIT = register(
    "reservering_besluit",
    _("Je boeking is goedgekeurd of afgewezen"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als de beheerder over je aanvraag heeft beslist."),
    groep=Groep.RUIMTES,
)
GEANNULEERD = register(
    "reservering_geannuleerd",
    _("Een boeking gaat niet door"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een boeking wordt afgezegd."),
    groep=Groep.RUIMTES,
    kan_uit=False,
)
