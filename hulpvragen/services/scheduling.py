"""Asking for background matching: the request or offer records when it was asked for, and the
task is queued by name after the commit (``cooperaties.taken``), so services never import tasks."""

from __future__ import annotations

from django.utils import timezone

from cooperaties import taken

from ..models import Aanbod, Hulpvraag


def _queue_matching(obj: Hulpvraag | Aanbod, task_name: str) -> None:
    # The sweep (``matching_sweep``) re-queues what was asked for but never ran: ``na_commit`` is
    # robust, so a broker that is down must not break the page.
    type(obj).objects.filter(pk=obj.pk).update(matching_gevraagd_op=timezone.now())
    taken.na_commit(f"hulpvragen.tasks.{task_name}", obj.pk)


def hulpvraag_queue_matching(hulpvraag: Hulpvraag) -> None:
    _queue_matching(hulpvraag, "match_hulpvraag")


def aanbod_queue_matching(aanbod: Aanbod) -> None:
    _queue_matching(aanbod, "match_aanbod")
