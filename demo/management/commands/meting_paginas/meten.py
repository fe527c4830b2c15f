"""The figures of ``bench_pages``: the pages under load (wrk, the page and bare Django in turn),
and in this process one request at a time (Django's test client with the persona's own
session): the SQL queries of one request, the median of a series, and the live report."""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.management.base import CommandError
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import servers, wrk
from .personen import cookie, host

# What Django's query log holds besides SQL: the transactions it begins and ends.
MARKERS = {"BEGIN", "COMMIT", "ROLLBACK"}
KAAL_PAD = "/"


def vraag(client, pad: str):
    """One GET in this process; anything but a 200 stops the run."""
    antwoord = client.get(pad, secure=True)
    if antwoord.status_code != 200:
        raise CommandError(
            f"{pad} op {host()} (in dit proces): status {antwoord.status_code} "
            f"{antwoord.get('Location', '')}"
        )
    return antwoord


def queries(client, pad: str) -> int:
    """The SQL queries of one request (without the transactions Django logs besides)."""
    reset_queries()
    with CaptureQueriesContext(connection) as gevangen:
        vraag(client, pad)
    return sum(q["sql"] not in MARKERS for q in gevangen.captured_queries)


def mediaan_ms(opvragen, runs: int, *, warm: int = 2) -> float:
    """The median ms of ``runs`` calls of ``opvragen(i)`` after ``warm`` calls (``i`` counts
    every call, the warm-ups first)."""
    for i in range(warm):
        opvragen(i)
    tijden = []
    for i in range(warm, warm + runs):
        begin = time.perf_counter()
        opvragen(i)
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden)


def live_rapport(vandaag: date, i: int) -> str:
    """The report of twelve months ending ``i + 1`` days ago (``Zelf kiezen``): a period no
    task computes ahead (those begin on the first of a month), a new one for every ``i``, so
    each request computes the report itself."""
    tot = vandaag - timedelta(days=i + 1)
    van = tot - timedelta(days=364)
    query = urlencode({"periode": "zelf", "van": van.isoformat(), "tot": tot.isoformat()})
    return f"{reverse('rapportages:rapport')}?{query}"


def een_voor_een(browsers: dict, runs: int, vandaag: date) -> dict:
    """One request at a time in this process: the dashboard (buurtassistent), the report for
    a live period and for the page's default period (bestuur): median ms and queries."""
    dashboard = reverse("buurtassistenten:dashboard")
    assistent, bestuur = browsers["buurtassistent"], browsers["bestuur"]
    return {
        "dashboard": {
            "ms": mediaan_ms(lambda i: vraag(assistent, dashboard), runs),
            "queries": queries(assistent, dashboard),
        },
        "rapport_live": {
            "ms": mediaan_ms(lambda i: vraag(bestuur, live_rapport(vandaag, i)), runs),
            "queries": queries(bestuur, live_rapport(vandaag, runs + 10)),
        },
        "rapport": {
            "ms": mediaan_ms(lambda i: vraag(bestuur, reverse("rapportages:rapport")), runs),
            "queries": queries(bestuur, reverse("rapportages:rapport")),
        },
    }


def in_proces(browsers: dict, paginas: list, runs: int) -> dict:
    """Per page: the queries of one request and the median ms of ``runs`` in a row."""
    uitslag = {}
    for pagina in paginas:
        browser = browsers[pagina.wie]
        uitslag[pagina.sleutel] = {
            "ms": mediaan_ms(lambda i, b=browser, p=pagina.pad: vraag(b, p), runs),
            "queries": queries(browser, pagina.pad),
        }
    return uitslag


def controleer(app, kaal, paginas: list, browsers: dict) -> None:
    """Every page answers 200 from the gunicorn with the persona's cookie (a redirect to the
    login means the session is wrong), and the bare page too."""
    for pagina in paginas:
        status, naar, _ = servers.opvragen(
            app, pagina.pad, host=host(), cookie=cookie(browsers[pagina.wie])
        )
        if status != 200:
            raise CommandError(
                f"{pagina.pad} als {pagina.wie} via gunicorn: status {status}"
                + (f" naar {naar} (klopt de sessie?)" if naar else "")
                + f"\n{app.log_staart()}"
            )
    status, _, _ = servers.opvragen(kaal, KAAL_PAD, host=host())
    if status != 200:
        raise CommandError(f"De kale pagina: status {status}\n{kaal.log_staart()}")


def onder_belasting(app, kaal, paginas: list, browsers: dict, opties: dict, schrijf) -> dict:
    """Each page under load: per round bare Django, then the page (a busy moment of the
    machine falls on both), after a short warm-up of both servers; after each run the server
    first works off the requests wrk left unanswered ("nawerk"), so no run waits behind the
    previous one's. Per page the median over
    the rounds of each figure, and of the round's ratios to bare Django."""
    last = {
        "host": host(),
        "verbindingen": opties["verbindingen"],
        "threads": opties["threads"],
    }

    def belast(server, pad: str, cookie_: str, duur: int) -> dict:
        """One load run, and then the server's queue worked off (``servers.leeg``)."""
        cijfers = wrk.belast(server.adres, pad, cookie=cookie_, duur=duur, **last)
        cijfers["nawerk_s"] = servers.leeg(server, host=last["host"])
        return cijfers

    warm = min(2, opties["duur"])
    belast(kaal, KAAL_PAD, "", warm)
    for pagina in paginas:
        belast(app, pagina.pad, cookie(browsers[pagina.wie]), warm)
    rondes = {p.sleutel: [] for p in paginas}
    for ronde in range(opties["rondes"]):
        for pagina in paginas:
            k = belast(kaal, KAAL_PAD, "", opties["duur"])
            a = belast(app, pagina.pad, cookie(browsers[pagina.wie]), opties["duur"])
            rondes[pagina.sleutel].append((a, k))
            schrijf(
                f"  ronde {ronde + 1} {pagina.label:<22} {a['rps']:>8.1f} rps "
                f"(kaal {k['rps']:>7.1f}), p99 {a['p99']:>7.1f} ms (kaal {k['p99']:.1f}), "
                f"fouten {a['fouten']}, nawerk {a['nawerk_s']:.1f} s"
            )
    return {sleutel: samenvatten(paren) for sleutel, paren in rondes.items()}


def samenvatten(paren: list[tuple[dict, dict]]) -> dict:
    """The rounds of one page: medians, the errors added up, the ratios per round's median."""

    def m(waarden):
        return statistics.median(waarden)

    return {
        "rps": m([a["rps"] for a, _ in paren]),
        "p50": m([a["p50"] for a, _ in paren]),
        "p95": m([a["p95"] for a, _ in paren]),
        "p99": m([a["p99"] for a, _ in paren]),
        "fouten": sum(a["fouten"] for a, _ in paren),
        "kaal_rps": m([k["rps"] for _, k in paren]),
        "kaal_p99": m([k["p99"] for _, k in paren]),
        "kaal_fouten": sum(k["fouten"] for _, k in paren),
        "verhouding": m([a["rps"] / k["rps"] if k["rps"] else 0.0 for a, k in paren]),
        "p99_verhouding": m([a["p99"] / k["p99"] if k["p99"] else float("inf") for a, k in paren]),
    }
