"""Thin Celery tasks for the buurtassistent's work; safe to run twice (each follow-up once)."""

from cooperaties.taken import taak

from . import services


@taak()
def welkom_vervolgen() -> int:
    """Beat, every morning: 1, 3 and 6 months after a welcome contact, a follow-up (once)."""
    return services.vervolgen_create()
