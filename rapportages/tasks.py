"""Thin Celery tasks for the board report."""

from celery import shared_task
from django.db import OperationalError

from . import voorberekend


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    max_retries=3,
)
def rapporten_voorberekenen() -> int:
    """Beat, every hour: the report of the usual periods, ready in the cache."""
    return voorberekend.alles_voorberekenen()
