"""Booking shared facilities: the one way in, for pages and for other apps.

``reservering_create(...)`` checks every rule in Python first (opening hours, closures, length, horizon,
capacity, who may book, overlap with other bookings plus the buffer) and raises a Dutch
``ValidationError``; then inserts. On PostgreSQL the exclusion constraint (migration 0002) is
the guarantee: when two people take the same slot at the same moment, the second insert fails
on it, and that becomes the same friendly message. On SQLite the facility row is written first
inside the transaction, which takes SQLite's write lock, so check and insert run one at a time.

Initiatives book rooms for their activities through ``reservering_create_many`` with the same
rules.

The modules, along the seams: ``regels`` (the rules every booking is checked against),
``boeken`` (one booking), ``reeksen`` (a series, or many moments at once), ``besluiten`` (a
keeper's decision, cancelling, moving), ``periodiek`` (beat: requests that lapse) and
``agenda`` (the personal calendar link). Who may book at all is a rule in
``accommodaties.permissions`` (``boek_bezwaar``, ``is_beheerder``), re-exported here for the
apps that ask it through ``services``. Other apps import from this package, not its modules.
"""

from ..beschikbaarheid import beschikbaarheid, rooster
from ..permissions import boek_bezwaar, is_beheerder, register_initiatief_regel
from .agenda import agenda_sleutel_voor
from .besluiten import reservering_approve, reservering_cancel, reservering_move, reservering_reject
from .boeken import reservering_create
from .periodiek import reserveringen_lapse
from .reeksen import (
    ReeksUitkomst,
    reeks_data,
    reservering_create_many,
    reservering_create_series,
)
from .regels import BEZET, binnen_openingstijden, reservering_problemen

__all__ = [
    "BEZET",
    "ReeksUitkomst",
    "agenda_sleutel_voor",
    "beschikbaarheid",
    "binnen_openingstijden",
    "boek_bezwaar",
    "is_beheerder",
    "reeks_data",
    "register_initiatief_regel",
    "reservering_approve",
    "reservering_cancel",
    "reservering_create",
    "reservering_create_many",
    "reservering_create_series",
    "reservering_move",
    "reservering_problemen",
    "reservering_reject",
    "reserveringen_lapse",
    "rooster",
]
