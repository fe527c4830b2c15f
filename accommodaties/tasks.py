"""Thin Celery tasks for bookings; safe to run twice (conditional updates)."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=10,
    max_retries=5,
)
def lapse_requests() -> int:
    """Beat: booking requests nobody decided on before their start lapse."""
    return services.reserveringen_lapse()
