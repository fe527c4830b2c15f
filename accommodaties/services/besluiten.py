"""A keeper's decision on a request (approve, reject), and cancelling or moving a booking.

Each is a conditional update on the booking's status, so two people acting at the same moment
cannot both win: the second gets a Dutch ``ValidationError``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meldingen.services import melding_send_many

from ..models import Reservering
from ..permissions import is_beheerder
from .regels import (
    BEZET,
    _beheerders_melden,
    _boeker_melden,
    _lock_for_check,
    _wanneer,
    is_botsing,
    reservering_problemen,
)


def _besluit(reservering: Reservering, *, door, status: str, reden: str = "") -> Reservering:
    if not is_beheerder(door, reservering.accommodatie):
        raise PermissionDenied
    now = timezone.now()
    velden = {"status": status, "beoordeeld_door": door, "reden": (reden or "").strip()}
    velden["bevestigd_op" if status == Reservering.Status.BEVESTIGD else "geweigerd_op"] = now
    changed = Reservering.objects.filter(
        pk=reservering.pk, status=Reservering.Status.AANGEVRAAGD
    ).update(**velden)
    if not changed:
        raise ValidationError(_("Over deze aanvraag is al beslist, of hij is afgezegd."))
    reservering.refresh_from_db()
    _boeker_melden(
        reservering,
        titel=(
            _("Je boeking van %(ruimte)s op %(wanneer)s is bevestigd")
            if status == Reservering.Status.BEVESTIGD
            else _("Je boeking van %(ruimte)s op %(wanneer)s kan niet doorgaan")
        ),
        tekst=_("Reden: %(reden)s") if reservering.reden else "",
        params={
            "ruimte": reservering.accommodatie.naam,
            "wanneer": _wanneer(reservering),
            "reden": reservering.reden,
        },
    )
    return reservering


def reservering_approve(*, reservering: Reservering, door) -> Reservering:
    return _besluit(reservering, door=door, status=Reservering.Status.BEVESTIGD)


def reservering_reject(*, reservering: Reservering, door, reden: str) -> Reservering:
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Schrijf kort op waarom het niet kan.")})
    return _besluit(reservering, door=door, status=Reservering.Status.GEWEIGERD, reden=reden)


def reservering_cancel(*, reservering: Reservering, door, reden: str = "") -> Reservering:
    """The booker cancels until the deadline; a keeper at any time, with a reason."""
    accommodatie = reservering.accommodatie
    beheerder = is_beheerder(door, accommodatie)
    eigen = reservering.geboekt_door_id == door.pk
    if not (eigen or beheerder):
        raise PermissionDenied
    reden = (reden or "").strip()
    if len(reden) > Reservering._meta.get_field("reden").max_length:
        raise ValidationError({"reden": _("Houd de reden kort: hoogstens 300 tekens.")})
    if not eigen:
        if not reden:
            raise ValidationError({"reden": _("Schrijf kort op waarom de boeking niet doorgaat.")})
    else:
        grens = reservering.begin - timedelta(hours=accommodatie.annuleren_uren_vooraf)
        if timezone.now() > grens and not beheerder:
            raise ValidationError(
                ngettext(
                    "Afzeggen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als het "
                    "toch niet doorgaat.",
                    "Afzeggen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als het "
                    "toch niet doorgaat.",
                    accommodatie.annuleren_uren_vooraf,
                )
                % {"uren": accommodatie.annuleren_uren_vooraf}
            )
    changed = Reservering.objects.filter(pk=reservering.pk, status__in=Reservering.ACTIEF).update(
        status=Reservering.Status.GEANNULEERD, geannuleerd_op=timezone.now(), reden=reden
    )
    if not changed:
        raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    reservering.refresh_from_db()
    ontvangers = (
        list(accommodatie.beheerders.filter(is_active=True).exclude(pk=door.pk))
        if eigen
        else [reservering.geboekt_door]
    )
    melding_send_many(
        ontvangers,
        "reservering_geannuleerd",
        titel=_("De boeking van %(ruimte)s op %(wanneer)s gaat niet door"),
        tekst=_("Reden: %(reden)s") if reden else "",
        url=reservering.get_absolute_url(),
        params={"ruimte": accommodatie.naam, "wanneer": _wanneer(reservering), "reden": reden},
    )
    return reservering


def reservering_move(
    *,
    reservering: Reservering,
    door,
    begin: datetime,
    einde: datetime,
    aantal_personen: int | None = None,
) -> Reservering:
    """Move one booking (also a single date of a series) to another time, with the same rules.

    The booker may do so until the cancellation deadline, a keeper at any time. When the
    facility needs approval and the booker is not a keeper, the moved booking is a request
    again. Keepers are told of a booker's move; the booker of a keeper's.
    """
    accommodatie = reservering.accommodatie
    beheerder = is_beheerder(door, accommodatie)
    eigen = reservering.geboekt_door_id == door.pk
    if not (eigen or beheerder):
        raise PermissionDenied
    if not reservering.is_actief:
        raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    if not beheerder:
        grens = reservering.begin - timedelta(hours=accommodatie.annuleren_uren_vooraf)
        if timezone.now() > grens:
            raise ValidationError(
                ngettext(
                    "Veranderen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als "
                    "het anders moet.",
                    "Veranderen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als "
                    "het anders moet.",
                    accommodatie.annuleren_uren_vooraf,
                )
                % {"uren": accommodatie.annuleren_uren_vooraf}
            )
    if aantal_personen is None:
        aantal_personen = reservering.aantal_personen
    was = _wanneer(reservering)
    try:
        with transaction.atomic():
            _lock_for_check(accommodatie)
            fouten = reservering_problemen(
                accommodatie,
                begin=begin,
                einde=einde,
                aantal_personen=aantal_personen,
                negeer=reservering,
            )
            if fouten:
                raise ValidationError(fouten)
            velden = {
                "begin": begin,
                "einde": einde,
                "bezet_tot": einde + accommodatie.buffer,
                "aantal_personen": aantal_personen,
            }
            opnieuw_vragen = (
                accommodatie.goedkeuring_nodig
                and not is_beheerder(reservering.geboekt_door, accommodatie)
                and not beheerder
            )
            if opnieuw_vragen:
                velden.update(status=Reservering.Status.AANGEVRAAGD, bevestigd_op=None)
            changed = Reservering.objects.filter(
                pk=reservering.pk, status__in=Reservering.ACTIEF
            ).update(**velden)
            if not changed:
                raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    except DatabaseError as exc:
        if not is_botsing(exc):
            raise
        raise ValidationError({"begin": [BEZET]}) from exc
    reservering.refresh_from_db()
    params = {
        "ruimte": accommodatie.naam,
        "was": was,
        "wanneer": _wanneer(reservering),
        "naam": reservering.geboekt_door.display_name,
    }
    if eigen:
        _beheerders_melden(
            accommodatie,
            behalve=door,
            titel=_("Boeking van %(ruimte)s verplaatst naar %(wanneer)s"),
            tekst=(
                _(
                    "%(naam)s wil nu op %(wanneer)s (was %(was)s). Keur het opnieuw goed of wijs het af."
                )
                if reservering.status == Reservering.Status.AANGEVRAAGD
                else _("%(naam)s heeft de boeking verplaatst (was %(was)s).")
            ),
            params=params,
        )
    else:
        _boeker_melden(
            reservering,
            titel=_("Je boeking van %(ruimte)s is verplaatst naar %(wanneer)s"),
            tekst=_("De beheerder heeft je boeking verplaatst. Eerst was het %(was)s."),
            params=params,
        )
    return reservering
