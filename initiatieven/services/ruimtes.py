"""Rooms for an initiative's meetings, booked through ``accommodaties.services``.

- ``ruimte_book``: an organiser books a facility for the coming meetings of an activity
  that have no room yet, with the facility's own rules (opening hours, buffer, capacity,
  approval). Taken dates are reported; with ``alleen_vrije`` the free ones are booked.
- Members of an active initiative may book rooms that are "for members of initiatives"
  (``permissions.is_lid_van_een_initiatief``, registered with ``accommodaties``).
- A cancelled or moved meeting gives back or moves its booking
  (``bijeenkomst_ruimte_sync``, called by the services).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accommodaties import services as accommodaties_services
from accommodaties.services import ReeksUitkomst

from ..models import Activiteit, Bijeenkomst
from ..permissions import eis_organisator

logger = logging.getLogger(__name__)


def ruimte_book(
    *, activiteit: Activiteit, door, accommodatie, alleen_vrije: bool = False
) -> ReeksUitkomst:
    """Book ``accommodatie`` for the coming meetings of ``activiteit`` without a room
    (``Bijeenkomst.objects.te_boeken``)."""
    eis_organisator(door, activiteit.initiatief)
    bijeenkomsten = list(activiteit.bijeenkomsten.te_boeken())
    if not bijeenkomsten:
        raise ValidationError(
            _("Er zijn geen komende keren zonder ruimte. Er hoeft niets geboekt te worden.")
        )
    aantal = min(activiteit.capaciteit or accommodatie.capaciteit, accommodatie.capaciteit)
    with transaction.atomic():
        uitkomst = accommodaties_services.reservering_create_many(
            accommodatie=accommodatie,
            door=door,
            momenten=[(b.begin, b.einde) for b in bijeenkomsten],
            aantal_personen=aantal,
            doel=activiteit.titel,
            namens=activiteit.initiatief.naam,
            alleen_vrije=alleen_vrije,
        )
        per_begin = {b.begin: b for b in bijeenkomsten}
        for reservering in uitkomst.geboekt:
            Bijeenkomst.objects.filter(pk=per_begin[reservering.begin].pk).update(
                reservering=reservering
            )
        if uitkomst.geboekt and activiteit.accommodatie_id != accommodatie.pk:
            Activiteit.objects.filter(pk=activiteit.pk).update(accommodatie=accommodatie)
    return uitkomst


def bijeenkomst_ruimte_sync(bijeenkomst: Bijeenkomst, *, door, geannuleerd: bool) -> str:
    """A meeting was cancelled or moved: give back or move its room booking.

    Returns a Dutch note for the organiser when that did not work (say, after the facility's
    cancellation deadline); the meeting itself has changed anyway.
    """
    reservering = bijeenkomst.reservering
    if reservering is None or not reservering.is_actief:
        return ""
    try:
        if geannuleerd:
            accommodaties_services.reservering_cancel(
                reservering=reservering,
                door=door,
                reden=bijeenkomst.reden or bijeenkomst.activiteit.titel,
            )
        else:
            accommodaties_services.reservering_move(
                reservering=reservering,
                door=door,
                begin=bijeenkomst.begin,
                einde=bijeenkomst.einde,
            )
    except (ValidationError, PermissionDenied) as exc:
        logger.info("booking %s not followed: %s", reservering.pk, exc)
        messages = getattr(exc, "messages", None) or []
        return " ".join(str(m) for m in messages)
    return ""
