"""The network's report (issue 14): what the coöperaties achieve together, per coöperatie and in
total, for one of the board report's fixed periods.

**The same figures.** Each coöperatie's row is taken from its own computed board report
(``rapportages.selectors.rapporten_voor``: the report of the whole wijk for the period, one read
of the cache for all of them, computed inside the coöperatie where it is missing), so a figure
here is the figure of that coöperatie's own report, shown the same way: "<5" where it shows
"<5", "x" where it hides a count beside a small one.

**The same rule for small counts** (``rapportages.onderdrukking``: "<5" is 1 to 4, "x" at
least 5, a shown count exact). The one thing this table adds is a total per column, the sum of
its coöperaties. A total must not give a hidden count away, and we assume a strong reader:
someone who also sees the own reports of the other coöperaties, and so knows every count those
show. Hiding another coöperatie's count here ("x", as ``onderdruk`` would choose) would not stop
that reader, so the total is hidden instead ("x"), exactly when the sum and the bounds of the
hidden counts pin one of them down: one hidden count in the column, or four "<5" that add up to
4 (``geeft_weg``, exact for one sum). A column has one sum and nothing else, so this needs no
search: it is quick for a network of hundreds of coöperaties, where ``onderdruk``'s general
search over 500 counts a column takes seconds. The tests check the result against
``onderdruk`` and against a reader who tries every combination.

A count that a coöperatie's own report never shows by itself (the room bookings: it shows them
per room and per month) is shown here only when its parts there give it exactly (every month,
or every room, shown); otherwise it is hidden ("x", or "<5" when it is small), and the check
uses what its parts tell of it (5 and "<5" in two months: 6 to 9).

Limit: the check reads any other hidden count as it is shown ("<5", "x"). A reader who works
through that coöperatie's own report may know it more narrowly (a report hides a count so that
it cannot be worked out exactly, not within bounds); keeping each report's bounds beside its
counts (``Berekend``) would let the check use them.

**Hours** are not counts and are shown as they are, as in the board report, except beside a
hidden count of completed help (the hours would hint at it, as the business case hides an
amount). Their total is hidden beside a hidden total of completed help, and when it would
give one hidden row's hours back (one row hidden, or hidden rows with 0 hours together).

The table holds no person: only coöperaties and counts. ``federatie`` keeps the computed table
in the cache for a little while (per period and language), so the page opens at once for a
network of hundreds of coöperaties; it says when the figures were computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperaties.models import Cooperatie
from rapportages.selectors import (
    KLEIN,
    VASTE_KEUZES,
    VERBORGEN,
    Aantal,
    Berekend,
    Periode,
    is_verborgen,
    rapporten_voor,
    toon,
    vaste_periode,
    verborgen_tekst,
)

# Long enough for a board member to look through the periods; short beside the hour in which
# the coöperaties' own reports are computed again.
BEWAAR_SECONDEN = 10 * 60


@dataclass(frozen=True)
class Kolom:
    """A column: its name in the table, its heading, and the key of its count in a
    coöperatie's computed report (``Berekend.aantallen``, see ``rapportages.weergave``)."""

    naam: str
    titel: str
    sleutel: str


KOLOMMEN = (
    Kolom("nieuwe_bewoners", gettext_lazy("Nieuwe bewoners"), "meedoen.nieuwe_bewoners"),
    Kolom("hulpvragen", gettext_lazy("Nieuwe hulpvragen"), "hulp.nieuw"),
    Kolom("gematcht", gettext_lazy("Hulpvragen gematcht"), "hulp.gematcht"),
    Kolom("hulp_afgerond", gettext_lazy("Keren hulp afgerond"), "hulp.hulp_afgerond"),
    Kolom("actieve_helpers", gettext_lazy("Actieve helpers"), "hulp.actieve_helpers"),
    Kolom(
        "initiatieven",
        gettext_lazy("Actieve initiatieven (met een bijeenkomst)"),
        "meedoen.actieve_initiatieven",
    ),
    Kolom("aanwezig", gettext_lazy("Aanwezig bij bijeenkomsten"), "meedoen.gekomen"),
    Kolom("boekingen", gettext_lazy("Boekingen van ruimtes"), "trend_ruimtes.boekingen"),
)
UREN_NA = "hulp_afgerond"  # the hours stand beside (and hide with) the completed help
UREN_TITEL = gettext_lazy("Gegeven uren hulp")

# A count the own report shows only in parts: the ways that report adds it up (the months of
# the bookings table; the rooms, when no room that is no longer active had bookings).
_DELEN = {
    "trend_ruimtes.boekingen": (
        (re.compile(r"trend_ruimtes\.\d+\.boekingen"), ()),
        (re.compile(r"accommodaties\.\d+\.boekingen"), ("trend_ruimtes.boekingen.niet_actief",)),
    ),
}


