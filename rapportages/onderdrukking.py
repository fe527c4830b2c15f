"""How the report hides small counts: the one place for the rule (``toon`` and ``onderdruk``).

The page, the CSV, the XLSX and the business case all show counts through ``toon`` after
``onderdruk`` has run over the whole report, so they hide the same cells.

1. **Small counts** (primary suppression). A count from 1 to 4 is shown as "<5", so nobody can
   be recognised in a small group. 0 stays 0.
2. **Complementary suppression.** A hidden count must not come back from the figures beside it.
   The report declares its sums (``Relatie``): a total and its parts (the requests per buurt
   add up to all new requests, the months add up to the period, bookings by initiatives and by
   residents add up to the bookings of a room). ``onderdruk`` reads them as a reader with pencil
   and paper would: a shown count is exact, "<5" is 1 to 4, "x" is at least 5 (0 would be
   shown and 1 to 4 would say "<5"), a part that the report never shows (requests withdrawn,
   sign-ups without attendance) is 0 or more. The reader may add and subtract whole sums
   (exact elimination, so row + row - column - column in a table with all its totals shown is
   covered), narrow the bounds until nothing changes, and try each value of a hidden count to
   see whether the rest still fits (whole numbers: three "<5" that add up to 3 are three 1s).
   As long as a hidden count comes out exactly — a single hidden cell in a sum, "<5" + "<5"
   under a total of 8, "<5" + "x" = 6 — one more count is hidden: of the shown counts in the
   sums around it, smallest first and a part before its total, the one that leaves the fewest
   hidden counts exposed. That one is shown as "x". At the end every "x" that turns out not
   to be needed is shown again. When only small counts are left to hide (four parts of 1
   under a total "<5"), the total is shown as "x" instead of "<5".
3. **Shares and amounts.** A percentage rests on counts (``Aandeel``): it is shown only while
   each of them is shown, so a percentage never stands beside a hidden count (23% of 13 would
   give a hidden 3 away). The share of new requests with a match rests on both the matched
   and the unmatched requests, so "10 of 13" does not give away the 3 that were not matched.
   The business case hides an amount when its count is hidden (the amount divided by the
   board's value gives the count) and then its total too.

Limits: trying each value of one count at a time is strong but not a full integer-programming
audit; the tests check the result against a reader who tries every combination on small
tables. Hours, the opening hours and occupancy of rooms are not counts and are shown as they are.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _

KLEIN = 5
VERBORGEN = "x"  # a count hidden so that a small one cannot be worked out
_RONDES = 100  # interval reasoning reaches its fixed point in a few rounds; this is a guard
_PROBEER = 50  # values tried for a hidden count with no upper bound
_KANDIDATEN = 8  # counts tried per step (the smallest); keeps a live report fast


class Aantal(int):
    """A count of the report, shown through ``toon``.

    ``sleutel`` names it in the report's sums; ``onderdruk`` sets ``aanvullend`` when it must be
    hidden too. ``getoond=False`` is a part the report never shows (it only takes part in sums).
    """

    sleutel: str
    getoond: bool
    aanvullend: bool

    def __new__(cls, waarde: int, sleutel: str = "", *, getoond: bool = True):
        aantal = super().__new__(cls, waarde)
        aantal.sleutel = sleutel
        aantal.getoond = getoond
        aantal.aanvullend = False
        return aantal

    @property
    def klein(self) -> bool:
        return 0 < self < KLEIN

    @property
    def verborgen(self) -> bool:
        return self.getoond and (self.klein or self.aanvullend)


def toon(n: int | None) -> str:
    """A count as shown: 0 stays 0, 1 to 4 become "<5", a count hidden beside them "x"."""
    if n is None:
        return "—"
    if getattr(n, "aanvullend", False):
        return VERBORGEN
    if 0 < n < KLEIN:
        return f"<{KLEIN}"
    return str(n)


def is_verborgen(n) -> bool:
    """Whether ``toon(n)`` hides the count."""
    return n is not None and (bool(getattr(n, "aanvullend", False)) or 0 < n < KLEIN)


def verborgen_tekst(n) -> str:
    """What stands for a figure made from the hidden count ``n`` (an amount, a share)."""
    return VERBORGEN if getattr(n, "aanvullend", False) else _("te weinig")


@dataclass
class Aandeel:
    """A share of counts, shown as a whole percentage while every count in ``uit`` is shown."""

    deel: int
    geheel: int
    uit: tuple[Aantal, ...]

    def tekst(self) -> str:
        if not self.geheel:
            return "—"
        if self.geheel < KLEIN:
            return _("te weinig")
        if any(is_verborgen(a) for a in self.uit):
            return VERBORGEN
        return f"{number_format(round(self.deel / self.geheel * 100), 0)}%"


@dataclass(frozen=True)
class Relatie:
    """``totaal`` is the sum of ``delen`` (keys of ``Aantal``)."""

    totaal: str
    delen: tuple[str, ...]


def _grenzen(aantal: Aantal) -> tuple[float, float]:
    """What a reader knows of one count from how it is shown."""
    if not aantal.getoond:
        return 0, math.inf
    if not aantal.verborgen:
        return int(aantal), int(aantal)
    if aantal.aanvullend:
        # "x": at least 5 — or, when a small total had to be shown as "x", at least 1.
        return (1 if aantal.klein else KLEIN), math.inf
    return 1, KLEIN - 1


# sum(coefficient * count) == constant; whole numbers, or fractions after elimination
Vergelijking = tuple[dict[int, int | Fraction], int | Fraction]


def _vereenvoudig(vergelijkingen: list[Vergelijking]) -> list[Vergelijking]:
    """Gauss-Jordan elimination (exact, with fractions) of the sums over the unknown counts:
    what a reader gets by adding and subtracting whole rows and columns (a count that cancels
    out, such as row + row - column - column in a table with all its totals shown)."""
    spil: dict[int, Vergelijking] = {}  # pivot count -> its reduced equation
    for vergelijking, constante in vergelijkingen:
        rij = dict(vergelijking)
        for p in [i for i in rij if i in spil]:
            factor = rij.get(p)
            if not factor:
                continue
            p_rij, p_constante = spil[p]
            _trek_af(rij, factor, p_rij)
            constante -= factor * p_constante
        if not rij:
            continue  # follows from the others
        p = min(rij)
        factor = rij[p]
        if factor in (1, -1):  # tables of sums stay whole numbers (no fractions needed)
            rij = {i: a * factor for i, a in rij.items()}
            constante *= factor
        else:
            rij = {i: Fraction(a) / factor for i, a in rij.items()}
            constante = Fraction(constante) / factor
        for q, (q_rij, q_constante) in spil.items():
            g = q_rij.get(p)
            if g:
                _trek_af(q_rij, g, rij)
                spil[q] = (q_rij, q_constante - g * constante)
        spil[p] = (rij, constante)
    return list(spil.values())


def _trek_af(rij: dict, factor, andere: dict) -> None:
    """``rij -= factor * andere``, in place; a coefficient that becomes 0 leaves the row."""
    for i, a in andere.items():
        waarde = rij.get(i, 0) - factor * a
        if waarde:
            rij[i] = waarde
        else:
            rij.pop(i, None)


def _deel(teller, noemer):
    """``teller / noemer`` exactly (whole numbers stay whole when ``noemer`` is 1 or -1)."""
    if noemer == 1:
        return teller
    if noemer == -1:
        return -teller
    return Fraction(teller) / noemer


def _per_cel(vergelijkingen: list[Vergelijking]) -> dict[int, list[int]]:
    per_cel: dict[int, list[int]] = {}
    for j, (vergelijking, _c) in enumerate(vergelijkingen):
        for i in vergelijking:
            per_cel.setdefault(i, []).append(j)
    return per_cel


def _begrens(
    lo: list[int],
    hi: list[int | None],
    vergelijkingen: list[Vergelijking],
    per_cel: dict[int, list[int]],
    begin: Iterable[int] | None = None,
) -> bool:
    """Interval reasoning over the equations until nothing changes (an equation is read again
    when one of its counts changed), narrowing ``lo`` and ``hi`` in place (``hi`` None: no upper
    bound); counts are whole numbers, so bounds are rounded inward. ``begin``: only these
    equations changed since the last fixed point. False when the bounds contradict each other
    (no counts fit)."""
    wachtrij = deque(range(len(vergelijkingen)) if begin is None else begin)
    in_rij = [False] * len(vergelijkingen)
    for j in wachtrij:
        in_rij[j] = True
    for _stap in range(_RONDES * max(len(vergelijkingen), 1)):
        if not wachtrij:
            break
        j = wachtrij.popleft()
        in_rij[j] = False
        vergelijking, constante = vergelijkingen[j]
        # Bounds of every term a * x; None is minus (onder) or plus (boven) infinity.
        termen = {}
        for i, a in vergelijking.items():
            if a > 0:
                termen[i] = (a * lo[i], None if hi[i] is None else a * hi[i])
            else:
                termen[i] = (None if hi[i] is None else a * hi[i], a * lo[i])
        onder = sum(t[0] for t in termen.values() if t[0] is not None)
        onder_open = sum(1 for t in termen.values() if t[0] is None)
        boven = sum(t[1] for t in termen.values() if t[1] is not None)
        boven_open = sum(1 for t in termen.values() if t[1] is None)
        veranderd = []
        for i, a in vergelijking.items():
            t_onder, t_boven = termen[i]
            # a * x = constante - (the other terms)
            andere_boven = (
                None
                if boven_open - (t_boven is None) > 0
                else boven - (t_boven if t_boven is not None else 0)
            )
            andere_onder = (
                None
                if onder_open - (t_onder is None) > 0
                else onder - (t_onder if t_onder is not None else 0)
            )
            laag = None if andere_boven is None else constante - andere_boven
            hoog = None if andere_onder is None else constante - andere_onder
            if a < 0:
                laag, hoog = hoog, laag
            nieuw_lo = lo[i] if laag is None else max(lo[i], math.ceil(_deel(laag, a)))
            nieuw_hi = hi[i] if hoog is None else math.floor(_deel(hoog, a))
            if hi[i] is not None and nieuw_hi is not None:
                nieuw_hi = min(hi[i], nieuw_hi)
            if nieuw_hi is not None and nieuw_lo > nieuw_hi:
                return False
            if nieuw_lo != lo[i] or nieuw_hi != hi[i]:
                lo[i], hi[i] = nieuw_lo, nieuw_hi
                veranderd.append(i)
        for i in veranderd:
            for k in per_cel[i]:
                if not in_rij[k]:
                    in_rij[k] = True
                    wachtrij.append(k)
    return True


class _Stelsel:
    """The sums of a report over the indexes of its counts: what a reader can work out."""

    def __init__(self, aantallen: Mapping[str, Aantal], relaties: list[Relatie]):
        self.sleutels = list(aantallen)
        self.aantallen = list(aantallen.values())
        index = {k: i for i, k in enumerate(self.sleutels)}
        self.relaties = [(index[r.totaal], [index[d] for d in r.delen]) for r in relaties]
        self.per_cel: list[list[int]] = [[] for _ in self.sleutels]
        for j, (totaal, delen) in enumerate(self.relaties):
            for i in {totaal, *delen}:
                self.per_cel[i].append(j)
        self.is_totaal = {totaal for totaal, _delen in self.relaties}

    def uitrekenen(self) -> tuple[list[int], list[int | None], list[Vergelijking]]:
        """Per count the lowest and highest value a reader can work out (``hi`` None: no upper
        bound) from the sums and what adding and subtracting them gives, with the bounds that
        the way each count is shown gives away; and the equations used."""
        grenzen = [_grenzen(a) for a in self.aantallen]
        lo = [int(g[0]) for g in grenzen]
        hi = [None if g[1] == math.inf else int(g[1]) for g in grenzen]
        bekend = [lo[i] == hi[i] for i in range(len(lo))]
        vergelijkingen: list[Vergelijking] = []
        for totaal, delen in self.relaties:
            rij: dict[int, int] = {}
            constante = 0
            for i, a in ((totaal, 1), *((d, -1) for d in delen)):  # totaal - delen = 0
                if bekend[i]:
                    constante -= a * lo[i]
                else:
                    rij[i] = rij.get(i, 0) + a
            rij = {i: a for i, a in rij.items() if a}
            if rij:
                vergelijkingen.append((rij, constante))
        vergelijkingen += _vereenvoudig(vergelijkingen)
        _begrens(lo, hi, vergelijkingen, _per_cel(vergelijkingen))
        return lo, hi, vergelijkingen

    def bloot(self, *, grondig: bool = False) -> list[int]:
        """The hidden counts that a reader can work out exactly.

        ``grondig`` also tries every value of each hidden count (fix it, reason on, look for a
        contradiction): a count with only one value left is exposed too. This finds what whole
        numbers give away across several sums (a row of three "<5" that adds up to 3 is three
        ones, and that may decide a count elsewhere)."""
        lo, hi, vergelijkingen = self.uitrekenen()
        verborgen = [i for i, a in enumerate(self.aantallen) if a.verborgen and self.per_cel[i]]
        bloot = [i for i in verborgen if lo[i] == hi[i]]
        if not grondig:
            return bloot
        per_cel = _per_cel(vergelijkingen)
        for i in verborgen:
            if lo[i] == hi[i] or i not in per_cel:
                continue
            mogelijk, waarde = 0, lo[i]
            while mogelijk < 2 and waarde <= (lo[i] + _PROBEER if hi[i] is None else hi[i]):
                lo_2, hi_2 = list(lo), list(hi)
                lo_2[i] = hi_2[i] = waarde
                mogelijk += _begrens(lo_2, hi_2, vergelijkingen, per_cel, per_cel[i])
                waarde += 1
            if mogelijk < 2:
                bloot.append(i)
        return bloot

    def kandidaten(self, bloot: list[int], geschikt) -> list[int]:
        """The ``geschikt`` counts in the sums of the exposed counts; when there are none,
        those in the sums that share a hidden count with these (and so on)."""
        gezien_rel: set[int] = set()
        gezien = set(bloot)
        laag = list(bloot)
        while laag:
            rel = {j for i in laag for j in self.per_cel[i]} - gezien_rel
            gezien_rel |= rel
            leden = {i for j in rel for i in (self.relaties[j][0], *self.relaties[j][1])}
            gevonden = [i for i in leden if geschikt(self.aantallen[i])]
            if gevonden:
                return sorted(gevonden)
            laag = [
                i
                for i in leden - gezien
                if not self.aantallen[i].getoond or self.aantallen[i].verborgen
            ]
            gezien |= set(laag)
        return []


def onderdruk(aantallen: Mapping[str, Aantal], relaties: Iterable[Relatie]) -> None:
    """Complementary suppression: mark (``aanvullend``) the counts that must be hidden beside
    the small ones, until no hidden count can be worked out from the sums.

    Each step tries the shown counts in the sums of the exposed ones, smallest first (a part
    before a total; at most ``_KANDIDATEN``), and hides the one that leaves the fewest counts
    exposed. At the end, each
    count hidden this way is shown again, largest first, if that gives nothing away. A sum that
    does not add up in the data (inconsistent rows) is left out: a reader cannot use it either.
    """
    relaties = [
        r
        for r in relaties
        if all(k in aantallen for k in (r.totaal, *r.delen))
        and aantallen[r.totaal] == sum(aantallen[d] for d in r.delen)
    ]
    stelsel = _Stelsel(aantallen, relaties)

    def te_verbergen(a: Aantal) -> bool:
        return a.getoond and not a.verborgen and a > 0

    def als_x_te_tonen(a: Aantal) -> bool:
        return a.getoond and a.klein and not a.aanvullend

    # The quick check (sums, their combinations, bounds) leads; once it finds nothing, the
    # thorough one (every value of every hidden count) confirms, and leads from then on.
    grondig = False
    bloot = stelsel.bloot()
    verborgen: list[int] = []
    for _stap in range(len(stelsel.aantallen) + 1):  # each step hides one more count
        if not bloot and not grondig:
            grondig = True
            bloot = stelsel.bloot(grondig=True)
        if not bloot:
            break
        kandidaten = sorted(
            stelsel.kandidaten(bloot, te_verbergen),
            key=lambda i: (int(stelsel.aantallen[i]), i in stelsel.is_totaal, i),
        )
        if not kandidaten:  # only small counts left around it: show a total as "x"
            kandidaten = sorted(
                stelsel.kandidaten(bloot, als_x_te_tonen),
                key=lambda i: (i not in stelsel.is_totaal, -int(stelsel.aantallen[i]), i),
            )
        if not kandidaten:
            break  # nothing left to hide around it (cannot happen with true counts)
        beste = None
        for i in kandidaten[:_KANDIDATEN]:
            stelsel.aantallen[i].aanvullend = True
            over = stelsel.bloot(grondig=grondig)
            stelsel.aantallen[i].aanvullend = False
            if beste is None or len(over) < len(beste[1]):
                beste = (i, over)
            if not over:
                break
        stelsel.aantallen[beste[0]].aanvullend = True
        verborgen.append(beste[0])
        bloot = beste[1]
    # Show again what turned out not to be needed (the larger counts first).
    for i in sorted(verborgen, key=lambda i: (-int(stelsel.aantallen[i]), i)):
        stelsel.aantallen[i].aanvullend = False
        if stelsel.bloot() or stelsel.bloot(grondig=True):  # the quick check first: cheaper
            stelsel.aantallen[i].aanvullend = True


class Cellen:
    """The counts of one report and the sums between them, collected while its tables are
    built; ``onderdruk()`` then decides what is hidden."""

    def __init__(self):
        self.aantallen: dict[str, Aantal] = {}
        self.relaties: list[Relatie] = []

    def __call__(self, sleutel: str, waarde: int, *, getoond: bool = True) -> Aantal:
        aantal = Aantal(waarde, sleutel, getoond=getoond)
        self.aantallen[sleutel] = aantal
        return aantal

    def som(self, totaal: Aantal, delen: Iterable[Aantal]) -> None:
        self.relaties.append(Relatie(totaal.sleutel, tuple(d.sleutel for d in delen)))

    def rest(self, sleutel: str, totaal: Aantal, delen: Iterable[Aantal]) -> Aantal | None:
        """The part of ``totaal`` that the report does not show beside ``delen`` (e.g. requests
        neither matched nor open), with the sum ``totaal = delen + rest``; None (and no sum)
        when the shown parts are more than the total (their groups overlap in the data)."""
        delen = list(delen)
        over = int(totaal) - sum(delen)
        if over < 0:
            return None
        rest = self(sleutel, over, getoond=False)
        self.som(totaal, [*delen, rest])
        return rest

    def onderdruk(self) -> None:
        onderdruk(self.aantallen, self.relaties)
