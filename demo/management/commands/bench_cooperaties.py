"""Benchmark of many coöperaties side by side: ``python manage.py bench_cooperaties``.

Issue 14, point 9: does a coöperatie get slower when it shares the installation with 199
others? It never touches the configured database's data: it creates a database of its own next
to it, ``<NAME>_bench_cooperaties`` (dropped first if it exists, dropped again afterwards unless
``--keep``), migrates it and, in one run:

1. **One coöperatie** of ``--bewoners`` (2,000) scale residents: ``seed_demo --scale`` in the
   first coöperatie (``demo.bench.build``: its residents with their requests, offers and
   matches, bookings, initiatives with meetings and sign-ups, the buurtassistenten's work, and
   the fixed demo set), ``VACUUM ANALYZE``. On PostgreSQL this state is kept as a database of
   its own, ``<NAME>_bench_cooperaties_een`` (``CREATE DATABASE ... TEMPLATE``), to be measured
   beside the grown one.
2. **The same database grown** to ``--cooperaties`` (200): the others made with
   ``cooperaties.services.cooperatie_create`` and filled as copies of the first in SQL
   (``demo.kloon``: every row, with their own people, ids and references, interleaved on disk
   as when all work at once; ``seed_demo`` per coöperatie would take the better part of an
   hour, the seeding of the first is printed to compare), ``VACUUM ANALYZE``. The rows per
   coöperatie are counted and every reference is checked to stay inside its coöperatie.
3. **Side by side**: the figures below for the first coöperatie (the same rows in both
   databases), in ``--rondes`` rounds that take the small and the grown database in turn, so a
   busy minute of the (shared) machine falls on both; a ratio is the median of the rounds'
   ratios. On SQLite (a smoke test) the small figures are taken before the growth instead.
   Then the last coöperatie's figures beside them, and the slowest queries (``--trage``,
   ``--explain``).
4. **The cost of row-level security** (PostgreSQL with ``WIJK_DB_ROL``), in the grown database,
   in ``--rondes`` rounds that take these ways in turn: *muur* (as in production: the app's
   role, the policies, a ``set_config`` before every transaction, each statement outside a
   transaction a transaction of its own); *zonder muur* (no execute wrapper, the tables' owner,
   the policies not forced: Wijk before the second wall); *muur zonder beleid* (the wrapper and
   the role, row-level security disabled: the round trips alone); *muur + ATOMIC_REQUESTS*
   (one transaction per request). Per way the median, the extra cost over *zonder muur* (the
   median of the rounds' ratios) and, for one request, what goes to the server. Afterwards
   every tenant table has its policies forced again (checked, then ``muren_opnieuw``).

The figures, each as the app serves them: ``services.hulpvraag_match`` as ``bench_matching``
times it; a resident's ``/hulp/``, the buurtassistent's ``/coordinatie/`` and its counts
fragment through Django's test client on the coöperatie's own host: the median of ``--runs``
requests (``--matches`` runs of matching), and the SQL queries of one (Django's query log
without the BEGIN/COMMIT it logs too); ``manage.py migrate`` with nothing to do: the wall time
of a process of its own (start-up included, as a deploy runs it) and of ``call_command`` in
this process, ``--migrates`` times each. At the end the table of issue 14 and its targets:
every ratio under 1.5, the same queries, the second wall under 10%.

PostgreSQL only (the figures mean nothing elsewhere); ``--allow-sqlite`` runs it on an
in-memory SQLite database as a smoke test (use tiny sizes: ``--cooperaties 2 --bewoners 30``).
"""

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
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection, reset_queries, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from accommodaties.models import Reservering
from bewoners.models import Profiel, User
from bewoners.roles import Rol, met_rol
from cooperaties import rls
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.services import cooperatie_create
from demo import kloon
from demo.bench import (
    EIGEN_DATABASE,
    build,
    eigen_database,
    eis_postgresql,
    gedeelde_argumenten,
    toon,
)
from demo.management.commands import bench_matching
from demo.management.commands.bench_reports import belasting
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

