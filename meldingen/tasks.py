"""Thin Celery tasks: they take ids and call the services. Safe to run twice (acks late); each
runs for the coöperatie it was queued in (``cooperaties.taken``)."""

from smtplib import SMTPException

from django.db import OperationalError

from cooperaties.taken import stuur, taak

from . import services

# Mail servers fail now and then; try again later, a few times. A mail that still could not be
# sent goes out with the next daily digest (services.ACHTERSTAND_NA).
RETRY = {
    "autoretry_for": (SMTPException, OSError, OperationalError),
    "retry_backoff": 60,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@taak(**RETRY)
def send_melding_email(melding_id: int) -> bool:
    """E-mail one melding, unless it was sent already or is not meant for e-mail."""
    return services.melding_email_send(melding_id)


@taak()
def send_daily_digests() -> int:
    """Beat, every morning: queue one digest per person with e-mail meldingen waiting."""
    user_ids = services.digest_recipient_ids()
    for user_id in user_ids:
        stuur("meldingen.tasks.send_digest", user_id)
    return len(user_ids)


@taak(**RETRY)
def send_digest(user_id: int) -> int:
    """One digest e-mail with everything still waiting for this person."""
    return services.samenvatting_send(user_id)
