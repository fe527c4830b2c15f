"""The figures of ``bench_cooperaties``, each as the app serves them, and how they are taken
side by side in two databases: matching, the measured pages through Django's test client on
the coöperatie's own host, ``manage.py migrate`` with nothing to do, a query's plan."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from io import StringIO
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bewoners.models import User
from bewoners.roles import Rol, met_rol
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from demo.management.commands import bench_matching

# The measured people of a coöperatie: its demo resident bewoner1@... (requests, offers and
# proposals) and its first buurtassistent (``personen``).
BEWONER = "bewoner1@"

# The figures, in the order of the table: key, label.
FIGUREN = [
    ("matching", "matching (hulpvraag_match)"),
    ("hulp", "/hulp/ (bewoner)"),
    ("coordinatie", "/coordinatie/ (buurtassistent)"),
    ("tellingen", "/coordinatie/ tellingen (htmx)"),
]
MIGRATES = [
    ("proces_s", "migrate, niets te doen (proces)"),
    ("hier_s", "migrate, niets te doen (hier)"),
]


def host(cooperatie: Cooperatie) -> str:
    return f"{cooperatie.slug}.{settings.WIJK_PLATFORMDOMEIN}"


def personen(cooperatie: Cooperatie) -> tuple:
    """(resident, buurtassistent) of ``cooperatie``: its demo resident ``bewoner1@...`` and
    its first buurtassistent (in a copy: the copies of the first's)."""
    with in_cooperatie(cooperatie):
        mensen = User.objects.hier().order_by("pk")
        bewoner = mensen.filter(email__startswith=BEWONER).first()
        assistent = met_rol(mensen, Rol.BUURTASSISTENT).first()
    if bewoner is None or assistent is None:
        raise CommandError(f"{cooperatie.naam}: geen demobewoner of buurtassistent gevonden.")
    return bewoner, assistent


class Bezoeker:
    """A logged-in person's browser on a coöperatie's own host."""

    def __init__(self, cooperatie: Cooperatie, user):
        self.cooperatie = cooperatie
        with in_cooperatie(cooperatie):
            self.client = Client(HTTP_HOST=host(cooperatie))
            self.client.force_login(user)

    def get(self, url: str, **headers):
        antwoord = self.client.get(url, secure=True, headers=headers)
        if antwoord.status_code != 200:
            raise CommandError(f"{url} op {host(self.cooperatie)}: {antwoord.status_code}")
        return antwoord


def _pagina(bezoeker: Bezoeker, url: str, headers: dict):
    return lambda: bezoeker.get(url, **headers)


def paginas(cooperatie: Cooperatie) -> dict:
    """The measured pages of ``cooperatie``: key -> a function that requests it once."""
    bewoner, assistent = personen(cooperatie)
    b = Bezoeker(cooperatie, bewoner)
    a = Bezoeker(cooperatie, assistent)
    htmx = {"HX-Request": "true", "HX-Target": "tellingen"}
    return {
        "hulp": _pagina(b, "/hulp/", {}),
        "coordinatie": _pagina(a, "/coordinatie/", {}),
        "tellingen": _pagina(a, "/coordinatie/", htmx),
    }


# What Django's query log holds besides SQL: the transactions it begins and ends.
MARKERS = {"BEGIN", "COMMIT", "ROLLBACK"}


def _ms(query: dict) -> float:
    try:
        return float(query.get("time") or 0) * 1000
    except (TypeError, ValueError):
        return 0.0


def meet_pagina(opvragen, runs: int, *, warm: int = 2) -> dict:
    """Time ``opvragen()``: the median of ``runs`` after ``warm`` warm-ups, and the queries of
    one (the SQL; the transactions Django logged besides, counted apart)."""
    for _ in range(warm):
        opvragen()
    reset_queries()  # a full query log (DEBUG) would make the count wrong
    with CaptureQueriesContext(connection) as captured:
        opvragen()
    # Now: every later request empties the query log (request_started), and with it this list.
    gelogd = [q["sql"] for q in captured.captured_queries]
    sql = [(_ms(q), q["sql"]) for q in captured.captured_queries if q["sql"] not in MARKERS]
    tijden = []
    for _ in range(runs):
        started = time.perf_counter()
        opvragen()
        tijden.append((time.perf_counter() - started) * 1000)
    return {
        "ms": statistics.median(tijden),
        "queries": sum(sql not in MARKERS for sql in gelogd),
        "transacties": sum(sql in ("COMMIT", "ROLLBACK") for sql in gelogd),
        "tijden": tijden,
        "sql": sql,  # (ms, SQL) of the one logged request, in order
    }


def meet_matching(cooperatie: Cooperatie, runs: int, *, seed: int = 7, warm: int = 5) -> dict:
    """``services.hulpvraag_match`` as ``bench_matching`` times it: fresh requests of the
    coöperatie's residents, each matched in a transaction that is rolled back."""
    with in_cooperatie(cooperatie):
        m = bench_matching.measure(runs, seed=seed, warmup=min(warm, runs))
    q = f"{m['queries_min']}" + (
        f"-{m['queries_max']}" if m["queries_max"] != m["queries_min"] else ""
    )
    return {"ms": m["median_ms"], "queries": q, "voorstellen": m["proposals_median"]}


@contextmanager
def database_url():
    """The bench database's address for a process of its own (``DATABASE_URL``). SQLite (a
    smoke test, in memory): a copy in a temporary file (``VACUUM INTO``)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="wijk-bench-") as map_:
            bestand = os.path.join(map_, "kopie.sqlite3")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [bestand])
            yield f"sqlite:///{bestand}"
        return
    wie = quote(s.get("USER") or "", safe="")
    if s.get("PASSWORD"):
        wie += ":" + quote(s["PASSWORD"], safe="")
    waar = s.get("HOST") or "localhost"
    if s.get("PORT"):
        waar += f":{s['PORT']}"
    yield f"postgres://{wie}@{waar}/{quote(s['NAME'], safe='')}"


def meet_migrate(keer: int) -> dict:
    """``manage.py migrate`` with nothing to do: in a process of its own (start-up included)
    and in this one (``call_command``): the median seconds of ``keer`` runs."""
    proces, hier = [], []
    for _ in range(keer):
        with database_url() as url:
            env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": ""}
            env.pop("WIJK_REQUIRE_POSTGRES", None)
            started = time.perf_counter()
            uit = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput"],
                cwd=Path(settings.BASE_DIR),
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            proces.append(time.perf_counter() - started)
        if uit.returncode != 0 or "No migrations to apply" not in uit.stdout:
            raise CommandError(
                f"migrate deed iets of faalde:\n{uit.stdout[-2000:]}{uit.stderr[-2000:]}"
            )
        started = time.perf_counter()
        call_command("migrate", "--noinput", stdout=StringIO())
        hier.append(time.perf_counter() - started)
    return {"proces_s": statistics.median(proces), "hier_s": statistics.median(hier)}


def plan(sql: str, cooperatie: Cooperatie) -> str:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of a logged query, run as the app runs it (through the
    wall: its role and ``cooperatie``), in a transaction that is rolled back."""
    voor = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN "
    try:
        with in_cooperatie(cooperatie), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(voor + sql)  # our own logged SQL
            regels = "\n".join(" ".join(str(c) for c in rij) for rij in cursor.fetchall())
            transaction.set_rollback(True)
            return regels
    except Exception as exc:  # noqa: BLE001 - shown, the figures above still count
        return f"(geen plan: {exc!r})"


@contextmanager
def in_database(naam: str):
    """This process's connection on the database ``naam`` of the same server (PostgreSQL):
    closed and opened again on the way in and out (outside the measured requests)."""
    instellingen = connection.settings_dict
    oud = instellingen["NAME"]
    if naam == oud:
        yield
        return
    connection.close()
    instellingen["NAME"] = naam
    try:
        yield
    finally:
        connection.close()
        instellingen["NAME"] = oud


def _mediaan_verhouding(teller: list[float], noemer: list[float]) -> float:
    """The median of the rounds' ratios ``teller[r] / noemer[r]``."""
    return statistics.median(a / b for a, b in zip(teller, noemer, strict=True) if b)


def meet_naast_elkaar(
    databases: dict[str, str | None], cooperatie, *, runs, matches, migrates, rondes
) -> tuple[dict, dict]:
    """Every figure for ``cooperatie`` in each database of ``databases`` (label -> name; None:
    the current one), in ``rondes`` rounds that take them in turn. Returns per label the
    figures (the median over all rounds; the queries and their SQL of the first round) and per
    figure the median of the rounds' ratios of the last label to the first (two labels)."""
    per = max(1, math.ceil(runs / rondes))
    per_matching = max(1, math.ceil(matches / rondes))

    def op(label):
        naam = databases[label]
        return in_database(naam) if naam else nullcontext()

    pagina = {}
    for label in databases:
        with op(label):
            pagina[label] = paginas(cooperatie)
    rondemedianen = {label: {k: [] for k, _ in FIGUREN} for label in databases}
    alle = {label: {k: [] for k, _ in FIGUREN} for label in databases}
    migrate = {label: {k: [] for k, _ in MIGRATES} for label in databases}
    uitslag = {label: {} for label in databases}
    for ronde in range(rondes):
        volgorde = list(databases) if ronde % 2 == 0 else list(reversed(databases))
        for label in volgorde:
            with op(label):
                m = meet_matching(cooperatie, per_matching, seed=7 + ronde, warm=2)
                rondemedianen[label]["matching"].append(m["ms"])
                alle[label]["matching"].append(m["ms"])
                uitslag[label].setdefault("matching", {"queries": m["queries"], "sql": []})
                for sleutel, opvragen in pagina[label].items():
                    gemeten = meet_pagina(opvragen, per, warm=1)
                    rondemedianen[label][sleutel].append(gemeten["ms"])
                    alle[label][sleutel] += gemeten["tijden"]
                    uitslag[label].setdefault(sleutel, gemeten)
                if ronde < migrates:
                    for sleutel, waarde in meet_migrate(1).items():
                        migrate[label][sleutel].append(waarde)
    for label in databases:
        for sleutel, _ in FIGUREN:
            uitslag[label][sleutel]["ms"] = statistics.median(alle[label][sleutel])
        for sleutel, _ in MIGRATES:
            if migrate[label][sleutel]:
                uitslag[label][sleutel] = statistics.median(migrate[label][sleutel])
    verhouding = {}
    if len(databases) == 2:
        klein, groot = databases
        for sleutel, _ in FIGUREN:
            verhouding[sleutel] = _mediaan_verhouding(
                rondemedianen[groot][sleutel], rondemedianen[klein][sleutel]
            )
        for sleutel, _ in MIGRATES:
            if migrate[klein][sleutel]:
                verhouding[sleutel] = _mediaan_verhouding(
                    migrate[groot][sleutel], migrate[klein][sleutel]
                )
    return uitslag, verhouding
