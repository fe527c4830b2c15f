"""Thin Celery tasks for the buurtassistent's work; safe to run twice (each follow-up once)."""

from cooperaties.taken import taak

from . import services, telling


@taak()
def welkom_vervolgen() -> int:
    """Beat, every morning: 1, 3 and 6 months after a welcome contact, a follow-up (once)."""
    return services.vervolgen_create()


@taak()
def signalen_tellen() -> int | None:
    """Beat, every minute: the dashboard's count of outreach signals counted again when a
    change made it stale or it is ``VERVERS_MINUTEN`` old (``telling``)."""
    return telling.bijwerken_als_nodig()
