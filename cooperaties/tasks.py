"""The beat's one entry point for periodic work: each job runs once per active coöperatie."""

from celery import shared_task

from .taken import VEILIG, voor_elke_cooperatie


@shared_task(**VEILIG)
def elke_cooperatie(taak: str) -> int:
    """Beat: queue the periodic task named ``taak`` for every active coöperatie, each as a
    task of its own (one slow or failing coöperatie does not hold up the others)."""
    return voor_elke_cooperatie(taak)
