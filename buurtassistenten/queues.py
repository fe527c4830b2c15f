"""The queues of the coordination dashboard: what waits for a buurtassistent.

One function per queue. Each takes the buurtassistent (``user``), ``alle`` (False: only their
own werkgebied, see ``bewoners.permissions.werkgebied_filter``; True: every buurt) and ``now``
(the clock, so tests can freeze it), and returns a queryset ordered oldest first, with
``select_related`` for what a row shows: a page of rows renders without a query per row.

``tellingen()`` counts every queue in one query: a COUNT subquery per queue, and for the
signals the sum of a few rows the beat keeps (``telling``, issue 16).

The outreach signals are per resident, each an indexed subquery on the resident's own rows
(foreign-key indexes), never a loop in Python:

* an open request for company (category ``gezelschap``);
* absent (``Aanmelding.aanwezig`` False) at least twice in the last 60 days;
* went quiet: their last activity (an agreed match as helper or requester, a sign-up, a
  booking) lies between 180 and 60 days ago: active then, nothing since.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import Buurt, Profiel, User
from bewoners.permissions import werkgebied_filter
from hulpvragen import selectors as hulpvragen_selectors
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

from .models import Doorverwijzing, Signaaltelling, Vervolg
from .selectors import nieuwkomers_niet_verwelkomd

GEZELSCHAP = "gezelschap"  # the category slug of "company"
AFWEZIG_DAGEN = 60  # absences counted over this many days ...
AFWEZIG_KEER = 2  # ... a signal from this many on
STIL_NA_DAGEN = 60  # nothing for this long ...
STIL_ACTIEF_DAGEN = 180  # ... after activity in this window before now

# The queues in the order of the dashboard's tabs.
WACHTRIJEN = ("hulpvragen", "voorstellen", "nieuwkomers", "vervolg", "signalen", "doorverwijzingen")

_LANG_GELEDEN = datetime(1970, 1, 1, tzinfo=UTC)


def _nu(now: datetime | None) -> datetime:
    return now or timezone.now()


def _werkgebied(qs: QuerySet, user, alle: bool, veld: str) -> QuerySet:
    # werkgebied_filter joins the buurt's buurtassistenten once (one OR'd filter call); a
    # user is in that table at most once per buurt, so no row comes back twice.
    return qs if alle else qs.filter(werkgebied_filter(user, veld=veld))


def voorstel_wacht_uren() -> int:
    """After this many hours without an answer a proposal shows on the dashboard: half its
    validity, so there is time to phone the helper before it lapses (at the full validity)."""
    return max(1, hulpvragen_selectors.voorstel_geldig_uren() // 2)


# --- the queues ----------------------------------------------------------------------------------


def hulpvragen(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Open requests without an agreed helper, the longest waiting first. Escalated requests
    (``geescaleerd_op``: no helper after the waiting time) are marked in the row."""
    akkoord = Match.objects.geaccepteerd().filter(hulpvraag=OuterRef("pk"))
    qs = (
        Hulpvraag.objects.open()
        .filter(~Exists(akkoord))
        .select_related("aanvrager", "buurt", "categorie")
        .order_by("aangemaakt_op", "id")
    )
    return _werkgebied(qs, user, alle, "buurt")