DOEL_VERHOUDING = 1.5
DOEL_MUUR = 0.10  # the second wall may cost at most 10%

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

# Rows counted per coöperatie after the growth (label, model).
TELLEN = [
    ("bewoners", Profiel),
    ("hulpvragen", Hulpvraag),
    ("matches", Match),
    ("reserveringen", Reservering),
    ("bijeenkomsten", Bijeenkomst),
    ("aanmeldingen", Aanmelding),
]

MODI = ["muur", "zonder muur", "muur zonder beleid", "muur + ATOMIC_REQUESTS"]


def vacuum_analyze() -> None:
    """Fresh statistics and visibility maps after a bulk fill, as the tables' owner (the app's
    role may not ANALYZE tables it does not own: it would skip them with a warning)."""
    if connection.vendor != "postgresql":
        return
    with zonder_muur(), connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


@contextmanager
def zonder_muur():
    """This connection's statements without the execute wrapper of ``cooperaties.rls``: as
    the login (the tables' owner), outside any transaction of the wrapper's."""
    wrappers = connection.execute_wrappers
    had = rls.muur in wrappers
    if had:
        wrappers.remove(rls.muur)
    try:
        yield
    finally:
        if had and rls.muur not in wrappers:
            wrappers.insert(0, rls.muur)


def muur_actief() -> bool:
    return connection.vendor == "postgresql" and rls.muur in connection.execute_wrappers


def _rls_zetten(opdracht: str) -> None:
    """``ALTER TABLE ... <opdracht> ROW LEVEL SECURITY`` on every tenant table, as the owner."""
    q = connection.ops.quote_name
    with zonder_muur(), transaction.atomic(), connection.cursor() as cursor:
        for tabel in rls.tenant_tabellen():
            cursor.execute(f"ALTER TABLE {q(tabel)} {opdracht} ROW LEVEL SECURITY")


@contextmanager
def modus(naam: str):
    """Run the app one of the ways of ``MODI`` (see the module's text)."""
    if naam == "muur":
        yield
    elif naam == "zonder muur":
        _rls_zetten("NO FORCE")
        try:
            with zonder_muur():
                yield
        finally:
            _rls_zetten("FORCE")
    elif naam == "muur zonder beleid":
        _rls_zetten("DISABLE")
        try:
            yield
        finally:
            _rls_zetten("ENABLE")
    elif naam == "muur + ATOMIC_REQUESTS":
        instellingen = connection.settings_dict
        was = instellingen.get("ATOMIC_REQUESTS", False)
        instellingen["ATOMIC_REQUESTS"] = True
        try:
            yield
        finally:
            instellingen["ATOMIC_REQUESTS"] = was
    else:
        raise ValueError(naam)


def meerkosten(tijden: dict, manier: str, sleutel: str) -> float:
    """What ``manier`` costs more than no wall at all: the median of the per-round ratios (the
    rounds pair the ways up, so a busier minute of the machine cancels)."""
    paren = zip(tijden[manier][sleutel], tijden["zonder muur"][sleutel], strict=True)
    return statistics.median(a / b for a, b in paren) - 1


def muur_hersteld() -> list[str]:
    """The tenant tables that lack forced row-level security (there must be none)."""
    with zonder_muur(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'r' "
            "AND NOT (relrowsecurity AND relforcerowsecurity)",
            [rls.tenant_tabellen()],
        )
        return sorted(r[0] for r in cursor.fetchall())


@contextmanager
def tel_verkeer():
    """Count what this connection sends: statements (``set_config`` and savepoints included)
    and transactions (each a BEGIN and a COMMIT or ROLLBACK of its own)."""
    teller = {"statements": 0, "set_config": 0, "transacties": 0}

    def tel(execute, sql, params, many, context):
        teller["statements"] += 1
        if sql.startswith("SELECT set_config('role'"):
            teller["set_config"] += 1
        return execute(sql, params, many, context)

    def afsluiten(origineel):
        def gedaan():
            teller["transacties"] += 1
            return origineel()

        return gedaan

    commit, rollback = connection.commit, connection.rollback
    connection.execute_wrappers.append(tel)  # the innermost: it sees the wrapper's own too
    connection.commit, connection.rollback = afsluiten(commit), afsluiten(rollback)
    try:
        yield teller
    finally:
        connection.execute_wrappers.remove(tel)
        del connection.commit, connection.rollback  # the class's own again


