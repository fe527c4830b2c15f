"""Benchmark of the matching engine at two sizes: ``python manage.py bench_matching``.

It never touches the configured database's data. For each size it creates a database of its
own next to it, ``<NAME>_bench_<size>`` (dropped first if it exists, dropped again afterwards
unless ``--keep``), migrates it, fills it with ``seed_demo --scale SIZE`` (residents with
profiles, offers, two years of requests and matches), runs ``ANALYZE`` and then times
``services.hulpvraag_match`` on fresh open requests in varied categories and buurten. Each
request is created and matched inside a transaction that is rolled back, so the runs do not
influence each other. It prints figures; it is not a test with a time limit.

PostgreSQL only (the figures mean nothing elsewhere); ``--allow-sqlite`` runs it on an
in-memory SQLite database as a smoke test.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import time as dtime
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from bewoners.models import Categorie, Profiel, User
from demo.bench import (
    EIGEN_DATABASE,
    analyze,
    build,
    eigen_database,
    eis_postgresql,
    gedeelde_argumenten,
    toon,
)
from hulpvragen import selectors, services
from hulpvragen.models import Aanbod, Hulpvraag, Match, Wanneer


class Rollback(Exception):
    """Raised to roll back one measured run."""


def _fresh_requests(n: int, *, seed: int):
    """Unsaved open requests by scale residents, spread over categories, buurten and 'when'."""
    rng = random.Random(seed)
    categorieen = list(Categorie.objects.actief().order_by("pk"))
    profielen = list(
        Profiel.objects.filter(user__email__startswith="schaal-", toestemming_op__isnull=False)
        .order_by("pk")
        .values_list("user_id", "buurt_id")
    )
    if not profielen:
        raise CommandError("Geen schaalbewoners gevonden: draai eerst seed_demo --scale.")
    vandaag = timezone.localdate()
    vragen = []
    for i in range(n):
        user_id, buurt_id = profielen[rng.randrange(len(profielen))]
        h = Hulpvraag(
            aanvrager_id=user_id,
            buurt_id=buurt_id,
            categorie=categorieen[i % len(categorieen)],
            titel=f"Benchmark {i}",
            beschrijving="Een verse hulpvraag voor de meting.",
        )
        soort = i % 3
        if soort == 0:
            h.wanneer = Wanneer.DATUM
            h.datum = vandaag + timedelta(days=rng.randint(1, 10))
            h.tijd_van, h.tijd_tot = dtime(rng.choice((9, 13, 19))), dtime(rng.choice((11, 16, 21)))
            if h.tijd_tot <= h.tijd_van:
                h.tijd_tot = dtime(h.tijd_van.hour + 2)
        elif soort == 1:
            h.wanneer = Wanneer.FLEXIBEL
            h.uiterlijk = vandaag + timedelta(days=rng.randint(3, 14))
        else:
            h.wanneer = Wanneer.WEKELIJKS
            h.weekdag = rng.randrange(7)
            h.tijd_van, h.tijd_tot = dtime(14), dtime(16)
        vragen.append(h)
    return vragen


def _in_rollback(fn):
    """Run ``fn()`` in a transaction that is rolled back; returns what ``fn`` returned."""
    result = None
    try:
        with transaction.atomic():
            result = fn()
            raise Rollback
    except Rollback:
        pass
    return result


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def measure(n_requests: int, *, seed: int = 7, warmup: int = 5) -> dict:
    """Time ``hulpvraag_match`` (and the candidate query alone) on fresh requests."""
    vragen = _fresh_requests(n_requests + warmup, seed=seed)
    match_ms, kandidaten_ms, queries, voorstellen, kandidaten = [], [], [], [], []

    for i, vraag in enumerate(vragen):

        def candidate_run(vraag=vraag):
            vraag.save()
            started = time.perf_counter()
            rows = list(selectors.kandidaten_queryset(vraag))
            return time.perf_counter() - started, len(rows)

        def match_run(vraag=vraag):
            vraag.pk = None
            vraag.save()
            reset_queries()  # a full query log (DEBUG) would make the count wrong
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                made = services.hulpvraag_match(vraag.pk)
                elapsed = time.perf_counter() - started
            return elapsed, len(captured.captured_queries), len(made)

        vraag.pk = None
        seconds, n_rows = _in_rollback(candidate_run)
        seconds_match, n_queries, n_made = _in_rollback(match_run)
        if i < warmup:
            continue
        kandidaten_ms.append(seconds * 1000)
        kandidaten.append(n_rows)
        match_ms.append(seconds_match * 1000)
        queries.append(n_queries)
        voorstellen.append(n_made)
    return {
        "measured": len(match_ms),
        "median_ms": statistics.median(match_ms),
        "p95_ms": _p95(match_ms),
        "queries_min": min(queries),
        "queries_max": max(queries),
        "queries_by_proposals": sorted({(p, q) for p, q in zip(voorstellen, queries, strict=True)}),
        "candidates_median_ms": statistics.median(kandidaten_ms),
        "candidates_p95_ms": _p95(kandidaten_ms),
        "candidate_rows_median": statistics.median(kandidaten),
        "proposals_median": statistics.median(voorstellen),
    }


def counts() -> dict:
    return {
        "residents": User.objects.count(),
        "offers": Aanbod.objects.count(),
        "active_offers": Aanbod.objects.filter(actief=True).count(),
        "requests": Hulpvraag.objects.count(),
        "matches": Match.objects.count(),
    }


def figures(size: int, n_requests: int, *, seed: int = 2026) -> dict:
    """Build ``size`` in the current (disposable!) database, analyze, measure."""
    seed_seconds = build(size, seed=seed)
    analyze()
    return {"size": size, "seed_s": seed_seconds, **counts(), **measure(n_requests)}


def explain(*, analyze_plan: bool = True) -> str:
    """The plan of the candidate query for one fresh request (rolled back)."""
    vraag = _fresh_requests(1, seed=11)[0]

    def run():
        vraag.save()
        qs = selectors.kandidaten_queryset(vraag)
        if connection.vendor == "postgresql":
            return qs.explain(analyze=analyze_plan, buffers=analyze_plan)
        return qs.explain()

    return _in_rollback(run)


class Command(BaseCommand):
    help = (
        "Meet hoe snel het matchen is bij twee groottes (standaard 1.000 en 100.000 bewoners). "
        f"Maakt per grootte een eigen database <NAAM>_bench_<grootte> {EIGEN_DATABASE} in het "
        "geheugen."
    )

    def add_arguments(self, parser):
        gedeelde_argumenten(parser, sizes=[1000, 100000], keep=True)
        parser.add_argument("--requests", type=int, default=100, help="Gemeten hulpvragen.")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Toon het EXPLAIN ANALYZE-plan van de kandidatenquery bij de grootste maat.",
        )
        parser.add_argument(
            "--no-jit",
            action="store_true",
            help="Meet met SET jit = off, ook als OPTIONS het niet al uitzet (wijk/settings.py "
            "zet jit standaard uit op PostgreSQL).",
        )

    def handle(
        self, *args, sizes, requests, seed, explain: bool, keep, allow_sqlite, no_jit, **options
    ):
        eis_postgresql("bench_matching", allow_sqlite=allow_sqlite)
        rows = []
        for size in sorted(sizes):
            # Never send e-mail from the benchmark, whatever the configured backend is.
            with (
                eigen_database(f"_bench_{size}", keep=keep),
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            ):
                if connection.vendor == "postgresql":
                    if no_jit:
                        with connection.cursor() as cursor:
                            cursor.execute("SET jit = off")
                    self.stdout.write(f"PostgreSQL jit = {toon('jit')}")
                self.stdout.write(f"Grootte {size}: gegevens maken…")
                row = figures(size, requests, seed=seed)
                rows.append(row)
                self.stdout.write(
                    f"  {row['residents']} bewoners, {row['active_offers']} van {row['offers']} "
                    f"aanbod actief, {row['requests']} hulpvragen, {row['matches']} matches; "
                    f"seed {row['seed_s']:.1f} s"
                )
                if explain and size == max(sizes):
                    self.stdout.write(self.explain_text())
        self.print_table(rows)

    def explain_text(self) -> str:
        return "EXPLAIN ANALYZE van de kandidatenquery:\n" + explain()

    def print_table(self, rows) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"{'bewoners':>9} {'seed s':>7} {'mediaan ms':>11} {'p95 ms':>7} "
            f"{'queries':>8} {'kandidaten ms':>14} {'rijen':>6} {'voorstellen':>11}"
        )
        for r in rows:
            q = f"{r['queries_min']}" + (
                f"-{r['queries_max']}" if r["queries_max"] != r["queries_min"] else ""
            )
            self.stdout.write(
                f"{r['size']:>9} {r['seed_s']:>7.1f} {r['median_ms']:>11.1f} {r['p95_ms']:>7.1f} "
                f"{q:>8} {r['candidates_median_ms']:>14.1f} {r['candidate_rows_median']:>6.0f} "
                f"{r['proposals_median']:>11.0f}"
            )
        for r in rows:
            self.stdout.write(
                f"  queries per aantal voorstellen bij {r['size']}: {r['queries_by_proposals']}"
            )
        if len(rows) >= 2:
            small, large = rows[0], rows[-1]
            self.stdout.write(
                f"Verhouding mediaan {large['size']}/{small['size']}: "
                f"{large['median_ms'] / small['median_ms']:.2f} "
                f"(kandidatenquery: "
                f"{large['candidates_median_ms'] / small['candidates_median_ms']:.2f})"
            )
