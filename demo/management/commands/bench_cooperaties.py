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

The measurement itself is the package ``meting_cooperaties`` beside this module (next to
``bench_matching`` and ``bench_reports``, which it uses; Django takes no package for a command);
this module is its command.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.bench import EIGEN_DATABASE, eigen_database, eis_postgresql, gedeelde_argumenten
from demo.management.commands.meting_cooperaties import Meting


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
        meting = Meting(opties, keep=keep, schrijf=self.schrijf)
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
            meting.run()

    def schrijf(self, tekst: str = "") -> None:
        self.stdout.write(tekst)
        self.stdout.flush()