# -- measuring ----------------------------------------------------------------------------------


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


def kopie_maken(kopie: str) -> None:
    """``CREATE DATABASE kopie TEMPLATE <this one>``: the state of now, to measure beside the
    grown database later (PostgreSQL; nobody may be connected to the template meanwhile, an
    autovacuum worker included: a few tries)."""
    q = connection.ops.quote_name
    bron = connection.settings_dict["NAME"]
    connection.close()
    for poging in range(10):
        try:
            with connection._nodb_cursor() as cursor:  # Django's own way to the server
                cursor.execute(f"DROP DATABASE IF EXISTS {q(kopie)}")
                cursor.execute(f"CREATE DATABASE {q(kopie)} TEMPLATE {q(bron)}")
            return
        except OperationalError:
            if poging == 9:
                raise
            time.sleep(3)


def kopie_weg(kopie: str) -> None:
    q = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {q(kopie)}")


def per_cooperatie() -> dict[str, dict[int, int]]:
    """Rows per coöperatie of the counted tables, across all coöperaties."""
    uitslag = {}
    with rls.over_alle_cooperaties():
        for naam, model in TELLEN:
            rijen = (
                model.objects.alle_cooperaties()
                .order_by()
                .values("cooperatie_id")
                .annotate(n=Count("pk"))
                .values_list("cooperatie_id", "n")
            )
            uitslag[naam] = dict(rijen)
    return uitslag


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


