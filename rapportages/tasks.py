"""Thin Celery tasks for the board report."""

from cooperaties.taken import taak

from . import voorberekend


@taak(retry_backoff=30, max_retries=3)
def rapporten_voorberekenen() -> int:
    """Beat, every hour: the monthly pre-aggregate counted again (a drifted count is
    repaired), and the report of the usual periods, ready in the cache."""
    return voorberekend.alles_voorberekenen()
