"""The load generator of ``bench_pages``: wrk (Debian's package) with the script beside this
module (``meting.lua``), which prints one parseable line per run."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import CommandError

from .servers import PROXY_HEADERS

SCRIPT = Path(__file__).with_name("meting.lua")
UITSLAG = re.compile(r"^WRK_UITSLAG (.*)$", re.M)


def wrk_pad() -> str:
    pad = shutil.which("wrk")
    if pad is None:
        raise CommandError("wrk ontbreekt: installeer het (apt-get install wrk).")
    return pad


def lees(uitvoer: str) -> dict:
    """The figures of wrk's output (the script's line): rps, p50/p95/p99/max in ms, errors."""
    gevonden = UITSLAG.search(uitvoer)
    if gevonden is None:
        raise CommandError(f"wrk gaf geen uitslag:\n{uitvoer[-2000:]}")
    waarden = dict(deel.split("=", 1) for deel in gevonden.group(1).split())
    cijfers = {k: float(v) for k, v in waarden.items()}
    socket = sum(int(cijfers[k]) for k in ("connect", "read", "write", "timeout"))
    # Not one answer within the run (wrk leaves out what is still under way at the end): the
    # latencies are unknown, longer than the run.
    geen = int(cijfers["verzoeken"]) == 0
    return {
        "rps": cijfers["rps"],
        **{p: float("inf") if geen else cijfers[f"{p}_ms"] for p in ("p50", "p95", "p99", "max")},
        "verzoeken": int(cijfers["verzoeken"]),
        "socketfouten": socket,
        "niet2xx": int(cijfers["niet2xx"]),
        "fouten": socket + int(cijfers["niet2xx"]),
    }


def belast(
    adres: str, pad: str, *, host: str, cookie: str, duur: int, verbindingen: int, threads: int
) -> dict:
    """Drive ``adres + pad`` for ``duur`` seconds with ``verbindingen`` connections."""
    opdracht = [
        wrk_pad(),
        f"-t{min(threads, verbindingen)}",
        f"-c{verbindingen}",
        f"-d{duur}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        "-H",
        f"Host: {host}",
    ]
    for naam, waarde in PROXY_HEADERS.items():
        opdracht += ["-H", f"{naam}: {waarde}"]
    if cookie:
        opdracht += ["-H", f"Cookie: {cookie}"]
    uit = subprocess.run(  # noqa: S603 - our own arguments
        [*opdracht, adres + pad], capture_output=True, text=True, timeout=duur + 60
    )
    if uit.returncode != 0:
        raise CommandError(f"wrk faalde ({uit.returncode}):\n{uit.stdout[-2000:]}{uit.stderr}")
    return lees(uit.stdout)
