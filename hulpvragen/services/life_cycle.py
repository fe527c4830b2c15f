"""The life cycle of a match: the helper accepts or declines, either side completes or cancels.

Every change of state is a conditional update (``filter(status=...).update(...)``), so two people
acting at once cannot both win; see each function. Matches that end because of something else (the
request is withdrawn, another helper was first, no answer in time) end through ``_end_matches``
with one of the ``Einde`` kinds below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from meldingen.services import melding_send
from wijk.lib.datums import dag_tijd

from .. import permissions
from ..models import Hulpvraag, Match
from .scheduling import hulpvraag_queue_matching

# --- ending matches ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Einde:
    """Why waiting or agreed matches end, and what their helpers are told."""

    status: str  # Match.Status.GEANNULEERD or VERLOPEN
    reden: str  # a ``gettext_noop`` text: stored as source, shown in each reader's language
    soort: str  # the kind of melding (``meldingen.soorten``)
    titel: Promise  # with %(titel)s: the request's title
    tekst: Promise


INGETROKKEN = Einde(
    Match.Status.GEANNULEERD,
    gettext_noop("De hulpvraag is ingetrokken."),
    "hulp_geannuleerd",
    _("De hulpvraag '%(titel)s' is ingetrokken"),
    _("Je hoeft niets meer te doen. Dank je wel dat je wilde helpen."),
)
ANDER_WAS_EERDER = Einde(
    Match.Status.VERLOPEN,
    gettext_noop("Een andere helper was eerder."),
    "hulp_vervallen",
    _("Er is al een helper voor '%(titel)s'"),
    _("Iemand anders was je voor. Dank je wel dat je wilde helpen!"),
)
GEEN_ANTWOORD = Einde(
    Match.Status.VERLOPEN,
    gettext_noop("Geen antwoord op tijd."),
    "hulp_vervallen",
    _("Het voorstel voor '%(titel)s' is vervallen"),
    _("We hebben iemand anders gevraagd. Geen probleem: een volgende keer weer graag!"),
)
ANDER_HELPT_AL = _("Iemand anders helpt al bij deze hulpvraag, of hij is gesloten. Dank je wel!")
_TIJDSTIP = {Match.Status.GEANNULEERD: "geannuleerd_op", Match.Status.VERLOPEN: "verlopen_op"}


def _end_matches(matches: list[Match], einde: Einde, *, now) -> None:
    """Close ``matches`` (with ``helper`` and ``hulpvraag`` loaded) as ``einde`` says, in one
    UPDATE, then tell each helper. Only matches still waiting or agreed are changed."""
    if not matches:
        return
    Match.objects.filter(pk__in=[m.pk for m in matches]).lopend().update(
        status=einde.status, reden=einde.reden, **{_TIJDSTIP[einde.status]: now}
    )
    for match in matches:
        melding_send(
            match.helper,
            einde.soort,
            titel=einde.titel,
            tekst=einde.tekst,
            url=match.get_absolute_url(),
            params={"titel": match.hulpvraag.titel},
        )


def _clean_reden(reden: str) -> str:
    reden = (reden or "").strip()
    if len(reden) > Match._meta.get_field("reden").max_length:
        raise ValidationError({"reden": _("Houd de reden kort: hoogstens 300 tekens.")})
    return reden


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
                raise ValidationError(ANDER_HELPT_AL)
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
            _end_matches(others, ANDER_WAS_EERDER, now=now)
    except IntegrityError as exc:  # the partial unique index: someone else won after all
        raise ValidationError(ANDER_HELPT_AL) from exc
    return match


@transaction.atomic
def match_decline(*, match_id: int, door, reden: str = "") -> Match:
    """The helper says no (a reason is optional); the next candidate is proposed."""
    match = _get_match_for(match_id, door, as_helper=True)
    reden = _clean_reden(reden)
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
    if match.status == Match.Status.GEACCEPTEERD and not match.kan_afronden():
        raise ValidationError(
            _("De hulp is nog niet begonnen. Je kunt hem klaar melden vanaf %(moment)s.")
            % {"moment": dag_tijd(match.afronden_vanaf)}
        )
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
    reden = _clean_reden(reden)
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
