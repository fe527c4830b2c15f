"""Pages for initiatives, their members, activities and meetings, and the agenda.

Thin views: find what the person may see (else 404), check what they may do (else 403), call a
service, redirect. The service's Dutch ``ValidationError`` is shown on the form with the input
kept, or as a message when it is not about a field. The list of initiatives and the agenda are
one URL each: a filter change with htmx swaps only the list (``_lijst.html``,
``_agenda_lijst.html``); without JavaScript the same URL loads the whole page. The queries
are QuerySet methods in ``initiatieven.models``.

Initiatives, activities, meetings, the agenda and the printable week are public: a neighbour
can read them without an account. Doing something (joining, signing up) needs a login.

One module per seam: ``initiatieven`` (initiatives and members), ``activiteiten``
(activities and meetings), ``agenda`` (the agenda, the week, my page), ``ruimte`` (booking a
room for an activity); ``basis`` holds what they share.
"""

from .activiteiten import (
    aanmelden,
    aanwezigheid,
    activiteit_bewerken,
    activiteit_detail,
    activiteit_nieuw,
    afmelden,
    annuleren,
    bijeenkomst_detail,
    reeks_aanmelden,
    reeks_afmelden,
    verplaatsen,
)
from .agenda import agenda, agenda_week, mijn
from .initiatieven import (
    initiatief_bewerken,
    initiatief_detail,
    initiatief_list,
    initiatief_nieuw,
    leden,
    lid_besluit,
    lid_instellingen,
    lid_worden,
    opzeggen,
)
from .ruimte import ruimte_boeken

__all__ = [
    "aanmelden",
    "aanwezigheid",
    "activiteit_bewerken",
    "activiteit_detail",
    "activiteit_nieuw",
    "afmelden",
    "agenda",
    "agenda_week",
    "annuleren",
    "bijeenkomst_detail",
    "initiatief_bewerken",
    "initiatief_detail",
    "initiatief_list",
    "initiatief_nieuw",
    "leden",
    "lid_besluit",
    "lid_instellingen",
    "lid_worden",
    "mijn",
    "opzeggen",
    "reeks_aanmelden",
    "reeks_afmelden",
    "ruimte_boeken",
    "verplaatsen",
]
