"""bench_pages: a smoke run at tiny sizes on SQLite files (so the command cannot rot: gunicorn,
the bare project, the logins, wrk and the tables), and the parts that need no server."""

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from demo.management.commands.meting_paginas import lees, live_rapport
from rapportages.forms import Keuze, vaste_periode

# label, persona: as the table prints them.
PAGINAS = [
    ("hulpvragen /hulp/", "bewoner"),
    ("aanbod", "bewoner"),
    ("agenda", "bewoner"),
    ("week van een ruimte", "bewoner"),
    ("meldingen", "bewoner"),
    ("dashboard", "buurtassistent"),
    ("rapport", "bestuur"),
    ("openbaar initiatief", "anoniem"),
    ("startpagina", "bewoner"),
]
GETAL = r"([\d.]+|inf)"


def test_wrk_line_is_read_with_every_error_counted():
    uit = (
        "Running 1s test @ http://127.0.0.1:1/\n"
        "WRK_UITSLAG verzoeken=120 duur_us=1000000 rps=120.000 p50_ms=8.500 p95_ms=20.000 "
        "p99_ms=31.250 max_ms=40.000 connect=1 read=2 write=0 timeout=3 status=0 niet2xx=4\n"
    )
    cijfers = lees(uit)
    assert cijfers["rps"] == 120.0 and cijfers["verzoeken"] == 120
    assert (cijfers["p50"], cijfers["p95"], cijfers["p99"]) == (8.5, 20.0, 31.25)
    assert cijfers["socketfouten"] == 6 and cijfers["niet2xx"] == 4 and cijfers["fouten"] == 10


def test_a_live_report_period_is_never_one_computed_ahead():
    """Each request of the live series asks for a period of its own, none a fixed one."""
    vandaag = date(2026, 12, 7)
    vast = {vaste_periode(k, vandaag) for k, _ in Keuze.choices if k != Keuze.ZELF}
    gezien = set()
    for i in range(40):
        query = parse_qs(urlsplit(live_rapport(vandaag, i)).query)
        assert query["periode"] == [Keuze.ZELF]
        van, tot = date.fromisoformat(query["van"][0]), date.fromisoformat(query["tot"][0])
        assert (van, tot + timedelta(days=1)) not in vast and (van, tot) not in gezien
        assert tot < vandaag and (tot - van).days == 364
        gezien.add((van, tot))


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk ontbreekt (apt-get install wrk)")
@pytest.mark.skipif(importlib.util.find_spec("gunicorn") is None, reason="gunicorn ontbreekt")
def test_bench_pages_smoke_run_on_sqlite(tmp_path):
    """The whole command in its own process: every page answered under load without errors,
    with its queries, beside bare Django; both sizes one at a time; the servers stopped."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "",
    }
    env.pop("WIJK_REQUIRE_POSTGRES", None)
    env.pop("WIJK_DB_ROL", None)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench_pages",
            "--allow-sqlite",
            *("--scale", "30", "--klein", "10", "--duur", "1", "--runs", "2"),
            *("--workers", "2", "--verbindingen", "4", "--cache-url", "locmemcache://bench"),
        ],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    uit = result.stdout
    assert result.returncode == 0, result.stderr[-3000:] + uit
    for label, wie in PAGINAS:
        rij = re.search(
            rf"^  {re.escape(label)}\s+{wie}\s+"
            + r"\s+".join([GETAL] * 4)
            + r"\s+(\d+)\s+(\d+)\s+"
            + r"\s+".join([GETAL] * 5)
            + r"\s+(gehaald|NIET gehaald \(.*\))$",
            uit,
            re.M,
        )
        assert rij, f"geen rij voor {label}:\n{uit}"
        rps, p50, p95, p99, fouten, queries, ms, kaal_rps, _kaal_p99, verhouding, _p99x, _ = (
            rij.groups()
        )
        assert int(fouten) == 0, rij.group(0)
        assert int(queries) > 0 and float(ms) > 0, rij.group(0)
        assert float(rps) > 0 and float(kaal_rps) > 0, rij.group(0)
        assert float(p50) <= float(p95) <= float(p99), rij.group(0)
        # One round: the ratio is that of this round's throughputs.
        assert abs(float(verhouding) - float(rps) / float(kaal_rps)) < 0.002, rij.group(0)
    for label in ("dashboard (buurtassistent)", "rapport, live periode (bestuur)"):
        rij = re.search(
            rf"^  {re.escape(label)}\s+{GETAL}\s+{GETAL}\s+{GETAL}\s+(\d+)/(\d+)\s+", uit, re.M
        )
        assert rij, f"geen rij voor {label}:\n{uit}"
        klein, groot, groei, q_klein, q_groot = rij.groups()
        assert float(klein) > 0 and float(groot) > 0 and int(q_klein) > 0 and int(q_groot) > 0
        assert abs(float(groei) - float(groot) / float(klein)) < 0.02
    assert re.search(r"Doel: elke pagina ≥ 25% van kaal Django.*: (gehaald|NIET gehaald)", uit)
    # Both gunicorns were stopped: nothing listens on their ports any more.
    poorten = re.search(r"app op poort (\d+), kaal op (\d+)", uit)
    assert poorten, uit
    for poort in map(int, poorten.groups()):
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(2)
            s.connect(("127.0.0.1", poort))
    # The configured database was never made.
    assert not (tmp_path / "db.sqlite3").exists()
