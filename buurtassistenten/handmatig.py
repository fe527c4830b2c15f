"""Matching by hand: find any volunteer of the coöperatie for a help request, and say for each
person why they fit or why not.

A volunteer is an active person who takes part here, gave consent (only they may be asked,
``hulpvragen.permissions.mag_gevraagd_worden``) and offers help: an offer (running or paused)
or a skill on their profile. The buurtassistent searches them by name, by skill (a kind of help)
and by buurt; the last name counts only for the people they work for, as a hit on it would tell
the full name of someone else (``bewoners.permissions``: the full name is contact data).

``beoordelen`` weighs the people on the page against the request with a fixed number of
queries, whatever their number: the kind of help (an offer that lists it, or a skill), the buurt
(lives there, or their offer reaches it), the time (their availability against the request's
parts of the week), how busy they are (asked this week against their own weekly limit, help
they give now), whether their offers are paused, whether they were asked for this request
already, and a language they share with the requester. The same facts the engine uses
(``hulpvragen.matching``), read through the models, so the two cannot disagree on what fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bewoners.models import Buurt, Profiel, Taal, User
from bewoners.permissions import werkgebied_filter
from hulpvragen.models import Aanbod, Bereik, Hulpvraag, Match

ZOEK_WOORDEN = 6  # words of a search that count
ZOEK_AANTAL = 20  # people shown for one search
STANDAARD_PER_WEEK = 2  # the weekly limit of someone without a running offer (Aanbod's default)

# What counts toward a helper's weekly limit, as the engine counts it
# (``hulpvragen.matching.CAP_STATUSES``): proposals waiting, help agreed or done this week.
WEEK_STATUSSEN = (*Match.LOPEND, Match.Status.AFGEROND)


@dataclass
class Reden:
    """One reason: ``past`` True (fits), False (does not fit) or None (to know, no verdict)."""

    past: bool | None
    tekst: str


@dataclass
class Beoordeling:
    helper: User
    aanbod: Aanbod | None = None  # the running offer that lists the kind of help, if any
    past_soort: bool = False  # an offer or a skill fits the request's kind of help
    kan_gevraagd: bool = True  # not asked for this request before
    door_computer: bool = False  # the engine proposes them too
    redenen: list[Reden] = field(default_factory=list)


def vrijwilligers() -> QuerySet[User]:
    """Active people of this coöperatie with consent who offer help (an offer or a skill)."""
    heeft_aanbod = Exists(Aanbod.objects.filter(helper_id=OuterRef("pk")))
    heeft_skill = Exists(
        Profiel.objects.filter(user_id=OuterRef("pk"), kan_categorieen__isnull=False)
    )
    return (
        User.objects.hier()
        .filter(is_active=True, verwijderd_op__isnull=True, profiel__toestemming_op__isnull=False)
        .filter(heeft_aanbod | heeft_skill)
    )


def zoeken(user, hulpvraag: Hulpvraag, *, zoek: str = "", soort=None, buurt=None) -> list[User]:
    """The first ``ZOEK_AANTAL`` volunteers (not the requester) by name, skill and buurt, by
    first name. One query."""
    in_werkgebied = (
        Value(True)
        if user.is_superuser
        else Exists(User.objects.filter(pk=OuterRef("pk")).filter(werkgebied_filter(user)))
    )
    queryset = (
        vrijwilligers()
        .exclude(pk=hulpvraag.aanvrager_id)
        .annotate(in_werkgebied=in_werkgebied)
        .select_related("profiel")
    )
    for woord in zoek.split()[:ZOEK_WOORDEN]:
        queryset = queryset.filter(
            Q(first_name__icontains=woord) | Q(in_werkgebied=True, last_name__icontains=woord)
        )
    if soort is not None:
        queryset = queryset.filter(
            Exists(Aanbod.objects.filter(helper_id=OuterRef("pk"), categorieen=soort))
            | Exists(Profiel.objects.filter(user_id=OuterRef("pk"), kan_categorieen=soort))
        )
    if buurt is not None:
        queryset = queryset.filter(profiel__buurt=buurt)
    return list(queryset.order_by("first_name", "last_name", "id")[:ZOEK_AANTAL])


# --- why someone fits, or not ----------------------------------------------------------------


@dataclass
class _Feiten:
    """What ``beoordelen`` reads of all the people at once."""

    aanbod: dict[int, list[Aanbod]]
    skills: dict[int, set[int]]
    week: dict[int, int]
    lopend: dict[int, int]
    deze_vraag: dict[int, str]
    buurten: dict[int, Buurt]


def _feiten(hulpvraag: Hulpvraag, helpers: list[User], *, now) -> _Feiten:
    """Offers (with kinds and buurten), skills, matches and buurten of ``helpers``: six
    queries."""
    ids = [h.pk for h in helpers]
    aanbod: dict[int, list[Aanbod]] = {}
    for offer in (
        Aanbod.objects.filter(helper_id__in=ids)
        .prefetch_related("categorieen", "buurten")
        .order_by("-actief", "-aangemaakt_op", "-id")
    ):
        aanbod.setdefault(offer.helper_id, []).append(offer)
    skills: dict[int, set[int]] = {}
    for user_id, categorie_id in Profiel.objects.filter(
        user_id__in=ids, kan_categorieen__isnull=False
    ).values_list("user_id", "kan_categorieen"):
        skills.setdefault(user_id, set()).add(categorie_id)
    tellingen = (
        Match.objects.filter(helper_id__in=ids)
        .order_by()
        .values("helper_id")
        .annotate(
            week=Count(
                "pk",
                filter=Q(status__in=WEEK_STATUSSEN, aangemaakt_op__gte=now - timedelta(days=7)),
            ),
            lopend=Count("pk", filter=Q(status=Match.Status.GEACCEPTEERD)),
            # One match per helper and request at most (``match_propose`` refuses a second).
            deze_vraag=Max("status", filter=Q(hulpvraag_id=hulpvraag.pk)),
        )
    )
    week, lopend, deze_vraag = {}, {}, {}
    for rij in tellingen:
        week[rij["helper_id"]] = rij["week"]
        lopend[rij["helper_id"]] = rij["lopend"]
        if rij["deze_vraag"]:
            deze_vraag[rij["helper_id"]] = rij["deze_vraag"]
    woont = {getattr(getattr(h, "profiel", None), "buurt_id", None) for h in helpers}
    buurten = Buurt.objects.in_bulk([b for b in woont if b])
    return _Feiten(aanbod, skills, week, lopend, deze_vraag, buurten)


def beoordelen(
    hulpvraag: Hulpvraag, helpers: list[User], *, door_computer=(), now=None
) -> list[Beoordeling]:
    """Each of ``helpers`` (with ``profiel`` selected) weighed against ``hulpvraag`` (with
    ``categorie``, ``buurt`` and ``aanvrager__profiel`` selected), in their order.
    ``door_computer``: ids of the engine's own picks. Six queries for any number."""
    now = now or timezone.now()
    if not helpers:
        return []
    feiten = _feiten(hulpvraag, helpers, now=now)
    aanvrager = getattr(hulpvraag.aanvrager, "profiel", None)
    aanvrager_talen = set(aanvrager.talen if aanvrager else []) - {"nl"}
    computer = set(door_computer)
    return [_beoordeel(hulpvraag, h, feiten, aanvrager_talen, h.pk in computer) for h in helpers]


