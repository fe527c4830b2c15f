"""Thin Celery tasks for the buurtassistent's work; safe to run twice (each follow-up once)."""

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
def welkom_vervolgen() -> int:
    """Beat, every morning: 1, 3 and 6 months after a welcome contact, a follow-up (once)."""
    return services.vervolgen_create()
