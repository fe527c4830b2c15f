"""Periodic work (beat): requests nobody decided on before their start lapse."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Reservering
from .regels import _boeker_melden, _wanneer


def reserveringen_lapse(*, now=None) -> int:
    """Requests nobody decided on before their start lapse (refused, with a reason)."""
    now = now or timezone.now()
    te_laat = list(
        Reservering.objects.filter(
            status=Reservering.Status.AANGEVRAAGD, begin__lte=now
        ).select_related("accommodatie", "geboekt_door")
    )
    for reservering in te_laat:
        changed = Reservering.objects.filter(
            pk=reservering.pk, status=Reservering.Status.AANGEVRAAGD
        ).update(
            status=Reservering.Status.GEWEIGERD,
            geweigerd_op=now,
            reden=Reservering.NIET_OP_TIJD,
        )
        if changed:
            _boeker_melden(
                reservering,
                titel=_("Je aanvraag voor %(ruimte)s op %(wanneer)s is vervallen"),
                tekst=_("De beheerder heeft niet op tijd gereageerd. Sorry! Boek gerust opnieuw."),
                params={"ruimte": reservering.accommodatie.naam, "wanneer": _wanneer(reservering)},
            )
    return len(te_laat)
