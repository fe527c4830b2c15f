"""Queue background work from a service, by the task's name.

The one way in Wijk (issue 13): a task imports its app's services (a task is a thin wrapper
around one service call); a service that needs background work names the task here and never
imports ``tasks.py``, so no import circle runs between the two. The task is sent once the
transaction commits (at once when there is none), so the worker sees the rows it is given.

Every ``tasks.py`` is imported when Django starts (``wijk.apps``), so the names resolve in
every process: on the worker, and in the web process that runs tasks eagerly without a broker.
``tests`` check that every name given here belongs to a registered task.
"""

from __future__ import annotations

from celery import current_app, shared_task
from django.db import OperationalError, transaction

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


def taak(**anders):
    """``@taak()`` over a task function: ``shared_task`` with the options of ``VEILIG``;
    ``@taak(retry_backoff=30, max_retries=3)`` changes some of them."""
    return shared_task(**{**VEILIG, **anders})


def na_commit(taak: str, *args: int | str) -> None:
    """Send the task named ``taak`` (``"hulpvragen.tasks.match_hulpvraag"``) with ``args``
    (ids, never objects) after the commit.

    Robust: a broker that is down must not break the caller's page; each caller says which
    periodic job picks up what was not sent.
    """
    # Looked up now, not after the commit: an unknown name is a programming error that must
    # fail in the test that reaches it, not be swallowed by ``robust``.
    task = current_app.tasks[taak]
    transaction.on_commit(lambda: task.delay(*args), robust=True)


def stuur(taak: str, *args: int | str) -> None:
    """Send the task named ``taak`` now, for a periodic job that queues others (it runs in no
    transaction of its own); an unreachable broker raises, so the job itself is retried."""
    current_app.tasks[taak].delay(*args)
