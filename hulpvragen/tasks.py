"""Thin Celery tasks: they take ids and call the services.

Every task is safe to run twice (state checks, conditional updates, unique constraints), so
``acks_late`` with ``reject_on_worker_lost`` may redeliver after a crash. The beat schedule is in
``settings.CELERY_BEAT_SCHEDULE``; ``sweep`` re-queues what a lost message left behind.
"""

from cooperaties.taken import taak

from . import services
from .models import Hulpvraag


@taak()
def match_hulpvraag(hulpvraag_id: int) -> int:
    """Propose helpers for one request (after it is posted, changed or a proposal ended)."""
    return len(services.hulpvraag_match(hulpvraag_id))


@taak()
def match_aanbod(aanbod_id: int) -> int:
    """Match a new or changed offer against open requests."""
    return len(services.aanbod_match(aanbod_id))


@taak()
def lapse_proposals() -> int:
    """Beat: unanswered proposals lapse and the next candidates are proposed."""
    hulpvraag_ids = services.matches_lapse()
    for hulpvraag in Hulpvraag.objects.filter(pk__in=hulpvraag_ids):
        # Through hulpvraag_queue_matching, so the sweep re-queues it if this message gets lost.
        services.hulpvraag_queue_matching(hulpvraag)
    return len(hulpvraag_ids)


@taak()
def escalate_waiting() -> int:
    """Beat: requests still without a helper go to the buurtassistenten of their buurt."""
    return len(services.hulpvragen_escalate())


@taak()
def expire_past() -> int:
    """Beat: open requests whose date has passed are closed."""
    return len(services.hulpvragen_expire())


@taak()
def send_reminders() -> int:
    """Beat: remind helper and requester the day before."""
    return services.matches_remind()


@taak()
def ask_to_complete() -> int:
    """Beat: the day after a one-off help, ask both sides to mark it done."""
    return services.matches_ask_completion()


@taak()
def sweep() -> dict:
    """Beat: re-queue matching a lost message left behind; search stale requests again."""
    return services.matching_sweep()
