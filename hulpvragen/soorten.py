"""The kinds of melding this app sends (see ``meldingen.soorten``)."""

from django.utils.translation import gettext_lazy as _

from bewoners.permissions import is_buurtassistent
from meldingen.models import Kanaal
from meldingen.soorten import Groep, register

VOORSTEL = register(
    "hulp_voorstel",
    _("Een buur vraagt jouw hulp"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een hulpvraag goed past bij wat jij aanbiedt."),
    groep=Groep.HULP,
)
GEACCEPTEERD = register(
    "hulp_geaccepteerd",
    _("Er is een helper gevonden"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als iemand ja zegt op jouw hulpvraag, of als jij gekozen bent."),
    groep=Groep.HULP,
)
VERVALLEN = register(
    "hulp_vervallen",
    _("Een voorstel is niet meer nodig"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als een ander al helpt, of als een voorstel te lang open stond."),
    groep=Groep.HULP,
)
HERINNERING = register(
    "hulp_herinnering",
    _("Herinnering: morgen hulp"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Een dag van tevoren, voor helper en aanvrager."),
    groep=Groep.HULP,
)
ESCALATIE = register(
    "hulp_escalatie",
    _("Hulpvraag zonder helper"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een hulpvraag in jouw buurt te lang op een helper wacht."),
    groep=Groep.COORDINATIE,
    voor=is_buurtassistent,
)
AFGEROND = register(
    "hulp_afgerond",
    _("Hulp is afgerond"),
    standaard=Kanaal.IN_APP,
    beschrijving=_("Als de ander de hulp als klaar heeft gemeld."),
    groep=Groep.HULP,
)
GEANNULEERD = register(
    "hulp_geannuleerd",
    _("Afspraak gaat niet door"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als de ander de afspraak afzegt of de hulpvraag intrekt."),
    groep=Groep.HULP,
    kan_uit=False,
)