def voorstellen(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Proposals a helper has not answered for ``voorstel_wacht_uren()`` hours, oldest first."""
    grens = _nu(now) - timedelta(hours=voorstel_wacht_uren())
    qs = (
        Match.objects.voorgesteld()
        .filter(aangemaakt_op__lte=grens, hulpvraag__status=Hulpvraag.Status.OPEN)
        .select_related(
            "helper",
            "hulpvraag",
            "hulpvraag__aanvrager",
            "hulpvraag__buurt",
            "hulpvraag__categorie",
        )
        .order_by("aangemaakt_op", "id")
    )
    return _werkgebied(qs, user, alle, "hulpvraag__buurt")


def nieuwkomers(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Profiles of newcomers without a welcome contact, the longest waiting first."""
    return (
        nieuwkomers_niet_verwelkomd(user, alle=alle, vandaag=timezone.localdate(_nu(now)))
        .select_related("user", "buurt")
        .order_by("nieuw_in_wijk_sinds", "id")
    )


def vervolg(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Follow-ups due today or overdue, the oldest date first."""
    qs = (
        Vervolg.objects.te_doen(vandaag=timezone.localdate(_nu(now)))
        .filter(bewoner__is_active=True)
        .select_related("bewoner", "bewoner__profiel", "bewoner__profiel__buurt")
        .order_by("datum", "id")
    )
    return _werkgebied(qs, user, alle, "bewoner__profiel__buurt")


def doorverwijzingen(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Referrals that are not done yet, the oldest first."""
    qs = (
        Doorverwijzing.objects.open()
        .select_related("bewoner", "bewoner__profiel", "bewoner__profiel__buurt", "partner")
        .order_by("aangemaakt_op", "id")
    )
    return _werkgebied(qs, user, alle, "bewoner__profiel__buurt")


# --- outreach signals ----------------------------------------------------------------------------
#
# Which residents have a signal is decided with sets of resident ids, each one uncorrelated
# subquery (PostgreSQL hashes each once): no per-resident work over the whole wijk. What a row
# shows (which signals, how often absent, last active when) is computed for the page's rows only.


def _activiteit(van: datetime, tot: datetime | None = None, *, veld: str = "pk") -> Q:
    """Residents with activity from ``van`` (until ``tot``; without it also in the future): an
    agreed match as helper or requester (made or done then), a sign-up that was not cancelled
    (the meeting's start), or a booking that was not refused or cancelled (its start).
    ``veld`` is the column that holds the person's id (``user_id`` from a profile)."""

    def tijd(veld: str) -> dict:
        return {f"{veld}__gte": van, **({f"{veld}__lt": tot} if tot else {})}

    matches = Match.objects.geaccepteerd().filter(
        Q(**tijd("aangemaakt_op")) | Q(**tijd("afgerond_op"))
    )
    return (
        Q(**{f"{veld}__in": matches.values("helper_id")})
        | Q(**{f"{veld}__in": matches.values("hulpvraag__aanvrager_id")})
        | Q(
            **{
                f"{veld}__in": Aanmelding.objects.exclude(status=Aanmelding.Status.AFGEMELD)
                .filter(**tijd("bijeenkomst__begin"))
                .values("user_id")
            }
        )
        | Q(
            **{
                f"{veld}__in": Reservering.objects.filter(
                    status__in=Reservering.ACTIEF, **tijd("begin")
                ).values("geboekt_door_id")
            }
        )
    )


def stil_venster(now: datetime | None = None) -> tuple[datetime, datetime]:
    """A resident whose last activity lies in [van, tot) went quiet."""
    now = _nu(now)
    return now - timedelta(days=STIL_ACTIEF_DAGEN), now - timedelta(days=STIL_NA_DAGEN)


def _afwezig(now: datetime):
    """Sign-ups marked absent at meetings in the last ``AFWEZIG_DAGEN`` days."""
    return Aanmelding.objects.filter(
        aanwezig=False,
        bijeenkomst__status=Bijeenkomst.Status.GEPLAND,  # one that did not take place: no absence
        bijeenkomst__begin__gte=now - timedelta(days=AFWEZIG_DAGEN),
        bijeenkomst__begin__lte=now,
    ).order_by()


def _laatste(qs: QuerySet, veld: str, expressie) -> Subquery:
    """The latest ``expressie`` over ``qs`` for the outer resident: one aggregate subquery."""
    return Subquery(
        qs.order_by().values(veld).annotate(laatst=Max(expressie)).values("laatst")[:1],
        output_field=DateTimeField(),
    )


def laatst_actief() -> Greatest:
    """The resident's latest activity (as in ``_activiteit``), for the rows shown: each part
    a lookup on a foreign-key index of the resident's own rows."""
    wanneer = Coalesce("afgerond_op", "aangemaakt_op")
    delen = [
        _laatste(
            Match.objects.geaccepteerd().filter(helper=OuterRef("pk")),
            "helper",
            wanneer,
        ),
        _laatste(
            Match.objects.geaccepteerd().filter(hulpvraag__aanvrager=OuterRef("pk")),
            "hulpvraag__aanvrager",
            wanneer,
        ),
        _laatste(
            Aanmelding.objects.filter(user=OuterRef("pk")).exclude(
                status=Aanmelding.Status.AFGEMELD
            ),
            "user",
            "bijeenkomst__begin",
        ),
        _laatste(
            Reservering.objects.filter(geboekt_door=OuterRef("pk"), status__in=Reservering.ACTIEF),
            "geboekt_door",
            "begin",
        ),
    ]
    # GREATEST ignores NULL on PostgreSQL but not on SQLite: never-active parts count as 1970.
    return Greatest(*(Coalesce(deel, Value(_LANG_GELEDEN)) for deel in delen))


def signalen(user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    """Active residents with at least one outreach signal, ordered by name. Each row has
    ``vraagt_gezelschap`` (bool), ``keer_afwezig`` (int) and ``laatst_actief`` (datetime; in
    ``stil_venster()``: went quiet)."""
    now = _nu(now)
    gezelschap = Hulpvraag.objects.open().filter(categorie__slug=GEZELSCHAP)
    afwezig = (
        _afwezig(now)
        .values("user_id")
        .annotate(keer=Count("pk"))
        .filter(keer__gte=AFWEZIG_KEER)
        .values("user_id")
    )
    stil_van, stil_tot = stil_venster(now)
    stil = _activiteit(stil_van, stil_tot, veld="user_id") & ~_activiteit(stil_tot, veld="user_id")
    # The candidates come from the memberships here (a few thousand rows), not from every
    # account of the installation: the OR'd conditions would be tried on each of them (a scan
    # of the global user table, 0.5 s at 200 coöperaties; bench_cooperaties).
    kandidaten = Profiel.objects.filter(
        Q(user_id__in=gezelschap.values("aanvrager_id")) | Q(user_id__in=afwezig) | stil
    ).values("user_id")
    qs = (
        User.objects.filter(is_active=True, pk__in=kandidaten)
        .annotate(
            vraagt_gezelschap=Exists(gezelschap.filter(aanvrager=OuterRef("pk"))),
            keer_afwezig=Coalesce(
                Subquery(
                    _afwezig(now)
                    .filter(user=OuterRef("pk"))
                    .values("user")
                    .annotate(keer=Count("pk"))
                    .values("keer")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            laatst_actief=laatst_actief(),
        )
        .select_related("profiel", "profiel__buurt")
        .order_by("first_name", "last_name", "id")
    )
    return _werkgebied(qs, user, alle, "profiel__buurt")


# --- counts --------------------------------------------------------------------------------------


class _Aantal(Subquery):
    """COUNT(*) of a queryset as a scalar subquery (also right for DISTINCT querysets)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _aantal)"
    output_field = IntegerField()


def wachtrij(naam: str, user, *, alle: bool = False, now: datetime | None = None) -> QuerySet:
    if naam not in WACHTRIJEN:
        raise ValueError(naam)
    return globals()[naam](user, alle=alle, now=now)


def _signalen_geteld(user, *, alle: bool) -> Subquery:
    """The signals as last counted (``telling``, a row per buurt) in ``user``'s werkgebied
    (every buurt with ``alle``), as a scalar subquery: NULL when never counted, or none."""
    rijen = Signaaltelling.objects.all()
    if not alle:
        # As ``werkgebied_filter``: residents without a buurt, the user's buurten and those
        # without a buurtassistent.
        buurten = Buurt.objects.filter(
            Q(buurtassistenten=user) | Q(buurtassistenten__isnull=True)
        ).values("pk")
        rijen = rijen.filter(Q(buurt__isnull=True) | Q(buurt_id__in=buurten))
    som = rijen.order_by().values("cooperatie").annotate(som=Sum("aantal")).values("som")[:1]
    return Subquery(som, output_field=IntegerField())


def tellingen(user, *, alle: bool = False, now: datetime | None = None) -> dict[str, int]:
    """The number of items in every queue (keys as ``WACHTRIJEN``), in one query: the
    signals as last counted by ``telling`` (the row without buurt says it counted), the
    other queues live. A coöperatie whose
    signals were never counted counts them live, in a second query."""
    now = _nu(now)
    aantallen = {
        f"aantal_{naam}": _Aantal(wachtrij(naam, user, alle=alle, now=now).order_by().values("pk"))
        for naam in WACHTRIJEN
        if naam != "signalen"
    }
    aantallen["aantal_signalen"] = _signalen_geteld(user, alle=alle)
    # Any one-row table carries the subqueries; the user's own row is always there.
    rij = (
        User.objects.filter(pk=user.pk)
        .annotate(**aantallen, geteld=Exists(Signaaltelling.objects.filter(buurt__isnull=True)))
        .values(*aantallen, "geteld")
        .get()
    )
    if not rij["geteld"]:
        rij["aantal_signalen"] = signalen(user, alle=alle, now=now).order_by().values("pk").count()
    return {naam: rij[f"aantal_{naam}"] or 0 for naam in WACHTRIJEN}