def _beoordeel(hulpvraag, helper, feiten: _Feiten, aanvrager_talen, door_computer) -> Beoordeling:
    soort = hulpvraag.categorie
    profiel = getattr(helper, "profiel", None)
    alle = feiten.aanbod.get(helper.pk, [])
    lopend = [a for a in alle if a.actief]
    b = Beoordeling(helper=helper, door_computer=door_computer)
    if door_computer:
        b.redenen.append(Reden(True, _("De computer stelt deze helper ook voor.")))

    # The kind of help: an offer that lists it, else a skill on the profile.
    past_aanbod = [a for a in lopend if any(c.pk == soort.pk for c in a.categorieen.all())]
    gepauzeerd = [
        a for a in alle if not a.actief and any(c.pk == soort.pk for c in a.categorieen.all())
    ]
    if past_aanbod:
        b.aanbod, b.past_soort = past_aanbod[0], True
        b.redenen.append(
            Reden(
                True,
                _("Aanbod voor %(soort)s: %(titel)s")
                % {"soort": soort.naam, "titel": past_aanbod[0].titel},
            )
        )
    elif soort.pk in feiten.skills.get(helper.pk, set()):
        b.past_soort = True
        b.redenen.append(
            Reden(
                True, _("Kan helpen met %(soort)s (staat in het profiel).") % {"soort": soort.naam}
            )
        )
    elif gepauzeerd:
        b.redenen.append(
            Reden(False, _("Het aanbod voor %(soort)s staat op pauze.") % {"soort": soort.naam})
        )
    else:
        b.redenen.append(
            Reden(
                False, _("Geen aanbod en geen vaardigheid voor %(soort)s.") % {"soort": soort.naam}
            )
        )
    if alle and not lopend:
        b.redenen.append(Reden(False, _("Al het aanbod staat op pauze.")))
    elif not alle:
        b.redenen.append(Reden(None, _("Heeft nog geen aanbod geplaatst.")))

    woont = feiten.buurten.get(getattr(profiel, "buurt_id", None))
    b.redenen.append(_buurt(hulpvraag, woont, lopend))
    tijd = _tijd(hulpvraag, profiel, lopend)
    if tijd is not None:
        b.redenen.append(tijd)
    b.redenen += _drukte(helper.pk, feiten, lopend)

    status = feiten.deze_vraag.get(helper.pk)
    if status is not None:
        b.kan_gevraagd = False
        b.redenen.append(
            Reden(
                False,
                _("Al gevraagd voor deze hulpvraag (%(status)s).")
                % {"status": Match.Status(status).label.lower()},
            )
        )

    talen = _talen(profiel, aanvrager_talen)
    if talen is not None:
        b.redenen.append(talen)
    return b


