"""The printed tables of ``bench_pages``: the machine, the pages under load beside bare Django,
one request at a time at both sizes, and the targets of issue 16. Each prints through
``schrijf`` (the command's own output)."""

from __future__ import annotations

import os
import platform

from django.db import connection
from django.utils import timezone

from demo.bench import toon

DOEL_VERHOUDING = 0.25  # at least a quarter of bare Django's throughput
DOEL_P99 = 4.0  # p99 at most four times bare Django's
DOEL_DASHBOARD_MS = 100.0
DOEL_RAPPORT_LIVE_MS = 300.0
DOEL_GROEI = 3.0  # large / small

EEN_VOOR_EEN = [
    ("dashboard", "dashboard (buurtassistent)", DOEL_DASHBOARD_MS),
    ("rapport_live", "rapport, live periode (bestuur)", DOEL_RAPPORT_LIVE_MS),
    ("rapport", "rapport, standaardperiode", None),
]


def processor() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for regel in f:
                if regel.startswith("model name"):
                    return regel.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def belasting() -> str:
    try:
        een, vijf, vijftien = os.getloadavg()
    except (AttributeError, OSError):
        return "onbekend"
    return f"{een:.2f} / {vijf:.2f} / {vijftien:.2f}"


def print_machine(schrijf) -> None:
    database = (
        f"PostgreSQL {toon('server_version')}"
        if connection.vendor == "postgresql"
        else "SQLite (rookproef)"
    )
    schrijf(
        f"Machine: {os.cpu_count()} cpu's ({processor()}), {database}, "
        f"{timezone.now():%Y-%m-%d %H:%M} UTC, load average {belasting()}"
    )


def print_aantallen(schrijf, label: str, a: dict, seed_s: float | None) -> None:
    seed = " (al gevuld, --keep)" if seed_s is None else f" (gevuld in {seed_s:.0f} s)"
    schrijf(
        f"  {label}: {a['bewoners']} bewoners, {a['hulpvragen']} hulpvragen, "
        f"{a['aanbod']} aanbod, {a['bijeenkomsten']} bijeenkomsten, "
        f"{a['reserveringen']} reserveringen, {a['meldingen']} meldingen{seed}"
    )


def oordeel_pagina(r: dict) -> list[str]:
    """What a page misses of the targets (empty: all met)."""
    mis = []
    if r["rps"] == 0:
        mis.append("geen antwoord binnen de meting")
    if r["verhouding"] < DOEL_VERHOUDING:
        mis.append(f"verhouding < {DOEL_VERHOUDING}")
    if r["p99_verhouding"] > DOEL_P99:
        mis.append(f"p99 > {DOEL_P99:.0f}× kaal")
    if r["fouten"]:
        mis.append("fouten")
    return mis


def print_belasting(schrijf, opties: dict, paginas: list, last: dict, proces: dict) -> None:
    schrijf("")
    schrijf(
        f"Onder belasting: wrk {opties['threads']} threads × {opties['verbindingen']} "
        f"verbindingen, {opties['duur']} s per meting, {opties['rondes']} ronde(s); per pagina "
        f"eerst kaal Django, dan de pagina; gunicorn {opties['workers']} sync workers, DEBUG "
        "uit. Queries en 'ms 1×': één verzoek tegelijk in dit proces (mediaan van "
        f"{opties['runs']}):"
    )
    schrijf(
        f"  {'pagina':<22} {'wie':<15} {'rps':>8} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'fouten':>6} {'queries':>7} {'ms 1×':>7} {'kaal rps':>8} {'kaal p99':>8} "
        f"{'verh.':>6} {'p99×':>6}  oordeel"
    )
    for pagina in paginas:
        r, p = last[pagina.sleutel], proces[pagina.sleutel]
        mis = oordeel_pagina(r)
        schrijf(
            f"  {pagina.label:<22} {pagina.wie:<15} {r['rps']:>8.1f} {r['p50']:>7.1f} "
            f"{r['p95']:>7.1f} {r['p99']:>7.1f} {r['fouten']:>6} {p['queries']:>7} "
            f"{p['ms']:>7.1f} {r['kaal_rps']:>8.1f} {r['kaal_p99']:>8.1f} "
            f"{r['verhouding']:>6.3f} {r['p99_verhouding']:>6.2f}  "
            + ("gehaald" if not mis else "NIET gehaald (" + ", ".join(mis) + ")")
        )
    schrijf("  (ms: p50/p95/p99 van de latentie; verh.: rps van de pagina / rps van kaal Django)")
    for pagina in paginas:
        schrijf(f"  {pagina.label}: {pagina.pad}")


def print_een_voor_een(schrijf, opties: dict, klein: dict, groot: dict) -> None:
    schrijf("")
    schrijf(
        f"Eén verzoek tegelijk (mediaan van {opties['runs']} verzoeken in dit proces, na twee "
        f"om op te warmen), {opties['klein']} en {opties['scale']} schaalbewoners:"
    )
    schrijf(
        f"  {'cijfer':<34} {'klein ms':>9} {'groot ms':>9} {'groot/klein':>11} "
        f"{'queries':>9}  oordeel"
    )
    for sleutel, label, doel in EEN_VOOR_EEN:
        k, g = klein[sleutel], groot[sleutel]
        groei = g["ms"] / k["ms"] if k["ms"] else float("inf")
        mis = []
        if doel is not None and g["ms"] >= doel:
            mis.append(f"≥ {doel:.0f} ms")
        if doel is not None and groei >= DOEL_GROEI:
            mis.append(f"groei ≥ {DOEL_GROEI:.0f}")
        oordeel = (
            "—"
            if doel is None
            else ("gehaald" if not mis else "NIET gehaald (" + ", ".join(mis) + ")")
        )
        schrijf(
            f"  {label:<34} {k['ms']:>9.1f} {g['ms']:>9.1f} {groei:>11.2f} "
            f"{k['queries']:>4}/{g['queries']:<4}  {oordeel}"
        )


def print_doel(schrijf, paginas: list, last: dict, klein: dict, groot: dict) -> bool:
    """The targets of issue 16 in one line each; returns whether all are met."""
    schrijf("")
    missers = [p.label for p in paginas if oordeel_pagina(last[p.sleutel])]
    schrijf(
        f"Doel: elke pagina ≥ {DOEL_VERHOUDING:.0%} van kaal Django, p99 ≤ {DOEL_P99:.0f}× die "
        "van kaal, 0 fouten: "
        + ("gehaald" if not missers else f"NIET gehaald ({', '.join(missers)})")
    )
    alles = not missers
    for sleutel, label, doel in EEN_VOOR_EEN:
        if doel is None:
            continue
        g, k = groot[sleutel]["ms"], klein[sleutel]["ms"]
        groei = g / k if k else float("inf")
        goed = g < doel and groei < DOEL_GROEI
        alles = alles and goed
        schrijf(
            f"Doel: {label} < {doel:.0f} ms, groot/klein < {DOEL_GROEI:.0f}: "
            f"{'gehaald' if goed else 'NIET gehaald'} ({g:.1f} ms, {groei:.2f})"
        )
    return alles
