"""Thin Celery tasks: they take ids and call the services.

Every task is safe to run twice (state checks, conditional updates, unique constraints), so
``acks_late`` with ``reject_on_worker_lost`` may redeliver after a crash. The beat schedule is in
``settings.CELERY_BEAT_SCHEDULE``; ``sweep`` re-queues what a lost message left behind.
"""

from celery import shared_task
from django.db import OperationalError

from . import services
from .models import Hulpvraag

SAFE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 10,
    "max_retries": 5,
}


@shared_task(**SAFE)
def match_hulpvraag(hulpvraag_id: int) -> int:
    """Propose helpers for one request (after it is posted, changed or a proposal ended)."""
    return len(services.hulpvraag_match(hulpvraag_id))


@shared_task(**SAFE)
def match_aanbod(aanbod_id: int) -> int:
    """Match a new or changed offer against open requests."""
    return len(services.aanbod_match(aanbod_id))


@shared_task(**SAFE)
def lapse_proposals() -> int:
    """Beat: unanswered proposals lapse and the next candidates are proposed."""
    hulpvraag_ids = services.matches_lapse()
    for hulpvraag in Hulpvraag.objects.filter(pk__in=hulpvraag_ids):
        # Through hulpvraag_queue_matching, so the sweep re-queues it if this message gets lost.
        services.hulpvraag_queue_matching(hulpvraag)
    return len(hulpvraag_ids)


@shared_task(**SAFE)
def escalate_waiting() -> int:
    """Beat: requests still without a helper go to the buurtassistenten of their buurt."""
    return len(services.hulpvragen_escalate())


@shared_task(**SAFE)
def expire_past() -> int:
    """Beat: open requests whose date has passed are closed."""
    return len(services.hulpvragen_expire())


@shared_task(**SAFE)
def send_reminders() -> int:
    """Beat: remind helper and requester the day before."""
    return services.matches_remind()


@shared_task(**SAFE)
def ask_to_complete() -> int:
    """Beat: the day after a one-off help, ask both sides to mark it done."""
    return services.matches_ask_completion()


@shared_task(**SAFE)
def sweep() -> dict:
    """Beat: re-queue matching a lost message left behind; search stale requests again."""
    return services.matching_sweep()
