"""Periodic work, called by the beat tasks: proposals lapse, requests escalate to the
buurtassistenten or expire, reminders before and after an agreed help, and the sweep that
re-queues matching a lost message left behind. Each claims its rows with a conditional update
first, so a second run (or a redelivered task) finds nothing left to do."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bewoners.roles import Rol, met_rol
from cooperaties import taken
from meldingen.services import melding_send

from .. import matching
from ..models import Aanbod, Hulpvraag, Match, Wanneer
from ..wanneer import op_dag
from .life_cycle import GEEN_ANTWOORD, _end_matches

# A request whose matching was asked for but has not run after this long lost its message.
VERLOREN_NA = timedelta(minutes=10)
# Open requests without a waiting proposal are searched again this often (new helpers come).
OPNIEUW_ZOEKEN_NA = timedelta(hours=6)


def matches_lapse(*, now=None) -> list[int]:
    """Proposals past their deadline lapse; returns the requests that need new candidates."""
    now = now or timezone.now()
    with transaction.atomic():
        lapsed = list(
            Match.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Match.Status.VOORGESTELD, verloopt_op__lt=now)
            .select_related("hulpvraag", "helper")
        )
        _end_matches(lapsed, GEEN_ANTWOORD, now=now)
    return sorted({m.hulpvraag_id for m in lapsed if m.hulpvraag.status == Hulpvraag.Status.OPEN})


def buurtassistenten_for(buurt):
    """The buurtassistenten who follow ``buurt``; all buurtassistenten when none is assigned."""
    users = met_rol(get_user_model().objects.filter(is_active=True), Rol.BUURTASSISTENT)
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
        # Lazy: rendered in each reader's own language by melding_send().
        wanneer = lazy(lambda h=hulpvraag: op_dag(h, morgen), str)()
        for ontvanger, ander in (
            (match.helper, hulpvraag.aanvrager),
            (hulpvraag.aanvrager, match.helper),
        ):
            melding_send(
                ontvanger,
                "hulp_herinnering",
                titel=_("Morgen: %(titel)s"),
                tekst=_("Morgen: %(wanneer)s, samen met %(ander)s."),
                url=match.get_absolute_url(),
                params={"titel": hulpvraag.titel, "wanneer": wanneer, "ander": ander.display_name},
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
        Hulpvraag.objects.open().matching_verloren(grens).values_list("pk", flat=True)[:500]
    )
    stale = list(
        Hulpvraag.objects.open()
        .filter(gematcht_gezocht_op__lt=now - OPNIEUW_ZOEKEN_NA)
        .exclude(matches__status=Match.Status.VOORGESTELD)
        .exclude(pk__in=lost_requests)
        .values_list("pk", flat=True)[:500]
    )
    lost_offers = list(
        Aanbod.objects.actief().matching_verloren(grens).values_list("pk", flat=True)[:500]
    )
    for pk in [*lost_requests, *stale]:
        taken.stuur("hulpvragen.tasks.match_hulpvraag", pk)
    for pk in lost_offers:
        taken.stuur("hulpvragen.tasks.match_aanbod", pk)
    return {"hulpvragen": len(lost_requests), "opnieuw": len(stale), "aanbod": len(lost_offers)}
