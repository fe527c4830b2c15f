"""Benchmark of the board report at two sizes: ``python manage.py bench_reports``.

It never touches the configured database's data. For each size it creates a database of its
own next to it, ``<NAME>_bench_reports_<size>`` (dropped first if it exists, dropped again
afterwards unless ``--keep``; with ``--keep`` an already seeded one is reused), migrates it,
fills it with ``seed_demo --scale SIZE`` (residents, two years of help requests and matches,
bookings, initiatives with meetings and sign-ups, and the buurtassistenten's coordination data),
counts the monthly pre-aggregate as the hourly task does (``maandcijfers``), runs ``ANALYZE``
and then times the full report, ``weergave.tabellen(periode)`` (every table of the page, so
every figure of ``cijfers``), computed on the spot, six times: for last quarter, for the last
twelve full months and for a period of own dates that starts and ends mid-month ("live"), each
for the whole wijk and for one buurt (the one with the most residents). Per
report: the median, min and max of ``--runs`` runs after one warm-up, the number of queries and
the time the database spent on them in one run. At the end: the ratio large/small per report,
the machine's load average (other work makes the figures noisy), whether the
target of issue 7 is met (under 1 s at the large size, ratio under 3), the same for issue 16's
target (under 300 ms, ratio under 3), and the slowest queries at the largest size (``--explain``: with their ``EXPLAIN ANALYZE`` plan).

PostgreSQL only (the figures mean nothing elsewhere); ``--allow-sqlite`` runs it on an
in-memory SQLite database as a smoke test (use tiny sizes).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import Buurt, Profiel, User
from buurtassistenten.models import Contactmoment, Doorverwijzing
from demo.basis import SCHAAL_PREFIX
from demo.bench import (
    EIGEN_DATABASE,
    analyze,
    build,
    eigen_database,
    eis_postgresql,
    gedeelde_argumenten,
    toon,
)
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst
from rapportages import selectors
from rapportages.selectors import Keuze, Periode, vaste_periode

DOEL_MS = 1000.0
DOEL_VERHOUDING = 3.0
# Issue 16: any period computed on the spot (its whole months from the monthly pre-aggregate,
# the partial months at its edges from the rows) under 300 ms at the large size.
DOEL_LIVE_MS = 300.0


def seeded(size: int) -> bool:
    """Whether the current database already holds ``size`` scale residents (``--keep``)."""
    return User.objects.filter(email__startswith=SCHAAL_PREFIX).count() >= size


def perioden(vandaag: date) -> list[tuple[str, date, date]]:
    """Last quarter (as the page's "Vorig kwartaal"), the twelve full months before this one,
    and a period of the board's own dates ("live": from the 15th of the month eight months
    ago to the 10th of last month, so it starts and ends in the middle of a month and crosses
    a year boundary for most of the year)."""
    kwartaal = vaste_periode(Keuze.VORIG_KWARTAAL, vandaag)
    maand = vandaag.replace(day=1)
    vorige = (maand - timedelta(days=1)).replace(day=1)
    begin = maand
    for _ in range(8):
        begin = (begin - timedelta(days=1)).replace(day=1)
    return [
        ("kwartaal", *kwartaal),
        ("jaar", maand.replace(year=maand.year - 1), maand),
        ("live", begin.replace(day=15), vorige.replace(day=10)),
    ]


def grootste_buurt():
    """The buurt with the most residents (ties: the lowest id), or None without profiles."""
    rij = (
        Profiel.objects.filter(buurt__isnull=False)
        .values("buurt")
        .annotate(n=Count("id"))
        .order_by("-n", "buurt")
        .first()
    )
    return Buurt.objects.get(pk=rij["buurt"]) if rij else None


def belasting() -> str:
    """The machine's load average (other work on it makes the figures noisy)."""
    try:
        een, vijf, _vijftien = os.getloadavg()
    except (AttributeError, OSError):
        return ""
    return f"; load average {een:.2f} / {vijf:.2f} op {os.cpu_count()} cpu's"


def counts() -> dict:
    return {
        "bewoners": User.objects.count(),
        "hulpvragen": Hulpvraag.objects.count(),
        "matches": Match.objects.count(),
        "reserveringen": Reservering.objects.count(),
        "bijeenkomsten": Bijeenkomst.objects.count(),
        "aanmeldingen": Aanmelding.objects.count(),
        "contactmomenten": Contactmoment.objects.count(),
        "doorverwijzingen": Doorverwijzing.objects.count(),
    }


