"""Everything that changes help requests, offers and matches goes through here.

Views, tasks, the admin and other apps (the buurtassistent dashboard) call these functions with
keyword arguments. Each validates (``full_clean``), saves in a transaction, tells the people
involved through ``meldingen`` and queues background matching after the commit (``scheduling``).
Errors a person can fix are raised as ``ValidationError`` with a Dutch message.

The package follows the seams of the work: ``scheduling`` (asking for background matching),
``posting`` (requests and offers), ``proposals`` (the engine's candidates become matches),
``life_cycle`` (accept, decline, complete, cancel) and ``periodic`` (the beat's jobs). Import
from here: ``from hulpvragen import services; services.hulpvraag_create(...)``.
"""

from .life_cycle import match_accept, match_cancel, match_complete, match_decline
from .periodic import (
    OPNIEUW_ZOEKEN_NA,
    VERLOREN_NA,
    buurtassistenten_for,
    hulpvragen_escalate,
    hulpvragen_expire,
    matches_ask_completion,
    matches_lapse,
    matches_remind,
    matching_sweep,
)
from .posting import (
    AANBOD_VELDEN,
    HULPVRAAG_VELDEN,
    aanbod_create,
    aanbod_pause,
    aanbod_update,
    hulpvraag_create,
    hulpvraag_update,
    hulpvraag_withdraw,
)
from .proposals import aanbod_match, hulpvraag_match, match_propose
from .scheduling import aanbod_queue_matching, hulpvraag_queue_matching

__all__ = [
    "AANBOD_VELDEN",
    "HULPVRAAG_VELDEN",
    "OPNIEUW_ZOEKEN_NA",
    "VERLOREN_NA",
    "aanbod_create",
    "aanbod_match",
    "aanbod_pause",
    "aanbod_queue_matching",
    "aanbod_update",
    "buurtassistenten_for",
    "hulpvraag_create",
    "hulpvraag_match",
    "hulpvraag_queue_matching",
    "hulpvraag_update",
    "hulpvraag_withdraw",
    "hulpvragen_escalate",
    "hulpvragen_expire",
    "match_accept",
    "match_cancel",
    "match_complete",
    "match_decline",
    "match_propose",
    "matches_ask_completion",
    "matches_lapse",
    "matches_remind",
    "matching_sweep",
]
