"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from meldingen.models import Kanaal
from meldingen.soorten import register

VOORSTEL = register(
    "hulp_voorstel",
    _("Een buur vraagt jouw hulp"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een hulpvraag goed past bij wat jij aanbiedt."),
)
GEACCEPTEERD = register(
    "hulp_geaccepteerd",
    _("Er is een helper gevonden"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand ja zegt op jouw hulpvraag, of als jij gekozen bent."),
)
VERVALLEN = register(
    "hulp_vervallen",
    _("Een voorstel is niet meer nodig"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als een ander al helpt, of als een voorstel te lang open stond."),
)
HERINNERING = register(
    "hulp_herinnering",
    _("Herinnering: morgen hulp"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Een dag van tevoren, voor helper en aanvrager."),
)
ESCALATIE = register(
    "hulp_escalatie",
    _("Hulpvraag zonder helper"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Voor buurtassistenten: een hulpvraag wacht te lang op een helper."),
)
AFGEROND = register(
    "hulp_afgerond",
    _("Hulp is afgerond"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als de ander de hulp als klaar heeft gemeld."),
)
GEANNULEERD = register(
    "hulp_geannuleerd",
    _("Afspraak gaat niet door"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als de ander de afspraak afzegt of de hulpvraag intrekt."),
)