@dataclass
class Rij:
    naam: str
    aantallen: dict[str, Aantal]  # by column name
    uren: float
    uren_verborgen: bool = False
    is_totaal: bool = False

    def cellen(self) -> list[str]:
        """The row as shown: counts through ``toon``, the hours with one decimal ("te weinig"
        or "x" beside a hidden count of completed help, as the business case shows an amount;
        "x" for a hidden total)."""
        cellen = []
        for kolom in KOLOMMEN:
            cellen.append(toon(self.aantallen[kolom.naam]))
            if kolom.naam == UREN_NA:
                if not self.uren_verborgen:
                    cellen.append(_uren(self.uren))
                elif self.is_totaal:
                    cellen.append(VERBORGEN)
                else:
                    cellen.append(verborgen_tekst(self.aantallen[UREN_NA]))
        return cellen


@dataclass
class Federatie:
    """The table of the network's report for one period."""

    periode: Periode
    rijen: list[Rij]
    totaal: Rij
    berekend_van: datetime | None = None  # the oldest and newest of the reports it is made of
    berekend_tot: datetime | None = None
    kolommen: list[str] = field(default_factory=list)

    @property
    def aantal_cooperaties(self) -> int:
        return len(self.rijen)

    @property
    def einddatum(self) -> date:
        return date.fromordinal(self.periode.tot.toordinal() - 1)


def kolomtitels() -> list[str]:
    """The headings of the table (and the CSV), in the active language."""
    titels = [_("Coöperatie")]
    for kolom in KOLOMMEN:
        titels.append(str(kolom.titel))
        if kolom.naam == UREN_NA:
            titels.append(str(UREN_TITEL))
    return titels


def _uren(uren: float) -> str:
    return number_format(round(uren, 1), 1)


def _eigen_grenzen(aantallen: dict, sleutel: str) -> tuple[int, int | None]:
    """What a reader of the coöperatie's own report knows of a count it shows only in parts
    (``_DELEN``): at least the sum of what the parts are at least, at most the sum of what they
    are at most (``None``: no upper bound), by every way the report adds it up."""
    lo, hi = 0, None
    for patroon, niet_bij in _DELEN.get(sleutel, ()):
        if any(k in aantallen for k in niet_bij):
            continue
        grenzen = [_grenzen(a) for k, a in aantallen.items() if patroon.fullmatch(k)]
        if not grenzen:
            continue
        lo = max(lo, sum(g[0] for g in grenzen))
        if all(g[1] is not None for g in grenzen):
            deel_hi = sum(g[1] for g in grenzen)
            hi = deel_hi if hi is None else min(hi, deel_hi)
    return lo, hi


def _cel(berekend: Berekend, kolom: Kolom, sleutel: str) -> Aantal:
    """A coöperatie's count, hidden as its own report hides it."""
    eigen = berekend.aantallen[kolom.sleutel]
    cel = Aantal(int(eigen), sleutel)
    if eigen.getoond:
        cel.aanvullend = bool(getattr(eigen, "aanvullend", False))
        return cel
    # A count the report never shows by itself: shown here when its parts give it exactly,
    # else hidden ("<5" when it is small, else "x"), with what its parts tell of it.
    lo, hi = _eigen_grenzen(berekend.aantallen, kolom.sleutel)
    if lo != hi:
        cel.aanvullend = not cel.klein and int(cel) > 0
        getoond_lo, getoond_hi = _grenzen(cel)
        if hi is not None and getoond_hi is not None:
            hi = min(hi, getoond_hi)
        cel.grenzen = (max(lo, getoond_lo), hi if hi is not None else getoond_hi)
    return cel


def _grenzen(aantal: Aantal) -> tuple[int, int | None]:
    """What a reader knows of a count from how it is shown (``None``: no upper bound), or
    from its parts in its own report (``grenzen``, when ``_cel`` set them)."""
    if not is_verborgen(aantal):
        return int(aantal), int(aantal)
    if getattr(aantal, "grenzen", None) is not None:
        return aantal.grenzen
    if aantal.aanvullend:
        return (1 if aantal.klein else KLEIN), None
    return 1, KLEIN - 1


