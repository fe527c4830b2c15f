"""Benchmark of the main pages under load beside bare Django: ``python manage.py bench_pages``.

Issue 16, point 1. It never touches the configured database's data: it creates two databases of
its own next to it, ``<NAME>_bench_pages_klein`` and ``<NAME>_bench_pages`` (dropped first if
they exist, dropped again afterwards unless ``--keep``, which reuses them without seeding
again), fills them with ``seed_demo --scale`` (``--klein``, 2,000, and ``--scale``, 20,000
scale residents, in the first coöperatie), runs ``ANALYZE`` and, in one run:

1. **One request at a time**, in each database: the buurtassistent's dashboard, the board
   report for a live period (twelve months ending on a recent day, chosen with ``Zelf kiezen``:
   no task computes it ahead, and each request asks for a new one) and for the page's default
   period: the median of ``--runs`` requests through Django's test client, the queries of one,
   and the ratio large/small.
2. **Under load**, in the large database: the app under gunicorn as in production (``--workers``
   sync workers, DEBUG off, the app's database role ``WIJK_DB_ROL`` with row-level security,
   ``CONN_MAX_AGE=60``, the cache of ``--cache-url`` (Redis, emptied first), static files
   collected and hashed, a fresh secret key, https as behind the proxy) and beside it, with the
   same gunicorn settings, a bare Django project (``demo.kaal``: one query of 20 rows of
   ``auth_permission``, one small template, no middleware). The personas (the demo resident
   ``bewoner1@``, a buurtassistent and a board member) log in through the real login page, with
   the code of the second factor where allauth asks for it; their session cookies go to wrk.
   Every page must answer 200 before it is loaded. Per page, in ``--rondes`` rounds: wrk
   (``-t2 -c--verbindingen -d--duur``) on bare Django, then on the page, so a busy moment of
   the machine falls on both; throughput, p50/p95/p99, errors (socket errors and every answer
   that is not 2xx), and the ratio to bare Django.
3. **Queries per page**: one request in this process with the persona's session, and the
   median of ``--runs`` requests in a row.

The pages: the request list, the offer list, the agenda, the week of the busiest room, the
inbox (the resident), the dashboard (the buurtassistent), the report (the board, default
period), the public page of the initiative with the most meetings (anonymous), the start page
(the resident). At the end the targets of issue 16: every page at least 25% of bare Django's
throughput, p99 at most 4× bare's, no errors; the dashboard under 100 ms and the live report
under 300 ms one at a time, both less than 3× slower at the large size than at the small.

PostgreSQL only (the figures mean nothing elsewhere); ``--allow-sqlite`` runs it on SQLite
files as a smoke test (tiny sizes: ``--scale 30 --klein 10 --duur 1``). Needs ``wrk``
(``apt-get install wrk``). The measurement is the package ``meting_paginas`` beside this
module; this module is its command.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from demo.bench import EIGEN_DATABASE, eis_postgresql, gedeelde_argumenten
from demo.management.commands.meting_paginas import Meting
from demo.management.commands.meting_paginas.wrk import wrk_pad


class Command(BaseCommand):
    help = (
        "Meet de hoofdpagina's onder belasting (wrk, gunicorn) naast een kale Django-pagina, om "
        "de beurt in één run, en het dashboard en het rapport één verzoek tegelijk bij twee "
        "groottes (issue 16). Maakt eigen databases <NAAM>_bench_pages en "
        f"<NAAM>_bench_pages_klein {EIGEN_DATABASE} in bestanden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=20000, help="Schaalbewoners van de grote database."
        )
        parser.add_argument(
            "--klein", type=int, default=2000, help="Schaalbewoners van de kleine database."
        )
        parser.add_argument("--workers", type=int, default=5, help="gunicorn-workers (sync).")
        parser.add_argument("--duur", type=int, default=10, help="Seconden per wrk-meting.")
        parser.add_argument(
            "--verbindingen", type=int, default=50, help="Gelijktijdige verbindingen van wrk."
        )
        parser.add_argument("--threads", type=int, default=2, help="Threads van wrk.")
        parser.add_argument(
            "--rondes", type=int, default=1, help="Rondes van kaal Django en de pagina om de beurt."
        )
        parser.add_argument(
            "--runs", type=int, default=20, help="Verzoeken één voor één per cijfer (mediaan)."
        )
        parser.add_argument(
            "--cache-url",
            default="rediscache://127.0.0.1:6379/9",
            help="Cache van de app tijdens de meting (wordt eerst geleegd: een eigen database).",
        )
        gedeelde_argumenten(parser, keep=True)

    def handle(self, *args, allow_sqlite, keep, **opties):
        eis_postgresql("bench_pages", allow_sqlite=allow_sqlite)
        if (
            min(opties["scale"], opties["klein"], opties["workers"], opties["duur"]) < 1
            or min(opties["verbindingen"], opties["threads"], opties["rondes"], opties["runs"]) < 1
        ):
            raise CommandError("Kies elke grootte, duur en aantal >= 1.")
        wrk_pad()  # before an hour of seeding: is the load generator there?
        Meting(opties, keep=keep, schrijf=self.schrijf).run()

    def schrijf(self, tekst: str = "") -> None:
        self.stdout.write(tekst)
        self.stdout.flush()
