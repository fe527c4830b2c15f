"""Thin Celery tasks for bookings; safe to run twice (conditional updates)."""

from cooperaties.taken import taak

from . import services


@taak()
def lapse_requests() -> int:
    """Beat: booking requests nobody decided on before their start lapse."""
    return services.reserveringen_lapse()
