"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from meldingen.models import Kanaal
from meldingen.soorten import register

NIEUWE_ACTIVITEIT = register(
    "activiteit_nieuw",
    _("Nieuwe activiteit bij een initiatief waar je lid van bent"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Je kunt dit per initiatief ook uitzetten."),
)
AANMELDING = register(
    "activiteit_aanmelding",
    _("Je aanmelding voor een activiteit"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als je je aanmeldt of op de wachtlijst staat."),
)
DOORGESCHOVEN = register(
    "activiteit_doorgeschoven",
    _("Er is plek voor je: van de wachtlijst af"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand afzegt en jij als eerste op de wachtlijst stond."),
)
GEWIJZIGD = register(
    "activiteit_gewijzigd",
    _("Een activiteit gaat niet door of is verplaatst"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor activiteiten waarvoor je je hebt aangemeld."),
)
HERINNERING = register(
    "activiteit_herinnering",
    _("Herinnering de dag van tevoren"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Een dag voor een activiteit waarvoor je je hebt aangemeld."),
)
LID_AANVRAAG = register(
    "initiatief_lid_aanvraag",
    _("Iemand wil lid worden van jouw initiatief"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor organisatoren, als nieuwe leden goedgekeurd moeten worden."),
)
LID_BESLUIT = register(
    "initiatief_lid_besluit",
    _("Je bent lid geworden, of het lukte niet"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een organisator over je aanvraag heeft beslist."),
)
TE_KEUREN = register(
    "initiatief_te_keuren",
    _("Een nieuw initiatief wacht op goedkeuring"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor beheerders: keur nieuwe initiatieven goed of af in het beheer."),
)
KEURING = register(
    "initiatief_keuring",
    _("Je initiatief is goedgekeurd, of nog niet"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor organisatoren, als de beheerder naar een nieuw initiatief heeft gekeken."),
)
