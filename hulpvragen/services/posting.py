"""Everything that changes help requests, offers and matches goes through here.

Views, tasks, the admin and other apps (the buurtassistent dashboard) call these functions with
keyword arguments. Each validates (``full_clean``), saves in a transaction, tells the people
involved through ``meldingen`` and schedules background matching with ``transaction.on_commit``.
Errors a person can fix are raised as ``ValidationError`` with a Dutch message.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bewoners.permissions import is_buurtassistent_voor
from bewoners.roles import Rol
from meldingen.services import melding_send
from wijk.lib import taken

from . import matching, permissions, zoekindex
from .models import Aanbod, Hulpvraag, Match, Wanneer

logger = logging.getLogger(__name__)

HULPVRAAG_VELDEN = (
    "categorie",
    "titel",
    "beschrijving",
    "prive_details",
    "wanneer",
    "datum",
    "tijd_van",
    "tijd_tot",
    "uiterlijk",
    "weekdag",
    "herhalen_tot",
    "urgentie",
)
AANBOD_VELDEN = ("titel", "beschrijving", "beschikbaarheid", "bereik", "actief", "max_per_week")

# A request whose matching was asked for but has not run after this long lost its message.
VERLOREN_NA = timedelta(minutes=10)
# Open requests without a waiting proposal are searched again this often (new helpers come).
OPNIEUW_ZOEKEN_NA = timedelta(hours=6)


# --- scheduling ------------------------------------------------------------------------------


def _schedule(task_name: str, pk: int) -> None:
    # robust: a broker that is down must not break the page; the matching_sweep re-queues the work.
    taken.na_commit(f"hulpvragen.tasks.{task_name}", pk)


def hulpvraag_queue_matching(hulpvraag: Hulpvraag) -> None:
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(matching_gevraagd_op=timezone.now())
    _schedule("match_hulpvraag", hulpvraag.pk)


def aanbod_queue_matching(aanbod: Aanbod) -> None:
    Aanbod.objects.filter(pk=aanbod.pk).update(matching_gevraagd_op=timezone.now())
    _schedule("match_aanbod", aanbod.pk)


# --- ending matches ---------------------------------------------------------------------------


def _end_matches(matches, *, status: str, reden: str, now, melding=None) -> None:
    """Close ``matches`` with ``status`` and a system ``reden`` (a ``gettext_noop`` text, shown in
    each reader's language), in one UPDATE; then tell each helper with ``melding`` =
    ``(soort, titel, tekst)``. Only matches still waiting or agreed are changed."""
    if not matches:
        return
    timestamp = {
        Match.Status.GEANNULEERD: "geannuleerd_op",
        Match.Status.VERLOPEN: "verlopen_op",
    }[status]
    Match.objects.filter(
        pk__in=[m.pk for m in matches],
        status__in=[Match.Status.VOORGESTELD, Match.Status.GEACCEPTEERD],
    ).update(status=status, reden=reden, **{timestamp: now})
    if melding is None:
        return
    soort, titel, tekst = melding
    for match in matches:
        melding_send(
            match.helper,
            soort,
            titel=titel,
            tekst=tekst,
            url=match.get_absolute_url(),
            params={"titel": match.hulpvraag.titel},
        )


# --- help requests ---------------------------------------------------------------------------


def _buurt_of(user):
    profiel = getattr(user, "profiel", None)
    return profiel.buurt if profiel is not None else None


def _check_can_post(user) -> None:
    profiel = getattr(user, "profiel", None)
    if profiel is None or not profiel.heeft_toestemming:
        raise ValidationError(
            _("Geef eerst toestemming in je profiel. Daarna kun je hulp vragen of aanbieden.")
        )


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
    unknown = set(fields) - set(HULPVRAAG_VELDEN)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")
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
    unknown = set(fields) - set(HULPVRAAG_VELDEN)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")
    matching_fields = {
        "categorie",
        "wanneer",
        "datum",
        "tijd_van",
        "tijd_tot",
        "uiterlijk",
        "weekdag",
    }
    before = {name: getattr(hulpvraag, name) for name in matching_fields}
    before_dates = {
        name: getattr(hulpvraag, name) for name in ("datum", "uiterlijk", "herhalen_tot")
    }
    for name, value in fields.items():
        setattr(hulpvraag, name, value)
    _clear_other_when_fields(hulpvraag)
    # A date may stay in the past only when it did not change (full_clean checks new requests).
    vandaag = timezone.localdate()
    for name in ("datum", "uiterlijk", "herhalen_tot"):
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
    changed = Hulpvraag.objects.filter(
        pk=hulpvraag.pk, status__in=[Hulpvraag.Status.OPEN, Hulpvraag.Status.GEMATCHT]
    ).update(status=Hulpvraag.Status.INGETROKKEN, ingetrokken_op=now)
    if not changed:
        raise ValidationError(_("Deze hulpvraag is al gesloten."))
    hulpvraag.refresh_from_db()
    affected = list(
        hulpvraag.matches.filter(
            status__in=[Match.Status.VOORGESTELD, Match.Status.GEACCEPTEERD]
        ).select_related("helper", "hulpvraag")
    )
    _end_matches(
        affected,
        status=Match.Status.GEANNULEERD,
        reden=gettext_noop("De hulpvraag is ingetrokken."),
        now=now,
        melding=(
            "hulp_geannuleerd",
            _("De hulpvraag '%(titel)s' is ingetrokken"),
            _("Je hoeft niets meer te doen. Dank je wel dat je wilde helpen."),
        ),
    )
    return hulpvraag


# --- offers ----------------------------------------------------------------------------------


def _set_offer_fields(aanbod: Aanbod, fields: dict) -> tuple[list | None, list | None]:
    categorieen = fields.pop("categorieen", None)
    buurten = fields.pop("buurten", None)
    unknown = set(fields) - set(AANBOD_VELDEN)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")
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
    if not categorieen:
        raise ValidationError({"categorieen": _("Kies minstens één onderwerp.")})
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
    if door.pk != aanbod.helper_id:
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


# --- matching --------------------------------------------------------------------------------


def _proposal_deadline(now):
    return now + timedelta(hours=matching.config()["VOORSTEL_GELDIG_UREN"])


def _notify_proposal(match: Match, hulpvraag: Hulpvraag) -> None:
    melding_send(
        match.helper,
        "hulp_voorstel",
        titel=_("Kun jij helpen? %(titel)s"),
        tekst=_(
            "Een buur zoekt hulp bij %(categorie)s. Jij past er goed bij: %(uitleg)s. "
            "Zeg ja of nee op de pagina van het voorstel."
        ),
        url=match.get_absolute_url(),
        params={
            "titel": hulpvraag.titel,
            "categorie": hulpvraag.categorie.naam,
            # Lazy: rendered in the helper's own language by melding_send().
            "uitleg": lazy(lambda: match.uitleg_tekst, str)(),
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


def hulpvraag_match(hulpvraag_id: int, *, now=None) -> list[Match]:
    """Propose helpers for one request until it has *k* waiting proposals. Idempotent.

    The request row is locked while proposing, so two runs at once cannot both add *k*.
    """
    now = now or timezone.now()
    with transaction.atomic():
        hulpvraag = (
            Hulpvraag.objects.select_for_update(of=("self",))
            .select_related("categorie")
            .filter(pk=hulpvraag_id)
            .first()
        )
        if hulpvraag is None:
            return []
        Hulpvraag.objects.filter(pk=hulpvraag.pk).update(gematcht_gezocht_op=now)
        if not hulpvraag.is_open:
            return []
        waiting = hulpvraag.matches.filter(status=Match.Status.VOORGESTELD).count()
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
            locked = (
                Hulpvraag.objects.select_for_update(of=("self",))
                .select_related("categorie")
                .filter(pk=hulpvraag.pk, status=Hulpvraag.Status.OPEN)
                .first()
            )
            if locked is None:
                continue
            if locked.matches.filter(status=Match.Status.VOORGESTELD).count() >= k:
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
        profiel = getattr(helper, "profiel", None)
        if not helper.is_active or profiel is None or not profiel.heeft_toestemming:
            # The same rule as for the engine: only active residents who gave consent.
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


# --- the match life cycle --------------------------------------------------------------------


def _contact_notice(match: Match, hulpvraag: Hulpvraag) -> None:
    melding_send(
        hulpvraag.aanvrager,
        "hulp_geaccepteerd",
        titel=_("%(helper)s helpt je met '%(titel)s'"),
        tekst=_("Bekijk de match voor het telefoonnummer en maak samen een afspraak."),
        url=match.get_absolute_url(),
        params={"helper": match.helper.display_name, "titel": hulpvraag.titel},
    )
    melding_send(
        match.helper,
        "hulp_geaccepteerd",
        titel=_("Je helpt %(aanvrager)s met '%(titel)s'"),
        tekst=_("Bekijk de match voor het adres, het telefoonnummer en de details."),
        url=match.get_absolute_url(),
        params={"aanvrager": hulpvraag.aanvrager.display_name, "titel": hulpvraag.titel},
    )


def _get_match_for(match_id: int, user, *, as_helper: bool | None = None) -> Match:
    match = (
        Match.objects.select_related("hulpvraag", "hulpvraag__aanvrager", "helper")
        .filter(pk=match_id)
        .first()
    )
    if match is None:  # the same answer as for someone else's match: reveal nothing
        raise PermissionDenied
    is_helper = match.helper_id == user.pk
    is_aanvrager = match.hulpvraag.aanvrager_id == user.pk
    allowed = {
        True: is_helper,
        False: is_aanvrager,
        None: is_helper or is_aanvrager or permissions.is_coordinator_voor(user, match.hulpvraag),
    }[as_helper]
    if not allowed:
        raise PermissionDenied
    return match


def match_accept(*, match_id: int, door, namens_helper: bool = False) -> Match:
    """The helper says yes. The first helper to accept wins; the other proposals lapse.

    Race-safe: the request row is locked and both updates are conditional, and a partial
    unique index allows one accepted match per request, so two helpers accepting at the same
    moment cannot both win.

    ``namens_helper``: a buurtassistent confirms for the helper, after a phone call.
    """
    match = _get_match_for(match_id, door, as_helper=None if namens_helper else True)
    if namens_helper and not permissions.is_coordinator_voor(door, match.hulpvraag):
        raise PermissionDenied
    now = timezone.now()
    try:
        with transaction.atomic():
            Hulpvraag.objects.select_for_update().filter(pk=match.hulpvraag_id).first()
            won = Hulpvraag.objects.filter(
                pk=match.hulpvraag_id, status=Hulpvraag.Status.OPEN
            ).update(status=Hulpvraag.Status.GEMATCHT, gematcht_op=now)
            if not won:
                raise ValidationError(
                    _("Iemand anders helpt al bij deze hulpvraag, of hij is gesloten. Dank je wel!")
                )
            accepted = Match.objects.filter(pk=match.pk, status=Match.Status.VOORGESTELD).update(
                status=Match.Status.GEACCEPTEERD, geaccepteerd_op=now
            )
            if not accepted:
                raise ValidationError(_("Dit voorstel staat niet meer open."))
            others = list(
                Match.objects.filter(
                    hulpvraag_id=match.hulpvraag_id, status=Match.Status.VOORGESTELD
                )
                .exclude(pk=match.pk)
                .select_related("helper", "hulpvraag")
            )
            match.refresh_from_db()
            _contact_notice(match, match.hulpvraag)
            _end_matches(
                others,
                status=Match.Status.VERLOPEN,
                reden=gettext_noop("Een andere helper was eerder."),
                now=now,
                melding=(
                    "hulp_vervallen",
                    _("Er is al een helper voor '%(titel)s'"),
                    _("Iemand anders was je voor. Dank je wel dat je wilde helpen!"),
                ),
            )
    except IntegrityError as exc:  # the partial unique index: someone else won after all
        raise ValidationError(
            _("Iemand anders helpt al bij deze hulpvraag, of hij is gesloten. Dank je wel!")
        ) from exc
    return match


@transaction.atomic
def match_decline(*, match_id: int, door, reden: str = "") -> Match:
    """The helper says no (a reason is optional); the next candidate is proposed."""
    match = _get_match_for(match_id, door, as_helper=True)
    reden = (reden or "").strip()
    if len(reden) > Match._meta.get_field("reden").max_length:
        raise ValidationError({"reden": _("Houd de reden kort: hoogstens 300 tekens.")})
    changed = Match.objects.filter(pk=match.pk, status=Match.Status.VOORGESTELD).update(
        status=Match.Status.AFGEWEZEN, afgewezen_op=timezone.now(), reden=reden
    )
    if not changed:
        raise ValidationError(_("Dit voorstel staat niet meer open."))
    match.refresh_from_db()
    hulpvraag_queue_matching(match.hulpvraag)
    return match


@transaction.atomic
def match_complete(*, match_id: int, door, uren=None, bedankje: str = "") -> Match:
    """Either side marks the help as done, with hours spent and a short thank-you."""
    match = _get_match_for(match_id, door)
    if door.pk not in (match.helper_id, match.hulpvraag.aanvrager_id):
        raise PermissionDenied
    match.uren = uren
    match.bedankje = (bedankje or "").strip()
    match.full_clean(exclude=["hulpvraag", "helper", "aanbod"])
    now = timezone.now()
    changed = Match.objects.filter(pk=match.pk, status=Match.Status.GEACCEPTEERD).update(
        status=Match.Status.AFGEROND,
        afgerond_op=now,
        afgerond_door=door,
        uren=match.uren,
        bedankje=match.bedankje,
    )
    if not changed:
        raise ValidationError(_("Deze match is niet (meer) afgesproken, dus niet af te ronden."))
    Hulpvraag.objects.filter(pk=match.hulpvraag_id, status=Hulpvraag.Status.GEMATCHT).update(
        status=Hulpvraag.Status.AFGEROND, afgerond_op=now
    )
    match.refresh_from_db()
    other = match.hulpvraag.aanvrager if door.pk == match.helper_id else match.helper
    melding_send(
        other,
        "hulp_afgerond",
        titel=_("'%(titel)s' is afgerond"),
        tekst=_("%(naam)s heeft de hulp als klaar gemeld. %(bedankje)s"),
        url=match.get_absolute_url(),
        params={
            "titel": match.hulpvraag.titel,
            "naam": door.display_name,
            "bedankje": match.bedankje,
        },
    )
    return match


@transaction.atomic
def match_cancel(*, match_id: int, door, reden: str = "") -> Match:
    """Either side calls off an agreed help; the request opens again and is matched anew."""
    match = _get_match_for(match_id, door)
    reden = (reden or "").strip()
    if len(reden) > Match._meta.get_field("reden").max_length:
        raise ValidationError({"reden": _("Houd de reden kort: hoogstens 300 tekens.")})
    now = timezone.now()
    changed = Match.objects.filter(pk=match.pk, status=Match.Status.GEACCEPTEERD).update(
        status=Match.Status.GEANNULEERD, geannuleerd_op=now, reden=reden
    )
    if not changed:
        raise ValidationError(_("Deze match is niet (meer) afgesproken, dus niet af te zeggen."))
    hulpvraag = match.hulpvraag
    reopened = Hulpvraag.objects.filter(pk=hulpvraag.pk, status=Hulpvraag.Status.GEMATCHT).update(
        status=Hulpvraag.Status.OPEN, gematcht_op=None
    )
    match.refresh_from_db()
    others = {match.helper, hulpvraag.aanvrager} - {door}
    for other in others:
        melding_send(
            other,
            "hulp_geannuleerd",
            titel=_("De afspraak voor '%(titel)s' gaat niet door"),
            tekst=_("%(naam)s heeft afgezegd. Reden: %(reden)s"),
            url=match.get_absolute_url(),
            params={"titel": hulpvraag.titel, "naam": door.display_name, "reden": reden or "-"},
        )
    if reopened:
        hulpvraag_queue_matching(hulpvraag)
    return match


# --- periodic work (called by the beat tasks) -------------------------------------------------


def matches_lapse(*, now=None) -> list[int]:
    """Proposals past their deadline lapse; returns the requests that need new candidates."""
    now = now or timezone.now()
    with transaction.atomic():
        lapsed = list(
            Match.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Match.Status.VOORGESTELD, verloopt_op__lt=now)
            .select_related("hulpvraag", "helper")
        )
        _end_matches(
            lapsed,
            status=Match.Status.VERLOPEN,
            reden=gettext_noop("Geen antwoord op tijd."),
            now=now,
            melding=(
                "hulp_vervallen",
                _("Het voorstel voor '%(titel)s' is vervallen"),
                _("We hebben iemand anders gevraagd. Geen probleem: een volgende keer weer graag!"),
            ),
        )
    return sorted({m.hulpvraag_id for m in lapsed if m.hulpvraag.status == Hulpvraag.Status.OPEN})


def buurtassistenten_for(buurt):
    """The buurtassistenten who follow ``buurt``; all buurtassistenten when none is assigned."""
    users = get_user_model().objects.filter(is_active=True, groups__name=Rol.BUURTASSISTENT)
    if buurt is not None:
        assigned = users.filter(toegewezen_buurten=buurt)
        if assigned.exists():
            return list(assigned.distinct())
    return list(users.distinct())


def hulpvragen_escalate(*, now=None) -> list[int]:
    """Open requests without a helper after the waiting time go to the buurtassistenten."""
    now = now or timezone.now()
    grens = now - timedelta(hours=matching.config()["ESCALATIE_NA_UREN"])
    escalated = []
    candidates = Hulpvraag.objects.open().filter(
        geescaleerd_op__isnull=True, aangemaakt_op__lte=grens
    )
    for hulpvraag in candidates.select_related("buurt", "categorie"):
        # Claim it first: a second run (or a redelivered task) finds nothing left to do.
        claimed = Hulpvraag.objects.filter(
            pk=hulpvraag.pk, status=Hulpvraag.Status.OPEN, geescaleerd_op__isnull=True
        ).update(geescaleerd_op=now)
        if not claimed:
            continue
        for assistent in buurtassistenten_for(hulpvraag.buurt):
            melding_send(
                assistent,
                "hulp_escalatie",
                titel=_("Hulpvraag wacht op een helper: %(titel)s"),
                tekst=_("In %(buurt)s is na %(uren)s uur nog geen helper gevonden."),
                url=hulpvraag.get_absolute_url(),
                params={
                    "titel": hulpvraag.titel,
                    "buurt": hulpvraag.buurt.naam if hulpvraag.buurt else "-",
                    "uren": matching.config()["ESCALATIE_NA_UREN"],
                },
            )
        escalated.append(hulpvraag.pk)
    return escalated


def hulpvragen_expire(*, today=None) -> list[int]:
    """Open requests whose last day has passed are closed as 'verlopen'; the requester hears."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        ids = list(Hulpvraag.objects.verlopen_op(today).values_list("pk", flat=True))
        Hulpvraag.objects.filter(pk__in=ids, status=Hulpvraag.Status.OPEN).update(
            status=Hulpvraag.Status.VERLOPEN, verlopen_op=now
        )
        Match.objects.filter(hulpvraag_id__in=ids, status=Match.Status.VOORGESTELD).update(
            status=Match.Status.VERLOPEN,
            verlopen_op=now,
            reden=gettext_noop("De datum van de hulpvraag is voorbij."),
        )
        for hulpvraag in Hulpvraag.objects.filter(pk__in=ids).select_related("aanvrager"):
            melding_send(
                hulpvraag.aanvrager,
                "hulp_vervallen",
                titel=_("Je hulpvraag '%(titel)s' is verlopen"),
                tekst=_(
                    "Er is op tijd geen helper gevonden. Dat spijt ons. Heb je nog hulp nodig? "
                    "Zet je vraag opnieuw neer, of bel de buurtassistent."
                ),
                url=hulpvraag.get_absolute_url(),
                params={"titel": hulpvraag.titel},
            )
    return ids


def matches_remind(*, today=None) -> int:
    """Remind helper and requester the day before an agreed help. At most once per day."""
    today = today or timezone.localdate()
    morgen = today + timedelta(days=1)
    due = Match.objects.filter(status=Match.Status.GEACCEPTEERD).filter(
        Q(hulpvraag__wanneer=Wanneer.DATUM, hulpvraag__datum=morgen)
        | Q(
            Q(hulpvraag__herhalen_tot__isnull=True) | Q(hulpvraag__herhalen_tot__gte=morgen),
            hulpvraag__wanneer=Wanneer.WEKELIJKS,
            hulpvraag__weekdag=morgen.weekday(),
        )
    )
    sent = 0
    for match in due.select_related("hulpvraag", "hulpvraag__aanvrager", "helper"):
        claimed = (
            Match.objects.filter(pk=match.pk)
            .exclude(laatste_herinnering_voor=morgen)
            .update(laatste_herinnering_voor=morgen)
        )
        if not claimed:
            continue
        hulpvraag = match.hulpvraag
        tijd = (
            f"{hulpvraag.tijd_van:%H:%M}–{hulpvraag.tijd_tot:%H:%M}" if hulpvraag.tijd_van else ""
        )
        for ontvanger, ander in (
            (match.helper, hulpvraag.aanvrager),
            (hulpvraag.aanvrager, match.helper),
        ):
            melding_send(
                ontvanger,
                "hulp_herinnering",
                titel=_("Morgen: %(titel)s"),
                tekst=_("Morgen %(tijd)s, samen met %(ander)s."),
                url=match.get_absolute_url(),
                params={"titel": hulpvraag.titel, "tijd": tijd, "ander": ander.display_name},
            )
        sent += 1
    return sent


def matches_ask_completion(*, today=None) -> int:
    """The day after a one-off help, ask both sides to mark it done. Once per match.

    Without this, an agreed help whose day has passed stays "gematcht" for ever, and the
    figures never count it as given.
    """
    today = today or timezone.localdate()
    due = Match.objects.filter(
        Q(hulpvraag__wanneer=Wanneer.DATUM, hulpvraag__datum__lt=today)
        | Q(hulpvraag__wanneer=Wanneer.FLEXIBEL, hulpvraag__uiterlijk__lt=today),
        status=Match.Status.GEACCEPTEERD,
        afronden_gevraagd_op__isnull=True,
    )
    asked = 0
    for match in due.select_related("hulpvraag", "hulpvraag__aanvrager", "helper"):
        claimed = Match.objects.filter(pk=match.pk, afronden_gevraagd_op__isnull=True).update(
            afronden_gevraagd_op=timezone.now()
        )
        if not claimed:
            continue
        for ontvanger in (match.helper, match.hulpvraag.aanvrager):
            melding_send(
                ontvanger,
                "hulp_herinnering",
                titel=_("Is het gelukt? %(titel)s"),
                tekst=_(
                    "Meld op de pagina van de match dat de hulp klaar is. Dan weten we dat het "
                    "goed ging. Ging het niet door? Dan kun je daar ook afzeggen."
                ),
                url=match.get_absolute_url(),
                params={"titel": match.hulpvraag.titel},
            )
        asked += 1
    return asked


def matching_sweep(*, now=None) -> dict[str, int]:
    """Re-queue matching that a lost message left behind, and search stale requests again."""
    now = now or timezone.now()
    grens = now - VERLOREN_NA
    lost_requests = list(
        Hulpvraag.objects.open()
        .filter(matching_gevraagd_op__lt=grens)
        .filter(
            Q(gematcht_gezocht_op__isnull=True)
            | Q(gematcht_gezocht_op__lt=F("matching_gevraagd_op"))
        )
        .values_list("pk", flat=True)[:500]
    )
    stale = list(
        Hulpvraag.objects.open()
        .filter(gematcht_gezocht_op__lt=now - OPNIEUW_ZOEKEN_NA)
        .exclude(matches__status=Match.Status.VOORGESTELD)
        .exclude(pk__in=lost_requests)
        .values_list("pk", flat=True)[:500]
    )
    lost_offers = list(
        Aanbod.objects.actief()
        .filter(matching_gevraagd_op__lt=grens)
        .filter(
            Q(gematcht_gezocht_op__isnull=True)
            | Q(gematcht_gezocht_op__lt=F("matching_gevraagd_op"))
        )
        .values_list("pk", flat=True)[:500]
    )
    for pk in [*lost_requests, *stale]:
        taken.stuur("hulpvragen.tasks.match_hulpvraag", pk)
    for pk in lost_offers:
        taken.stuur("hulpvragen.tasks.match_aanbod", pk)
    return {"hulpvragen": len(lost_requests), "opnieuw": len(stale), "aanbod": len(lost_offers)}
