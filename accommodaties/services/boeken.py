"""Booking a facility once: every rule checked, then one insert (see the package docstring on
how a race for the same slot ends)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Accommodatie, Reeks, Reservering
from ..permissions import eis_mag_boeken, is_beheerder
from .regels import (
    BEZET,
    _beheerders_melden,
    _lock_for_check,
    _wanneer,
    is_botsing,
    reservering_problemen,
)


def reservering_create(
    *,
    accommodatie: Accommodatie,
    door,
    begin: datetime,
    einde: datetime,
    aantal_personen: int,
    doel: str,
    namens: str = "",
    reeks: Reeks | None = None,
    melden: bool = True,
) -> Reservering:
    """Book ``accommodatie`` for ``door``. Raises a Dutch ``ValidationError`` when it cannot be.

    A request (the facility needs approval) is announced to its keepers, unless ``melden`` is
    off (a series announces itself once)."""
    eis_mag_boeken(door, accommodatie)
    beheerder = is_beheerder(door, accommodatie)
    try:
        with transaction.atomic():
            _lock_for_check(accommodatie)
            fouten = reservering_problemen(
                accommodatie, begin=begin, einde=einde, aantal_personen=aantal_personen
            )
            if fouten:
                raise ValidationError(fouten)
            now = timezone.now()
            reservering = Reservering(
                accommodatie=accommodatie,
                geboekt_door=door,
                begin=begin,
                einde=einde,
                bezet_tot=einde + accommodatie.buffer,
                aantal_personen=aantal_personen,
                doel=(doel or "").strip(),
                namens=(namens or "").strip(),
                reeks=reeks,
                status=(
                    Reservering.Status.AANGEVRAAGD
                    if accommodatie.goedkeuring_nodig and not beheerder
                    else Reservering.Status.BEVESTIGD
                ),
            )
            if reservering.status == Reservering.Status.BEVESTIGD:
                reservering.bevestigd_op = now
            reservering.full_clean(exclude=["bezet_tot"])
            reservering.save()
    except DatabaseError as exc:
        if not is_botsing(exc):
            raise
        # Someone else took this slot at the same moment (see is_botsing).
        raise ValidationError({"begin": [BEZET]}) from exc
    if melden and reservering.status == Reservering.Status.AANGEVRAAGD:
        _beheerders_melden(
            accommodatie,
            titel=_("Aanvraag voor %(ruimte)s op %(wanneer)s"),
            tekst=_("%(naam)s wil de ruimte boeken: %(doel)s (%(aantal)s mensen)."),
            params={
                "ruimte": accommodatie.naam,
                "wanneer": _wanneer(reservering),
                "naam": door.display_name,
                "doel": reservering.doel,
                "aantal": reservering.aantal_personen,
            },
        )
    return reservering