def _buurt(hulpvraag, woont: Buurt | None, lopend: list[Aanbod]) -> Reden:
    buurt = hulpvraag.buurt
    if buurt is None:
        return Reden(None, _("De hulpvraag heeft geen buurt."))
    if woont is not None and woont.pk == buurt.pk:
        return Reden(True, _("Woont in dezelfde buurt (%(buurt)s).") % {"buurt": buurt.naam})
    for a in lopend:
        if a.bereik == Bereik.OVERAL or (
            a.bereik == Bereik.BUURTEN and any(b.pk == buurt.pk for b in a.buurten.all())
        ):
            return Reden(True, _("Helpt ook in %(buurt)s.") % {"buurt": buurt.naam})
    return Reden(
        False,
        _("Woont in %(woont)s en helpt niet in %(buurt)s.")
        % {"woont": woont.naam if woont else _("geen buurt"), "buurt": buurt.naam},
    )


def _tijd(hulpvraag, profiel, lopend: list[Aanbod]) -> Reden | None:
    """The request's parts of the week against when they can: their running offers, or else
    their profile."""
    if not hulpvraag.dagdelen:
        return None
    kan = 0
    for a in lopend:
        kan |= a.beschikbaarheid
    if not lopend and profiel is not None:
        kan = profiel.beschikbaarheid
    if not kan:
        return Reden(None, _("Heeft niet opgegeven wanneer hij of zij kan."))
    if kan & hulpvraag.dagdelen:
        return Reden(True, _("Kan op het gevraagde moment."))
    return Reden(False, _("Kan meestal niet op het gevraagde moment."))


def _drukte(helper_id: int, feiten: _Feiten, lopend: list[Aanbod]) -> list[Reden]:
    week = feiten.week.get(helper_id, 0)
    hoogstens = max((a.max_per_week for a in lopend), default=STANDAARD_PER_WEEK)
    bezig = feiten.lopend.get(helper_id, 0)
    redenen = []
    if week >= hoogstens:
        redenen.append(
            Reden(
                False,
                _("Deze week al %(keer)s keer gevraagd; wil hoogstens %(max)s keer per week.")
                % {"keer": week, "max": hoogstens},
            )
        )
    elif week:
        redenen.append(
            Reden(
                None,
                _("Deze week %(keer)s keer gevraagd.") % {"keer": week},
            )
        )
    if bezig:
        redenen.append(
            Reden(
                None,
                ngettext(
                    "Helpt nu bij %(aantal)s hulpvraag.",
                    "Helpt nu bij %(aantal)s hulpvragen.",
                    bezig,
                )
                % {"aantal": bezig},
            )
        )
    if not week and not bezig:
        redenen.append(Reden(True, _("Is nu niet druk.")))
    return redenen


def _talen(profiel, aanvrager_talen: set[str]) -> Reden | None:
    """Only when the requester speaks another language than Dutch."""
    if not aanvrager_talen:
        return None
    gedeeld = sorted(aanvrager_talen & set(profiel.talen if profiel else []))
    namen = ", ".join(str(Taal(t).label) for t in gedeeld if t in Taal.values)
    if namen:
        return Reden(True, _("Spreekt ook %(talen)s, net als de aanvrager.") % {"talen": namen})
    andere = ", ".join(str(Taal(t).label) for t in sorted(aanvrager_talen) if t in Taal.values)
    return Reden(None, _("Spreekt geen %(talen)s, zoals de aanvrager.") % {"talen": andere})