def _ms(query: dict) -> float:
    try:
        return float(query.get("time") or 0) * 1000
    except (TypeError, ValueError):
        return 0.0


def measure(periode, *, runs: int) -> dict:
    """Time ``weergave.tabellen(periode)``: median of ``runs`` after a warm-up, and its queries."""
    selectors.tabellen(periode)  # warm up (imports, translations, the first connection)
    reset_queries()  # a full query log (DEBUG) would make the count wrong
    with CaptureQueriesContext(connection) as captured:
        secties = selectors.tabellen(periode)
    queries = [{"sql": q["sql"], "ms": _ms(q)} for q in captured.captured_queries]
    tijden = []
    for _ in range(runs):
        started = time.perf_counter()
        selectors.tabellen(periode)
        tijden.append((time.perf_counter() - started) * 1000)
    # As the page serves it when the hourly task has computed it ahead (rapportages.voorberekend).
    selectors.bereken(periode)
    klaar = []
    for _ in range(runs):
        started = time.perf_counter()
        selectors.rapport_voor(periode)
        klaar.append((time.perf_counter() - started) * 1000)
    return {
        "klaar_ms": statistics.median(klaar),
        "median_ms": statistics.median(tijden),
        "min_ms": min(tijden),
        "max_ms": max(tijden),
        "queries": len(queries),
        "sql_ms": sum(q["ms"] for q in queries),
        "trage": sorted(queries, key=lambda q: q["ms"], reverse=True),
        "tabellen": sum(len(s.tabellen) for s in secties),
        "rijen": sum(len(t.rijen) for s in secties for t in s.tabellen),
    }


