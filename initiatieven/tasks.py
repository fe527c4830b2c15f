"""Thin Celery tasks for activities; safe to run twice (conditional updates)."""

from cooperaties.taken import taak

from . import services


@taak()
def herinner() -> int:
    """Beat, every evening: everyone signed up for tomorrow's meetings hears it (once)."""
    return services.bijeenkomsten_remind()
