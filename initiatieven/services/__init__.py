"""Initiatives, activities and sign-ups: the one way in, for pages and for other apps.

One module per seam, each re-exported here (``from initiatieven import services``):

- ``initiatieven``: initiatives (the beheerder's approval of new ones) and their members.
- ``herhaling``: recurrence rules and the meetings of a series.
- ``activiteiten``: activities and their meetings (plan, change, cancel, move).
- ``aanmeldingen``: signing up, the waiting list and attendance (race-safe places).
- ``reeks``: signing up for (and cancelling) every coming meeting of a series at once.
- ``herinneringen``: the reminder the day before.
- ``ruimtes``: rooms for the meetings, booked through ``accommodaties.services``.

The arrows inside run one way: ``initiatieven`` → ``activiteiten`` → ``aanmeldingen``,
``herhaling``, ``ruimtes``; who may do what is asked of ``initiatieven.permissions``.
"""

from .aanmeldingen import (
    AanmeldUitkomst,
    aanmelding_cancel,
    aanmelding_create,
    aanwezigheid_save,
)
from .activiteiten import (
    activiteit_create,
    activiteit_update,
    bijeenkomst_cancel,
    bijeenkomst_move,
)
from .herhaling import MAX_VOORUIT, REGELS, herhaal_momenten, regel_voor
from .herinneringen import bijeenkomsten_remind
from .initiatieven import (
    initiatief_approve,
    initiatief_create,
    initiatief_reject,
    initiatief_update,
    lidmaatschap_cancel,
    lidmaatschap_create,
    lidmaatschap_decide,
)
from .reeks import ReeksUitkomst, dagen, komende_keren, reeks_aanmelden, reeks_afmelden
from .ruimtes import bijeenkomst_ruimte_sync, ruimte_book

__all__ = [
    "MAX_VOORUIT",
    "REGELS",
    "AanmeldUitkomst",
    "ReeksUitkomst",
    "aanmelding_cancel",
    "aanmelding_create",
    "aanwezigheid_save",
    "activiteit_create",
    "activiteit_update",
    "bijeenkomst_cancel",
    "bijeenkomst_move",
    "bijeenkomst_ruimte_sync",
    "bijeenkomsten_remind",
    "dagen",
    "herhaal_momenten",
    "komende_keren",
    "initiatief_approve",
    "initiatief_create",
    "initiatief_reject",
    "initiatief_update",
    "lidmaatschap_cancel",
    "lidmaatschap_create",
    "lidmaatschap_decide",
    "reeks_aanmelden",
    "reeks_afmelden",
    "regel_voor",
    "ruimte_book",
]
