"""Posting help requests and offers: create, change, withdraw, pause.

Each validates (``full_clean``), saves in a transaction and asks for background matching
(``scheduling``). Errors a person can fix are raised as ``ValidationError`` with a Dutch message.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.permissions import is_buurtassistent_voor

from .. import permissions, zoekindex
from ..models import WANNEER_VELDEN, Aanbod, Hulpvraag, Wanneer
from .life_cycle import INGETROKKEN, _end_matches
from .scheduling import aanbod_queue_matching, hulpvraag_queue_matching

HULPVRAAG_VELDEN = (
    "categorie",
    "titel",
    "beschrijving",
    "prive_details",
    *WANNEER_VELDEN,
    "urgentie",
)
AANBOD_VELDEN = ("titel", "beschrijving", "beschikbaarheid", "bereik", "actief", "max_per_week")
# A change of one of these looks for helpers again.
# (The end of a weekly series does not change who fits.)
MATCHING_VELDEN = ("categorie", *(naam for naam in WANNEER_VELDEN if naam != "herhalen_tot"))
# Dates that may not be in the past, unless they stayed as they were.
DATUM_VELDEN = ("datum", "uiterlijk", "herhalen_tot")


def _check_fields(fields, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")


def _check_can_post(user) -> None:
    if not permissions.mag_plaatsen(user):
        raise ValidationError(
            _("Geef eerst toestemming in je profiel. Daarna kun je hulp vragen of aanbieden.")
        )


# --- help requests ---------------------------------------------------------------------------


def _buurt_of(user):
    profiel = getattr(user, "profiel", None)
    return profiel.buurt if profiel is not None else None


def _clear_other_when_fields(obj: Hulpvraag) -> None:
    """Keep only the fields that belong to the chosen kind of 'when'."""
    if obj.wanneer == Wanneer.DATUM:
        obj.uiterlijk = obj.weekdag = obj.herhalen_tot = None
    elif obj.wanneer == Wanneer.FLEXIBEL:
        obj.datum = obj.weekdag = obj.herhalen_tot = None
    elif obj.wanneer == Wanneer.WEKELIJKS:
        obj.datum = obj.uiterlijk = None


@transaction.atomic
def hulpvraag_create(*, aanvrager, door=None, **fields) -> Hulpvraag:
    """Post a help request for ``aanvrager``; ``door`` is a buurtassistent acting for them."""
    _check_fields(fields, HULPVRAAG_VELDEN)
    if door is not None and door.pk != aanvrager.pk:
        if not is_buurtassistent_voor(door, aanvrager):
            raise PermissionDenied
    else:
        door = None
        _check_can_post(aanvrager)
    hulpvraag = Hulpvraag(aanvrager=aanvrager, ingevoerd_door=door, buurt=_buurt_of(aanvrager))
    for name, value in fields.items():
        setattr(hulpvraag, name, value)
    _clear_other_when_fields(hulpvraag)
    hulpvraag.full_clean()
    hulpvraag.save()
    hulpvraag_queue_matching(hulpvraag)
    return hulpvraag


@transaction.atomic
def hulpvraag_update(*, hulpvraag: Hulpvraag, door, **fields) -> Hulpvraag:
    if not permissions.can_edit_hulpvraag(door, hulpvraag):
        raise PermissionDenied
    hulpvraag = Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
    if not hulpvraag.is_active:
        raise ValidationError(_("Deze hulpvraag is gesloten en kan niet meer veranderen."))
    _check_fields(fields, HULPVRAAG_VELDEN)
    before = {name: getattr(hulpvraag, name) for name in MATCHING_VELDEN}
    before_dates = {name: getattr(hulpvraag, name) for name in DATUM_VELDEN}
    for name, value in fields.items():
        setattr(hulpvraag, name, value)
    _clear_other_when_fields(hulpvraag)
    # A date may stay in the past only when it did not change (full_clean checks new requests).
    vandaag = timezone.localdate()
    for name in DATUM_VELDEN:
        value = getattr(hulpvraag, name)
        if value and value != before_dates[name] and value < vandaag:
            raise ValidationError(
                {name: _("Deze datum is al voorbij. Kies vandaag of een dag later.")}
            )
    hulpvraag.full_clean()
    hulpvraag.save()
    changed = any(getattr(hulpvraag, name) != value for name, value in before.items())
    if changed and hulpvraag.is_open:
        hulpvraag_queue_matching(hulpvraag)
    return hulpvraag


@transaction.atomic
def hulpvraag_withdraw(*, hulpvraag: Hulpvraag, door) -> Hulpvraag:
    """The requester (or a buurtassistent) withdraws: proposals and an agreed help end."""
    if not permissions.can_edit_hulpvraag(door, hulpvraag):
        raise PermissionDenied
    now = timezone.now()
    changed = (
        Hulpvraag.objects.filter(pk=hulpvraag.pk)
        .lopend()
        .update(status=Hulpvraag.Status.INGETROKKEN, ingetrokken_op=now)
    )
    if not changed:
        raise ValidationError(_("Deze hulpvraag is al gesloten."))
    hulpvraag.refresh_from_db()
    affected = list(hulpvraag.matches.lopend().select_related("helper", "hulpvraag"))
    _end_matches(affected, INGETROKKEN, now=now)
    return hulpvraag


# --- offers ----------------------------------------------------------------------------------


def _set_offer_fields(aanbod: Aanbod, fields: dict) -> tuple[list | None, list | None]:
    categorieen = fields.pop("categorieen", None)
    buurten = fields.pop("buurten", None)
    _check_fields(fields, AANBOD_VELDEN)
    for name, value in fields.items():
        setattr(aanbod, name, value)
    return categorieen, buurten


def _check_categorieen(categorieen) -> None:
    if categorieen is not None and not list(categorieen):
        raise ValidationError({"categorieen": _("Kies minstens één onderwerp.")})


@transaction.atomic
def aanbod_create(*, helper, **fields) -> Aanbod:
    _check_can_post(helper)
    aanbod = Aanbod(helper=helper, buurt=_buurt_of(helper))
    categorieen, buurten = _set_offer_fields(aanbod, fields)
    _check_categorieen([] if categorieen is None else categorieen)
    aanbod.full_clean()
    if not aanbod.actief:
        aanbod.gepauzeerd_op = timezone.now()
    aanbod.save()
    aanbod.categorieen.set(categorieen)
    aanbod.buurten.set(buurten or [])
    zoekindex.rebuild_for_aanbod(aanbod)
    aanbod_queue_matching(aanbod)
    return aanbod


@transaction.atomic
def aanbod_update(*, aanbod: Aanbod, door, **fields) -> Aanbod:
    if not permissions.is_eigen_aanbod(door, aanbod):
        raise PermissionDenied
    was_actief = aanbod.actief
    categorieen, buurten = _set_offer_fields(aanbod, fields)
    _check_categorieen(categorieen)
    aanbod.buurt = _buurt_of(aanbod.helper)
    if aanbod.actief:
        # Editing a paused offer is fine; being asked again needs consent in the profile.
        _check_can_post(aanbod.helper)
    aanbod.full_clean()
    if was_actief and not aanbod.actief:
        aanbod.gepauzeerd_op = timezone.now()
    elif aanbod.actief:
        aanbod.gepauzeerd_op = None
    aanbod.save()
    if categorieen is not None:
        aanbod.categorieen.set(categorieen)
    if buurten is not None:
        aanbod.buurten.set(buurten)
    zoekindex.rebuild_for_aanbod(aanbod)
    if aanbod.actief:
        aanbod_queue_matching(aanbod)
    return aanbod


def aanbod_pause(*, aanbod: Aanbod, door, pauze: bool = True) -> Aanbod:
    """Pause (or resume) an offer. Waiting proposals stay; no new ones come while paused."""
    return aanbod_update(aanbod=aanbod, door=door, actief=not pauze)
