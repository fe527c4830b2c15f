"""Background work for one coöperatie: queue a task by name, and the decorator every task wears.

The one way in Wijk (issues 13 and 14):

- a task imports its app's services (a task is a thin wrapper around one service call); a
  service that needs background work names the task here (``na_commit``) and never imports
  ``tasks.py``, so no import circle runs between the two. The task is sent once the
  transaction commits (at once when there is none), so the worker sees the rows it is given;
- every task carries its coöperatie *explicitly*: its first argument is the coöperatie's id,
  added here from the current coöperatie when the task is queued. ``@taak()`` takes it off
  again and runs the task's function inside that coöperatie (``in_cooperatie``), before the
  function touches the database. A task queued with no current coöperatie is a programming
  error and fails where it is queued, never later in the wrong coöperatie;
- periodic work runs once per active coöperatie: the beat schedule names
  ``cooperaties.tasks.elke_cooperatie`` with the task to run (``per_cooperatie`` in the settings).

Every ``tasks.py`` is imported when Django starts (``wijk.apps``), so the names resolve in
every process: on the worker, and in the web process that runs tasks eagerly without a broker.
``tests`` check that every name given here belongs to a registered task.
"""

from __future__ import annotations

import functools
import logging

from celery import current_app, shared_task
from django.db import OperationalError, transaction

from .huidige import huidige, in_cooperatie
from .models import Cooperatie

logger = logging.getLogger(__name__)

# How Wijk's tasks run: every task is safe to run twice (state checks, conditional updates,
# unique constraints), so it is acknowledged after it ran (``acks_late``) and redelivered when
# its worker dies; a database that does not answer for a moment means trying again later.
VEILIG = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 10,
    "max_retries": 5,
}


class GeenCooperatie(RuntimeError):
    """Work was queued or started for no coöperatie."""


def taak(**anders):
    """``@taak()`` over a task function: ``shared_task`` with the options of ``VEILIG``
    (``@taak(retry_backoff=30, max_retries=3)`` changes some of them), whose message carries
    the coöperatie's id in front of the function's own arguments."""

    def inpakken(functie):
        @functools.wraps(functie)
        def voor_cooperatie(cooperatie_id: int, *args, **kwargs):
            cooperatie = Cooperatie.objects.filter(pk=cooperatie_id).first()
            if cooperatie is None:
                # Removed with all its rows after the task was queued: nothing is left to do.
                logger.warning(
                    "%s: coöperatie %s bestaat niet meer", functie.__name__, cooperatie_id
                )
                return None
            with in_cooperatie(cooperatie):
                return functie(*args, **kwargs)

        # Celery checks the arguments of a call against the signature, which inspect would
        # read from the wrapped function (without the coöperatie) if this stayed.
        del voor_cooperatie.__wrapped__
        return shared_task(**{**VEILIG, **anders})(voor_cooperatie)

    return inpakken


def _cooperatie_id(taak: str) -> int:
    cooperatie = huidige()
    if cooperatie is None:
        raise GeenCooperatie(f"{taak} queued outside any coöperatie (use in_cooperatie)")
    return cooperatie.pk


def na_commit(taak: str, *args: int | str) -> None:
    """Send the task named ``taak`` (``"hulpvragen.tasks.match_hulpvraag"``) with ``args``
    (ids, never objects) after the commit, for the current coöperatie.

    Robust: a broker that is down must not break the caller's page; each caller says which
    periodic job picks up what was not sent.
    """
    # Looked up now, not after the commit: an unknown name or a missing coöperatie is a
    # programming error that must fail in the test that reaches it, not be swallowed by
    # ``robust``.
    task = current_app.tasks[taak]
    cooperatie_id = _cooperatie_id(taak)
    transaction.on_commit(lambda: task.delay(cooperatie_id, *args), robust=True)


def stuur(taak: str, *args: int | str) -> None:
    """Send the task named ``taak`` now, for the current coöperatie, from a periodic job that
    queues others (it runs in no transaction of its own); an unreachable broker raises, so the
    job itself is retried."""
    task = current_app.tasks[taak]
    task.delay(_cooperatie_id(taak), *args)


def voor_elke_cooperatie(taak: str) -> int:
    """Send the task named ``taak`` once for every active coöperatie; the number sent."""
    task = current_app.tasks[taak]
    ids = list(Cooperatie.objects.actief().order_by("pk").values_list("pk", flat=True))
    for cooperatie_id in ids:
        task.delay(cooperatie_id)
    return len(ids)
