"""Proposals: the engine's candidates for a request (or for a new offer) become matches in state
``voorgesteld`` and their helpers are asked; a buurtassistent may propose a helper by hand."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send

from .. import matching, permissions, zoekindex
from ..models import Aanbod, Hulpvraag, Match
from ..wanneer import wanneer_tekst


def _proposal_deadline(now):
    return now + timedelta(hours=matching.config()["VOORSTEL_GELDIG_UREN"])


def _notify_proposal(match: Match, hulpvraag: Hulpvraag) -> None:
    melding_send(
        match.helper,
        "hulp_voorstel",
        titel=_("Kun jij helpen? %(titel)s"),
        tekst=_(
            "Een buur zoekt hulp bij %(categorie)s, %(wanneer)s. Jij past er goed bij: "
            "%(uitleg)s. Zeg ja of nee op de pagina van het voorstel."
        ),
        url=match.get_absolute_url(),
        params={
            "titel": hulpvraag.titel,
            "categorie": hulpvraag.categorie.naam,
            # Lazy: rendered in the helper's own language by melding_send().
            "uitleg": lazy(lambda: match.uitleg_tekst, str)(),
            "wanneer": lazy(lambda: wanneer_tekst(hulpvraag), str)(),
        },
    )


def _create_proposals(hulpvraag: Hulpvraag, kandidaten, *, now, door=None) -> list[Match]:
    matches = [
        Match(
            hulpvraag=hulpvraag,
            helper_id=k.helper_id,
            aanbod_id=k.aanbod_id,
            score=k.score,
            score_delen=k.delen,
            uitleg=k.uitleg,
            aangemaakt_op=now,
            verloopt_op=_proposal_deadline(now),
            voorgesteld_door=door,
        )
        for k in kandidaten
    ]
    if not matches:
        return []
    Match.objects.bulk_create(matches)
    zoekindex.mark_asked({m.helper_id for m in matches}, now)
    helpers = get_user_model().objects.in_bulk([m.helper_id for m in matches])
    for match in matches:
        match.helper = helpers[match.helper_id]
        _notify_proposal(match, hulpvraag)
    return matches


def _lock(hulpvraag_id: int, **filters) -> Hulpvraag | None:
    """The request, its row locked until the transaction ends (None: gone or not as ``filters``)."""
    return (
        Hulpvraag.objects.select_for_update(of=("self",))
        .select_related("categorie")
        .filter(pk=hulpvraag_id, **filters)
        .first()
    )


def hulpvraag_match(hulpvraag_id: int, *, now=None) -> list[Match]:
    """Propose helpers for one request until it has *k* waiting proposals. Idempotent.

    The request row is locked while proposing, so two runs at once cannot both add *k*.
    """
    now = now or timezone.now()
    with transaction.atomic():
        hulpvraag = _lock(hulpvraag_id)
        if hulpvraag is None:
            return []
        Hulpvraag.objects.filter(pk=hulpvraag.pk).update(gematcht_gezocht_op=now)
        if not hulpvraag.is_open:
            return []
        waiting = hulpvraag.matches.voorgesteld().count()
        needed = matching.config()["K"] - waiting
        if needed <= 0:
            return []
        kandidaten = matching.rank(hulpvraag, now=now, limit=needed)
        return _create_proposals(hulpvraag, kandidaten, now=now)


def aanbod_match(aanbod_id: int, *, now=None) -> list[Match]:
    """Match a new or changed offer against open requests that still need proposals."""
    now = now or timezone.now()
    aanbod = Aanbod.objects.select_related("helper", "helper__profiel").filter(pk=aanbod_id).first()
    if aanbod is None:
        return []
    Aanbod.objects.filter(pk=aanbod.pk).update(gematcht_gezocht_op=now)
    if not aanbod.actief or not aanbod.helper.is_active:
        return []
    k = matching.config()["K"]
    created: list[Match] = []
    for hulpvraag in matching.requests_for_offer(aanbod, now=now, limit=20):
        with transaction.atomic():
            locked = _lock(hulpvraag.pk, status=Hulpvraag.Status.OPEN)
            if locked is None:
                continue
            if locked.matches.voorgesteld().count() >= k:
                continue
            # The same hard constraints as for any request, narrowed to this one offer: this
            # also re-checks the weekly cap after each proposal made in this loop.
            kandidaten = [
                kandidaat
                for kandidaat in matching.rank(locked, now=now)
                if kandidaat.helper_id == aanbod.helper_id
            ]
            if not kandidaten:
                continue
            created += _create_proposals(locked, kandidaten[:1], now=now)
    return created


def match_propose(*, hulpvraag: Hulpvraag, helper, door, aanbod: Aanbod | None = None) -> Match:
    """A buurtassistent proposes one helper themself (the engine's facts are kept when known)."""
    if not permissions.is_coordinator_voor(door, hulpvraag):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        locked = Hulpvraag.objects.select_for_update(of=("self",)).get(pk=hulpvraag.pk)
        if not locked.is_open:
            raise ValidationError(_("Deze hulpvraag heeft al een helper of is gesloten."))
        if helper.pk == locked.aanvrager_id:
            raise ValidationError(_("De aanvrager kan niet zijn eigen helper zijn."))
        if not permissions.mag_gevraagd_worden(helper):
            raise ValidationError(
                _("Deze persoon kan nu niet gevraagd worden: geen toestemming of niet actief.")
            )
        if locked.matches.filter(helper=helper).exists():
            raise ValidationError(_("Deze helper is al eerder gevraagd voor deze hulpvraag."))
        ranked = {k.helper_id: k for k in matching.rank(locked, now=now)}
        kandidaat = ranked.get(helper.pk) or matching.Kandidaat(
            helper_id=helper.pk,
            aanbod_id=aanbod.pk if aanbod else None,
            expliciet=False,
            zelfde_buurt=False,
            buurt_in_bereik=False,
            beschikbaarheid=0,
            belasting=0,
            hielp_eerder=False,
        )
        return _create_proposals(locked, [kandidaat], now=now, door=door)[0]
