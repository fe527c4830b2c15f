"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from meldingen.models import Kanaal
from meldingen.soorten import Groep, register

from .permissions import mag_initiatief_keuren, organiseert_een_initiatief

NIEUWE_ACTIVITEIT = register(
    "activiteit_nieuw",
    _("Nieuwe activiteit bij een initiatief waar je lid van bent"),
    standaard=Kanaal.EMAIL,
    beschrijving=_(
        "Als een initiatief waar je lid van bent iets nieuws plant. Per initiatief kun je dit "
        "ook uitzetten."
    ),
    groep=Groep.MEEDOEN,
)
AANMELDING = register(
    "activiteit_aanmelding",
    _("Je aanmelding voor een activiteit"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als je je aanmeldt of op de wachtlijst staat."),
    groep=Groep.MEEDOEN,
)
DOORGESCHOVEN = register(
    "activiteit_doorgeschoven",
    _("Er is plek voor je: van de wachtlijst af"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand afzegt en jij als eerste op de wachtlijst stond."),
    groep=Groep.MEEDOEN,
)
GEWIJZIGD = register(
    "activiteit_gewijzigd",
    _("Een activiteit gaat niet door of is verplaatst"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een activiteit waarvoor je je hebt aangemeld verandert of niet doorgaat."),
    groep=Groep.MEEDOEN,
    kan_uit=False,
)
HERINNERING = register(
    "activiteit_herinnering",
    _("Herinnering de dag van tevoren"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Een dag voor een activiteit waarvoor je je hebt aangemeld."),
    groep=Groep.MEEDOEN,
)
LID_AANVRAAG = register(
    "initiatief_lid_aanvraag",
    _("Iemand wil lid worden van jouw initiatief"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand lid wil worden van een initiatief dat jij organiseert."),
    groep=Groep.MEEDOEN,
    voor=organiseert_een_initiatief,
)
LID_BESLUIT = register(
    "initiatief_lid_besluit",
    _("Je bent lid geworden, of het lukte niet"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een organisator over je aanvraag heeft beslist."),
    groep=Groep.MEEDOEN,
)
TE_KEUREN = register(
    "initiatief_te_keuren",
    _("Een nieuw initiatief wacht op goedkeuring"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een bewoner een initiatief start: keur het goed of af in het beheer."),
    groep=Groep.COORDINATIE,
    voor=mag_initiatief_keuren,
)
KEURING = register(
    "initiatief_keuring",
    _("Je initiatief is goedgekeurd, of nog niet"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als de beheerder naar jouw nieuwe initiatief heeft gekeken."),
    groep=Groep.MEEDOEN,
)