class Command(BaseCommand):
    help = (
        "Meet of een coöperatie trager wordt naast vele andere (issue 14): matching, /hulp/, "
        "/coordinatie/ en migrate bij één coöperatie van 2.000 bewoners en bij 200 daarvan, om "
        "de beurt, en wat de rijbeveiliging (RLS) kost. Maakt een eigen database "
        f"<NAAM>_bench_cooperaties {EIGEN_DATABASE} in het geheugen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cooperaties", type=int, default=200, help="Coöperaties in fase 2.")
        parser.add_argument(
            "--bewoners", type=int, default=2000, help="Schaalbewoners per coöperatie."
        )
        parser.add_argument(
            "--runs", type=int, default=30, help="Verzoeken per pagina per maat (mediaan)."
        )
        parser.add_argument(
            "--matches", type=int, default=50, help="Keren matching per maat (mediaan)."
        )
        parser.add_argument(
            "--migrates", type=int, default=3, help="Keren migrate per maat (mediaan)."
        )
        parser.add_argument(
            "--rondes",
            type=int,
            default=6,
            help="Rondes die de maten, en daarna de manieren van de RLS-meting, om de beurt nemen.",
        )
        parser.add_argument(
            "--zonder-rls", action="store_true", help="Sla de meting van de rijbeveiliging over."
        )
        parser.add_argument(
            "--trage",
            type=int,
            default=2,
            help="Toon per pagina de zoveel traagste queries bij de grote maat (met hun tijd "
            "bij de kleine).",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Toon van die queries het EXPLAIN (ANALYZE, BUFFERS)-plan, zoals de app ze draait.",
        )
        gedeelde_argumenten(parser, keep=True)

    def handle(self, *args, allow_sqlite, keep, **opties):
        eis_postgresql("bench_cooperaties", allow_sqlite=allow_sqlite)
        if (
            opties["cooperaties"] < 2
            or opties["bewoners"] < 1
            or min(opties["runs"], opties["matches"], opties["rondes"]) < 1
        ):
            raise CommandError(
                "Kies --cooperaties >= 2, --bewoners >= 1 en --runs, --matches, --rondes >= 1."
            )
        self.begin = time.monotonic()
        self.opties = opties
        self.keep = keep
        platform = settings.WIJK_PLATFORMDOMEIN
        # Never send e-mail, do not log every query (DEBUG), remember hosts for the whole run,
        # and let the test client ask for the coöperaties' own hosts.
        with (
            eigen_database("_bench_cooperaties", keep=keep),
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                DEBUG=False,
                WIJK_HOSTS_ONTHOUDEN=24 * 3600,
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, f".{platform}", platform],
            ),
        ):
            self.run()

    def schrijf(self, tekst: str = "") -> None:
        self.stdout.write(tekst)
        self.stdout.flush()

    def run(self) -> None:
        o = self.opties
        naam = connection.settings_dict["NAME"]
        naast_elkaar = connection.vendor == "postgresql"
        if naast_elkaar:
            self.schrijf(
                f"Database {naam} (PostgreSQL {toon('server_version')}, jit = {toon('jit')}, "
                f"shared_buffers = {toon('shared_buffers')}, rol van de app: "
                f"{settings.WIJK_DB_ROL or '(geen: zonder tweede muur)'}){belasting()}"
            )
        else:
            self.schrijf("Database: SQLite in het geheugen (rookproef, de cijfers zeggen weinig)")
        eerste = Cooperatie.objects.order_by("pk").first()
        with rls.over_alle_cooperaties():
            gevuld = Profiel.objects.alle_cooperaties().exists()
        if Cooperatie.objects.count() > 1 or gevuld:
            raise CommandError(
                "De benchmarkdatabase is al gevuld (--keep van een vorige keer?): gooi hem weg "
                "of draai zonder --keep."
            )
        meten = {k: o[k] for k in ("runs", "matches", "migrates", "rondes")}

        # -- 1. one coöperatie -----------------------------------------------------------------
        self.schrijf("")
        self.schrijf(f"1. Eén coöperatie ({eerste.naam}): seed_demo --scale {o['bewoners']}…")
        with in_cooperatie(eerste):
            seed_s = build(o["bewoners"], seed=o["seed"])
        eerste.refresh_from_db()  # seed_demo may give the first coöperatie its demo slug
        vacuum_analyze()
        klein_aantallen = per_cooperatie()
        self.schrijf(
            f"  gevuld in {seed_s:.1f} s: "
            + ", ".join(f"{per.get(eerste.pk, 0)} {wat}" for wat, per in klein_aantallen.items())
        )
        kopie = f"{naam}_een"
        if naast_elkaar:
            kopie_maken(kopie)
            self.schrijf(f"  bewaard als database {kopie}, om straks naast de grote te meten")
        else:
            started = time.monotonic()
            klein = meet_naast_elkaar({"klein": None}, eerste, **meten)[0]["klein"]
            self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s")
        try:
            self.groei_en_meet(
                eerste,
                kopie if naast_elkaar else None,
                klein_aantallen,
                seed_s,
                klein=None if naast_elkaar else klein,
                meten=meten,
            )
        finally:
            if naast_elkaar and not self.keep:
                kopie_weg(kopie)

    def groei_en_meet(self, eerste, kopie, klein_aantallen, seed_s, *, klein, meten) -> None:
        o = self.opties
        # -- 2. grown to many coöperaties ------------------------------------------------------
        self.schrijf("")
        extra = o["cooperaties"] - 1
        self.schrijf(f"2. {extra} coöperaties erbij, elk een kopie van de eerste (demo.kloon)…")
        started = time.monotonic()
        doelen = [
            cooperatie_create(naam=f"Meetcoöperatie {n}", slug=f"meet-{n}")
            for n in range(2, o["cooperaties"] + 1)
        ]
        gemaakt = kloon.kopieer(eerste, doelen, melden=lambda t: self.schrijf(f"  {t}"))
        kopie_s = time.monotonic() - started
        started = time.monotonic()
        vacuum_analyze()
        analyze_s = time.monotonic() - started
        rijen = sum(gemaakt.values())
        self.schrijf(
            f"  samen {rijen} rijen in {len(gemaakt)} tabellen in {kopie_s:.1f} s "
            f"({rijen / max(kopie_s, 1e-9):.0f} per seconde), VACUUM ANALYZE {analyze_s:.1f} s "
            f"(seed_demo deed één coöperatie in {seed_s:.1f} s: {extra} zo ~"
            f"{extra * seed_s / 60:.0f} min)"
        )
        self.print_per_cooperatie(per_cooperatie(), eerste, klein_aantallen)
        started = time.monotonic()
        kruis = kloon.kruisende_verwijzingen()
        fout = {k: v for k, v in kruis.items() if v}
        self.schrijf(
            f"  Verwijzingen naar een andere coöperatie of een niet-lid: {sum(fout.values())} "
            f"({len(kruis)} soorten verwijzingen nagelopen in {time.monotonic() - started:.1f} s)"
            + (f": {fout}" if fout else "")
        )
        if fout:
            raise CommandError("De kopieën verwijzen buiten hun coöperatie: zie hierboven.")

        # -- 3. side by side --------------------------------------------------------------------
        self.schrijf("")
        started = time.monotonic()
        if kopie:
            self.schrijf(
                f"3. Om de beurt gemeten ({meten['rondes']} rondes: {kopie} en de gegroeide "
                "database), de eerste coöperatie…"
            )
            uitslag, verhouding = meet_naast_elkaar(
                {"klein": kopie, "groot": None}, eerste, **meten
            )
            klein, groot = uitslag["klein"], uitslag["groot"]
        else:
            self.schrijf("3. Gemeten na de groei (SQLite: de kleine maat was vóór de groei)…")
            groot = meet_naast_elkaar({"groot": None}, eerste, **meten)[0]["groot"]
            verhouding = {k: groot[k] / klein[k] for k, _ in MIGRATES if k in klein}
            verhouding |= {k: groot[k]["ms"] / klein[k]["ms"] for k, _ in FIGUREN}
        laatste = doelen[-1]
        laatst = meet_naast_elkaar(
            {"laatste": None},
            laatste,
            runs=max(1, o["runs"] // 2),
            matches=max(1, o["matches"] // 2),
            migrates=0,
            rondes=1,
        )[0]["laatste"]
        self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s{belasting()}")
        self.print_trage(klein, groot, eerste)

        # -- 4. the cost of the second wall ----------------------------------------------------
        muur = None
        if not o["zonder_rls"]:
            started = time.monotonic()
            muur = self.meet_muur(eerste)
            if muur is not None:
                self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s{belasting()}")

        self.print_tabel(klein, groot, laatst, verhouding, laatste, bool(kopie))
        self.print_muur(muur)
        self.print_doel(klein, groot, verhouding, muur)
        self.schrijf(
            f"Vullen: één coöperatie {seed_s:.1f} s (seed_demo), de {extra} andere "
            f"{kopie_s + analyze_s:.1f} s (kopiëren en VACUUM ANALYZE); de hele meting "
            f"{time.monotonic() - self.begin:.0f} s."
        )

    # -- the wall -------------------------------------------------------------------------------

    def meet_muur(self, cooperatie) -> dict | None:
        o = self.opties
        if not muur_actief():
            self.schrijf("")
            self.schrijf(
                "4. RLS: niet gemeten (geen tweede muur: "
                + ("SQLite)" if connection.vendor != "postgresql" else "WIJK_DB_ROL is leeg)")
            )
            return None
        rondes = o["rondes"]
        self.schrijf("")
        self.schrijf(f"4. RLS: {rondes} rondes, elke manier om de beurt…")
        pagina = paginas(cooperatie)
        per = max(3, math.ceil(o["runs"] / rondes))
        per_matching = max(3, math.ceil(o["matches"] / rondes))
        # Per way and figure: the median of each round (the rounds pair the ways up).
        tijden = {m: {k: [] for k, _ in FIGUREN} for m in MODI}
        verkeer = {m: {} for m in MODI}
        for ronde in range(rondes):
            volgorde = MODI[ronde % len(MODI) :] + MODI[: ronde % len(MODI)]
            for naam in volgorde:
                with modus(naam):
                    if naam != "muur + ATOMIC_REQUESTS":  # matching is one transaction already
                        m = meet_matching(cooperatie, per_matching, seed=100 + ronde, warm=1)
                        tijden[naam]["matching"].append(m["ms"])
                    for sleutel, opvragen in pagina.items():
                        gemeten = meet_pagina(opvragen, per, warm=1)
                        tijden[naam][sleutel].append(gemeten["ms"])
                        if ronde == 0:
                            with tel_verkeer() as teller:
                                opvragen()
                            verkeer[naam][sleutel] = dict(teller, queries=gemeten["queries"])
        kapot = muur_hersteld()
        rls.muren_opnieuw()
        self.schrijf(
            "  muur hersteld: "
            + (
                f"NIET voor {kapot}"
                if kapot
                else f"alle {len(rls.tenant_tabellen())} tabellen weer met beleid (FORCE)"
            )
        )
        if kapot:
            raise CommandError("De rijbeveiliging is niet hersteld: zie hierboven.")
        return {"tijden": tijden, "verkeer": verkeer}

    # -- printing -------------------------------------------------------------------------------

    def print_per_cooperatie(self, aantallen, eerste, klein_aantallen) -> None:
        self.schrijf("  Rijen per coöperatie (over alle coöperaties geteld):")
        self.schrijf(
            f"    {'tabel':<14} {'coöperaties':>11} {'min':>7} {'max':>7} {'fase 1':>7} "
            f"{'samen':>9}"
        )
        for wat, per in aantallen.items():
            waarden = list(per.values()) or [0]
            self.schrijf(
                f"    {wat:<14} {len(per):>11} {min(waarden):>7} {max(waarden):>7} "
                f"{klein_aantallen[wat].get(eerste.pk, 0):>7} {sum(waarden):>9}"
            )
        self.schrijf(f"    mensen (User, over alle coöperaties): {User.objects.count()}")

    def print_trage(self, klein, groot, cooperatie) -> None:
        """Per page the slowest queries of one request at the large size, beside the same
        query (the same place in the request) at the small size; with ``--explain`` their
        plan as the app runs them (its role, its coöperatie)."""
        if self.opties["trage"] <= 0:
            return
        self.schrijf(
            f"  Traagste queries per pagina (één verzoek; ms bij 1 coöperatie → bij "
            f"{Cooperatie.objects.count()}):"
        )
        for sleutel, label in FIGUREN[1:]:
            paren = list(zip(klein[sleutel]["sql"], groot[sleutel]["sql"], strict=False))
            paren.sort(key=lambda p: p[1][0], reverse=True)
            for (ms_klein, _), (ms_groot, sql) in paren[: self.opties["trage"]]:
                kort = " ".join(sql.split())
                kort = kort if len(kort) <= 300 else kort[:297] + "..."
                self.schrijf(f"    {label}: {ms_klein:.0f} → {ms_groot:.0f} ms: {kort}")
                if self.opties["explain"]:
                    self.schrijf("      " + plan(sql, cooperatie).replace("\n", "\n      "))

    def print_tabel(self, klein, groot, laatst, verhouding, laatste, naast_elkaar) -> None:
        o = self.opties
        k1, kn = f"1 × {o['bewoners']}", f"{o['cooperaties']} × {o['bewoners']}"
        nr = f"nr. {o['cooperaties']}"
        self.schrijf("")
        self.schrijf(
            f"Mediaan in ms ({o['runs']} verzoeken per pagina en {o['matches']} keer matching "
            "per maat), de eerste coöperatie; "
            + (
                f"om de beurt in {o['rondes']} rondes, de verhouding is de mediaan van die "
                "van de rondes"
                if naast_elkaar
                else "na elkaar"
            )
            + f"; '{nr}': de laatste ({laatste.slug}, de helft van de metingen); queries: de "
            "SQL van één verzoek, bij 1 en bij meer:"
        )
        self.schrijf(
            f"  {'cijfer':<34} {k1:>12} {kn:>12} {'verhouding':>10} {'queries':>13} {nr:>10}"
        )
        for sleutel, label in FIGUREN:
            a, b, c = klein[sleutel], groot[sleutel], laatst[sleutel]
            queries = f"{a['queries']} / {b['queries']}"
            self.schrijf(
                f"  {label:<34} {a['ms']:>12.1f} {b['ms']:>12.1f} {verhouding[sleutel]:>10.2f} "
                f"{queries:>13} {c['ms']:>10.1f}"
            )
        for sleutel, label in MIGRATES:
            if sleutel in klein and sleutel in groot:
                self.schrijf(
                    f"  {label:<34} {klein[sleutel] * 1000:>12.0f} {groot[sleutel] * 1000:>12.0f} "
                    f"{verhouding[sleutel]:>10.2f} {'—':>13} {'—':>10}"
                )
        if o["migrates"]:
            self.schrijf(
                f"  (migrate: {min(o['migrates'], o['rondes'])} keer per maat; 'proces' = "
                "manage.py migrate in een eigen proces, opstarten inbegrepen; 'hier' = "
                "call_command in dit proces)"
            )

    def print_muur(self, muur) -> None:
        if muur is None:
            return
        tijden, verkeer = muur["tijden"], muur["verkeer"]
        self.schrijf("")
        self.schrijf(
            "Kosten van de rijbeveiliging (RLS), de gegroeide database, de eerste coöperatie: de "
            f"mediaan in ms van de mediaan per ronde ({self.opties['rondes']} rondes):"
        )
        self.schrijf(f"  {'cijfer':<34} " + " ".join(f"{m:>22}" for m in MODI))
        for sleutel, label in FIGUREN:
            cellen = []
            for m in MODI:
                t = tijden[m][sleutel]
                cellen.append(f"{statistics.median(t):>22.1f}" if t else f"{'—':>22}")
            self.schrijf(f"  {label:<34} " + " ".join(cellen))
        self.schrijf("  Meerkosten t.o.v. zonder muur (de mediaan van de verhouding per ronde):")
        for sleutel, label in FIGUREN:
            delen = [
                f"{m} {meerkosten(tijden, m, sleutel):+.1%}"
                for m in MODI[:1] + MODI[2:]
                if tijden[m][sleutel]
            ]
            self.schrijf(f"    {label:<32} " + ", ".join(delen))
        self.schrijf(
            "  Verkeer van één verzoek: SQL-queries / statements naar de server (set_config "
            "meegeteld) / waarvan set_config / transacties (elk ook een BEGIN en een COMMIT):"
        )
        for sleutel, label in FIGUREN[1:]:
            cellen = []
            for m in MODI:
                v = verkeer[m].get(sleutel)
                cellen.append(
                    f"{v['queries']}/{v['statements']}/{v['set_config']}/{v['transacties']}"
                    if v
                    else "—"
                )
            self.schrijf(f"    {label:<32} " + " ".join(f"{c:>22}" for c in cellen))

    def print_doel(self, klein, groot, verhouding, muur) -> None:
        self.schrijf("")
        traag = {k: v for k, v in verhouding.items() if v >= DOEL_VERHOUDING}
        gelijk = all(str(klein[k]["queries"]) == str(groot[k]["queries"]) for k, _ in FIGUREN)
        self.schrijf(
            f"Doel: elke verhouding onder {DOEL_VERHOUDING}: "
            + (
                "gehaald"
                if not traag
                else f"NIET gehaald ({', '.join(f'{k} {v:.2f}' for k, v in traag.items())})"
            )
            + f" (hoogste {max(verhouding.values()):.2f})"
        )
        self.schrijf(f"Doel: dezelfde queries: {'ja' if gelijk else 'NEE'}")
        if muur is None:
            self.schrijf(f"Doel: de muur kost minder dan {DOEL_MUUR:.0%}: niet gemeten")
            return
        overhead = {k: meerkosten(muur["tijden"], "muur", k) for k, _ in FIGUREN}
        boven = {k: v for k, v in overhead.items() if v >= DOEL_MUUR}
        self.schrijf(
            f"Doel: de muur kost minder dan {DOEL_MUUR:.0%}: "
            + (
                "gehaald"
                if not boven
                else "NIET gehaald (" + ", ".join(f"{k} {v:+.1%}" for k, v in boven.items()) + ")"
            )
            + f" (hoogste {max(overhead.values()):+.1%})"
        )
