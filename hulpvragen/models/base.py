"""What requests and offers share: their matching runs in the background.

Both carry two bookkeeping fields: when matching was asked for (``matching_gevraagd_op``, set by
``services.scheduling``) and when it last ran (``gematcht_gezocht_op``). The sweep re-queues
what was asked for but never ran (a lost message).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class AchtergrondMatchingQuerySet(models.QuerySet):
    def matching_verloren(self, grens):
        """Matching was asked for before ``grens`` and has not run since: its message was lost."""
        return self.filter(matching_gevraagd_op__lt=grens).filter(
            Q(gematcht_gezocht_op__isnull=True)
            | Q(gematcht_gezocht_op__lt=F("matching_gevraagd_op"))
        )