def explain(sql: str) -> str:
    """The ``EXPLAIN (ANALYZE, BUFFERS)`` plan of one captured query (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")  # our own captured SQL
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(" ".join(str(c) for c in rij) for rij in cursor.fetchall())


def figures(size: int, *, runs: int, vandaag: date) -> tuple[dict, list[dict]]:
    """Measure the four reports in the current (seeded) database."""
    buurt = grootste_buurt()
    metingen = []
    for soort, van, tot in perioden(vandaag):
        for b in (None, buurt):
            periode = Periode(van=van, tot=tot, buurt=b)
            metingen.append(
                {
                    "size": size,
                    "soort": soort,
                    "van": van,
                    "tot": tot,
                    "buurt": b.naam if b else "alle buurten",
                    "sleutel": (soort, b is not None),
                    **measure(periode, runs=runs),
                }
            )
    return counts(), metingen


class Command(BaseCommand):
    help = (
        "Meet hoe snel het hele bestuursrapport is (vorig kwartaal en de laatste twaalf "
        "maanden, voor de hele wijk en voor één buurt) bij twee groottes (standaard 2.000 en "
        "20.000 bewoners). Maakt per grootte een eigen database <NAAM>_bench_reports_<grootte> "
        f"{EIGEN_DATABASE} in het geheugen."
    )

    def add_arguments(self, parser):
        gedeelde_argumenten(parser, sizes=[2000, 20000], keep=True)
        parser.add_argument("--runs", type=int, default=7, help="Metingen per rapport (mediaan).")
        parser.add_argument(
            "--trage", type=int, default=5, help="Toon de zoveel traagste queries (grootste maat)."
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Toon het EXPLAIN ANALYZE-plan van de drie traagste queries bij de grootste maat.",
        )

    def handle(self, *args, sizes, runs, seed, keep, trage, explain, allow_sqlite, **options):
        eis_postgresql("bench_reports", allow_sqlite=allow_sqlite)
        if runs < 1 or not sizes or min(sizes) < 1:
            raise CommandError("Kies --runs >= 1 en groottes >= 1.")
        sizes = sorted(set(sizes))
        vandaag = timezone.localdate()
        alle = []
        for size in sizes:
            # Never send e-mail, and do not log every query (DEBUG), whatever the settings say.
            with (
                eigen_database(f"_bench_reports_{size}", keep=keep),
                override_settings(
                    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", DEBUG=False
                ),
            ):
                self.print_database(size)
                if keep and seeded(size):
                    self.stdout.write("  al gevuld (--keep): opnieuw gebruikt")
                    seed_s = None
                else:
                    seed_s = build(size, seed=seed)
                # As the hourly task keeps it: the monthly pre-aggregate (rapportages.maandcijfers).
                started = time.perf_counter()
                selectors.maandcijfers_bijwerken()
                bijgewerkt_s = time.perf_counter() - started
                analyze()
                aantallen, metingen = figures(size, runs=runs, vandaag=vandaag)
                self.stdout.write(f"  maandcijfers bijgewerkt in {bijgewerkt_s:.1f} s")
                alle.extend(metingen)
                self.print_aantallen(aantallen, seed_s)
                if last := belasting():
                    self.stdout.write(f"  na het meten: {last.removeprefix('; ')}")
                if size == sizes[-1]:
                    self.print_trage(metingen, trage, explain)
        self.print_tabel(alle, runs)
        self.print_doel(alle, sizes)
        self.print_live(alle, sizes)

    def print_database(self, size: int) -> None:
        naam = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            self.stdout.write(
                f"Grootte {size}: database {naam} (PostgreSQL {toon('server_version')}, "
                f"jit = {toon('jit')}){belasting()}"
            )
        else:
            self.stdout.write(f"Grootte {size}: SQLite in het geheugen (rookproef)")

    def print_aantallen(self, a: dict, seed_s: float | None) -> None:
        seed = "" if seed_s is None else f"; seed {seed_s:.1f} s"
        self.stdout.write(
            f"  {a['bewoners']} bewoners, {a['hulpvragen']} hulpvragen, {a['matches']} matches, "
            f"{a['reserveringen']} reserveringen, {a['bijeenkomsten']} bijeenkomsten, "
            f"{a['aanmeldingen']} aanmeldingen, {a['contactmomenten']} contactmomenten, "
            f"{a['doorverwijzingen']} doorverwijzingen{seed}"
        )

    def print_trage(self, metingen: list[dict], aantal: int, explain: bool) -> None:
        """The slowest single queries over the four reports of this size."""
        if aantal <= 0:
            return
        queries = sorted(
            ((q["ms"], m["soort"], m["buurt"], q["sql"]) for m in metingen for q in m["trage"]),
            key=lambda t: t[0],
            reverse=True,
        )[:aantal]
        self.stdout.write("  Traagste queries (van één meting per rapport):")
        for i, (ms, soort, buurt, sql) in enumerate(queries, 1):
            kort = " ".join(sql.split())
            kort = kort if len(kort) <= 300 else kort[:297] + "..."
            self.stdout.write(f"  {i}. {ms:.1f} ms ({soort}, {buurt}): {kort}")
            if explain and i <= 3:
                self.stdout.write("     " + explain_plan(sql).replace("\n", "\n     "))

    def print_tabel(self, rijen: list[dict], runs: int) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Het hele rapport (weergave.tabellen), mediaan van {runs} metingen na één opwarmronde:"
        )
        self.stdout.write(
            f"{'bewoners':>9}  {'periode':<34} {'buurt':<16} {'mediaan ms':>10} {'min ms':>7} "
            f"{'max ms':>7} {'queries':>7} {'sql ms':>7} {'klaar ms':>8}"
        )
        for r in rijen:
            periode = (
                f"{r['soort']} {r['van']:%d-%m-%Y} t/m {r['tot'] - timedelta(days=1):%d-%m-%Y}"
            )
            self.stdout.write(
                f"{r['size']:>9}  {periode:<34} {r['buurt'][:16]:<16} {r['median_ms']:>10.1f} "
                f"{r['min_ms']:>7.1f} {r['max_ms']:>7.1f} {r['queries']:>7} {r['sql_ms']:>7.1f} "
                f"{r['klaar_ms']:>8.2f}"
            )
        self.stdout.write(
            "  (klaar ms: hetzelfde rapport zoals de pagina het toont als de taak van elk uur het "
            "al berekende)"
        )

    def print_live(self, rijen: list[dict], sizes: list[int]) -> None:
        _print_live(self.stdout, rijen, sizes)

    def print_doel(self, rijen: list[dict], sizes: list[int]) -> None:
        klein, groot = sizes[0], sizes[-1]
        per = {(r["size"], r["sleutel"]): r for r in rijen}
        gehaald = True
        self.stdout.write("")
        if klein == groot:
            self.stdout.write("Eén grootte: geen verhouding.")
        else:
            self.stdout.write(f"Verhouding {groot}/{klein}:")
        for r in rijen:
            if r["size"] != groot:
                continue
            k = per.get((klein, r["sleutel"])) if klein != groot else None
            verhouding = r["median_ms"] / k["median_ms"] if k else None
            snel = r["median_ms"] < DOEL_MS
            vast = verhouding is None or verhouding < DOEL_VERHOUDING
            gehaald = gehaald and snel and vast
            tekst = "—" if verhouding is None else f"{verhouding:.2f}"
            queries = (
                f"queries {k['queries']} en {r['queries']}" if k else f"queries {r['queries']}"
            )
            self.stdout.write(
                f"  {r['soort']:<9} {r['buurt'][:16]:<16} {r['median_ms']:>7.1f} ms, verhouding "
                f"{tekst:>5}, {queries}: "
                f"{'gehaald' if snel and vast else 'NIET gehaald'}"
            )
        self.stdout.write(
            f"Doel (onder {DOEL_MS / 1000:.0f} s bij {groot} bewoners, verhouding onder "
            f"{DOEL_VERHOUDING:.0f}): {'gehaald' if gehaald else 'NIET gehaald'} "
            "bij zelf uitrekenen (eigen datums)."
        )
        # The usual periods are computed ahead every hour (rapportages.voorberekend).
        klaar_gehaald = True
        for r in rijen:
            if r["size"] != groot or klein == groot or "klaar_ms" not in r:
                continue
            k = per[(klein, r["sleutel"])]
            verhouding = r["klaar_ms"] / k["klaar_ms"] if k["klaar_ms"] else 0.0
            klaar_gehaald = (
                klaar_gehaald and r["klaar_ms"] < DOEL_MS and verhouding < DOEL_VERHOUDING
            )
            self.stdout.write(
                f"  voorberekend {r['soort']:<9} {r['buurt'][:16]:<16} {r['klaar_ms']:>7.2f} ms, "
                f"verhouding {verhouding:>5.2f}"
            )
        if klein != groot and all("klaar_ms" in r for r in rijen):
            self.stdout.write(
                f"Doel voor de vaste periodes zoals de pagina ze toont (elk uur voorberekend): "
                f"{'gehaald' if klaar_gehaald else 'NIET gehaald'}."
            )


def _print_live(stdout, rijen: list[dict], sizes: list[int]) -> None:
    """Issue 16: every report computed on the spot, large against small, with its target."""
    klein, groot = sizes[0], sizes[-1]
    per = {(r["size"], r["sleutel"]): r for r in rijen}
    gehaald = True
    stdout.write("")
    stdout.write(
        f"Zelf uitrekenen (issue 16: onder {DOEL_LIVE_MS:.0f} ms bij {groot} bewoners, "
        f"verhouding {groot}/{klein} onder {DOEL_VERHOUDING:.0f}):"
    )
    for r in rijen:
        if r["size"] != groot:
            continue
        k = per.get((klein, r["sleutel"])) if klein != groot else None
        verhouding = r["median_ms"] / k["median_ms"] if k else None
        goed = r["median_ms"] < DOEL_LIVE_MS and (verhouding is None or verhouding < 3)
        gehaald = gehaald and goed
        klein_ms = f"{k['median_ms']:>7.1f} ms" if k else "      —"
        tekst = "—" if verhouding is None else f"{verhouding:.2f}"
        stdout.write(
            f"  {r['soort']:<9} {r['buurt'][:16]:<16} {klein}: {klein_ms}  {groot}: "
            f"{r['median_ms']:>7.1f} ms  verhouding {tekst:>5}  "
            f"{'gehaald' if goed else 'NIET gehaald'}"
        )
    stdout.write(f"Doel issue 16: {'gehaald' if gehaald else 'NIET gehaald'}.")


def explain_plan(sql: str) -> str:
    try:
        return explain(sql)
    except Exception as exc:  # noqa: BLE001 - shown, the figures above still count
        return f"(geen plan: {exc!r})"
