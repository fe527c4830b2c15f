"""Thin Celery tasks for activities; safe to run twice (conditional updates)."""

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
def herinner() -> int:
    """Beat, every evening: everyone signed up for tomorrow's meetings hears it (once)."""
    return services.bijeenkomsten_remind()