def geeft_weg(totaal: Aantal, delen: list[Aantal]) -> list[Aantal]:
    """The hidden ``delen`` that a reader can work out exactly from the ``totaal`` as it is
    shown, knowing every count the own reports show (the shown ones here). Exact for one sum:
    with whole numbers between bounds, every value between the lowest and the highest that
    the sum leaves is possible, so a count is given away only when those two meet."""
    bekend = sum(int(d) for d in delen if not is_verborgen(d))
    verborgen = [d for d in delen if is_verborgen(d)]
    t_lo, t_hi = _grenzen(totaal)
    s_lo, s_hi = t_lo - bekend, None if t_hi is None else t_hi - bekend
    grenzen = [_grenzen(d) for d in verborgen]
    som_lo = sum(lo for lo, _hi in grenzen)
    open_ = sum(1 for _lo, hi in grenzen if hi is None)
    som_hi = sum(hi for _lo, hi in grenzen if hi is not None)
    bloot = []
    for d, (lo, hi) in zip(verborgen, grenzen, strict=True):
        # the others add up to between (som_lo - lo) and (som_hi - hi) (None: no upper bound)
        andere_hi = None if open_ - (hi is None) > 0 else som_hi - (hi or 0)
        laag = lo if andere_hi is None else max(lo, s_lo - andere_hi)
        hoog = hi if s_hi is None else s_hi - (som_lo - lo)
        if hi is not None and hoog is not None:
            hoog = min(hi, hoog)
        if hoog is not None and laag >= hoog:
            bloot.append(d)
    return bloot


def verberg_kolom(totaal: Aantal, delen: list[Aantal]) -> None:
    """Decide what a column hides beside what the coöperaties' own reports hide: its total,
    when it gives a hidden count away (``geeft_weg``)."""
    if geeft_weg(totaal, delen):
        totaal.aanvullend = True


def bereken(periode: Periode, cooperaties: list[Cooperatie] | None = None) -> Federatie:
    """The network's table for ``periode`` (the whole wijk of every active coöperatie, or of
    ``cooperaties``): the rows by name, the totals, the hidden cells decided."""
    if cooperaties is None:
        cooperaties = list(Cooperatie.objects.actief().defer("logo").order_by("naam", "pk"))
    rapporten = rapporten_voor(cooperaties, periode)
    rijen = []
    for cooperatie in cooperaties:
        berekend = rapporten[cooperatie.pk]
        rijen.append(
            Rij(
                naam=cooperatie.naam,
                aantallen={
                    k.naam: _cel(berekend, k, f"{cooperatie.pk}.{k.naam}") for k in KOLOMMEN
                },
                uren=berekend.uren_hulp,
            )
        )
    totaal = Rij(
        naam=_("Totaal"),
        aantallen={
            k.naam: Aantal(sum(int(r.aantallen[k.naam]) for r in rijen), f"totaal.{k.naam}")
            for k in KOLOMMEN
        },
        uren=sum(r.uren for r in rijen),
        is_totaal=True,
    )
    for kolom in KOLOMMEN:
        verberg_kolom(totaal.aantallen[kolom.naam], [r.aantallen[kolom.naam] for r in rijen])
    verborgen_uren = []
    for rij in rijen:
        rij.uren_verborgen = is_verborgen(rij.aantallen[UREN_NA])
        if rij.uren_verborgen:
            verborgen_uren.append(rij.uren)
    # The total of the hours: hidden beside a hidden total of completed help, as in a row, and
    # when it would give one hidden row's hours back (the hidden rows' hours together are
    # what the total minus the shown ones leaves).
    totaal.uren_verborgen = (
        is_verborgen(totaal.aantallen[UREN_NA])
        or len(verborgen_uren) == 1
        or (bool(verborgen_uren) and not sum(verborgen_uren))
    )
    momenten = [r.berekend_op for r in rapporten.values()]
    return Federatie(
        periode=periode,
        rijen=rijen,
        totaal=totaal,
        berekend_van=min(momenten, default=None),
        berekend_tot=max(momenten, default=None),
        kolommen=kolomtitels(),
    )


def _sleutel(periode: Periode, taal: str) -> str:
    return f"netwerk:federatie:v1:{periode.van:%Y%m%d}:{periode.tot:%Y%m%d}:{taal}"


def federatie(keuze: str, *, vandaag: date | None = None) -> Federatie:
    """The network's table for one of the fixed periods (``rapportages.selectors.Keuze``), from
    the cache when it was computed in the last minutes, else computed now (and kept)."""
    if keuze not in VASTE_KEUZES:
        raise ValueError(f"the network's report has the fixed periods only, not {keuze!r}")
    van, tot = vaste_periode(keuze, vandaag or timezone.localdate())
    periode = Periode(van=van, tot=tot, buurt=None)
    sleutel = _sleutel(periode, translation.get_language() or settings.LANGUAGE_CODE)
    tabel = cache.get(sleutel)
    if tabel is None:
        tabel = bereken(periode)
        cache.set(sleutel, tabel, BEWAAR_SECONDEN)
    return tabel
