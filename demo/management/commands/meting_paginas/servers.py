"""The two gunicorns of ``bench_pages``: the app as in production (DEBUG off, the app's
database role, persistent connections, a Redis cache, hashed static files, a fresh secret key)
and the bare project (``demo.kaal``) beside it, with the same gunicorn settings. Both run in a
process group of their own and are stopped in a ``finally``, also on Ctrl-C."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

# Behind the TLS-terminating proxy of production: the app sees https (SECURE_PROXY_SSL).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass
class Server:
    naam: str
    poort: int
    proces: subprocess.Popen
    log: Path

    @property
    def adres(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def log_staart(self, tekens: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-tekens:]
        except OSError:
            return ""


def database_url() -> str:
    """The bench database's address for a process of its own (``DATABASE_URL``): the same
    login as this process (the tables' owner; the app switches to ``WIJK_DB_ROL`` itself)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    wie = quote(s.get("USER") or "", safe="")
    if s.get("PASSWORD"):
        wie += ":" + quote(s["PASSWORD"], safe="")
    waar = s.get("HOST") or "localhost"
    if s.get("PORT"):
        waar += f":{s['PORT']}"
    return f"postgres://{wie}@{waar}/{quote(s['NAME'], safe='')}"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def omgeving(*, secret_key: str, cache_url: str, static_root: str) -> dict:
    """The production-like environment of both gunicorns (real variables win over ``.env``)."""
    platform = settings.WIJK_PLATFORMDOMEIN
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": database_url(),
        "WIJK_DB_ROL": settings.WIJK_DB_ROL or "",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": cache_url,
        "ALLOWED_HOSTS": f".{platform},{platform},127.0.0.1,localhost",
        "WIJK_PLATFORMDOMEIN": platform,
        "SECURE_PROXY_SSL": "True",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": static_root,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("WIJK_REQUIRE_POSTGRES", None)
    env["DJANGO_SETTINGS_MODULE"] = "wijk.settings"
    return env


def collectstatic(env: dict) -> None:
    """The hashed, compressed static files (as the production image collects them)."""
    uit = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if uit.returncode != 0:
        raise CommandError(f"collectstatic faalde:\n{uit.stdout[-2000:]}{uit.stderr[-3000:]}")


def start(naam: str, wsgi: str, env: dict, *, workers: int, map_: Path) -> Server:
    poort = vrije_poort()
    log = map_ / f"{naam}.log"
    with open(log, "wb") as uit:
        proces = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                wsgi,
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{poort}",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own: stopped as one
        )
    return Server(naam=naam, poort=poort, proces=proces, log=log)


def stop(server: Server) -> None:
    """Stop gunicorn and its workers (the process group): TERM, then KILL after 15 s."""
    if server.proces.poll() is not None:
        return
    try:
        os.killpg(server.proces.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(server.proces.pid, signal.SIGKILL)
        server.proces.wait(timeout=5)


def opvragen(server: Server, pad: str, *, host: str, cookie: str = "", timeout: float = 30):
    """One GET as the load generator sends it: (status, Location, body)."""
    headers = {"Host": host, **PROXY_HEADERS}
    if cookie:
        headers["Cookie"] = cookie
    verbinding = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=timeout)
    try:
        verbinding.request("GET", pad, headers=headers)
        antwoord = verbinding.getresponse()
        return antwoord.status, antwoord.getheader("Location") or "", antwoord.read()
    finally:
        verbinding.close()


def leeg(server: Server, *, host: str, binnen: float = 900) -> float:
    """Wait until ``server`` has worked off what a load run left behind: wrk stops with its
    connections' last requests unanswered, and a sync worker still serves each of them (the
    next run would wait behind them). One request queued after them: the seconds it took."""
    begin = time.monotonic()
    opvragen(server, "/health/", host=host, timeout=binnen)
    return time.monotonic() - begin


def wacht(server: Server, pad: str, *, host: str, binnen: float = 90) -> None:
    """Wait until ``server`` answers ``pad`` (any answer below 500)."""
    tot = time.monotonic() + binnen
    laatste = ""
    while time.monotonic() < tot:
        if server.proces.poll() is not None:
            raise CommandError(f"gunicorn ({server.naam}) stopte:\n{server.log_staart()}")
        try:
            status, _, _ = opvragen(server, pad, host=host, timeout=10)
            if status < 500:
                return
            laatste = f"status {status}"
        except OSError as exc:
            laatste = repr(exc)
        time.sleep(0.3)
    raise CommandError(
        f"gunicorn ({server.naam}) antwoordt niet binnen {binnen:.0f} s ({laatste}):\n"
        f"{server.log_staart()}"
    )


@contextmanager
def gunicorns(*, workers: int, secret_key: str, cache_url: str, host: str):
    """Both servers, started and answering: yields (app, kaal); stopped afterwards."""
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="wijk-bench-pages-") as tijdelijk:
        map_ = Path(tijdelijk)
        env = omgeving(secret_key=secret_key, cache_url=cache_url, static_root=str(map_ / "static"))
        collectstatic(env)
        try:
            app = start(
                "app",
                "wijk.wsgi:application",
                env,
                workers=workers,
                map_=map_,
            )
            servers.append(app)
            kaal = start(
                "kaal",
                "demo.kaal.wsgi:application",
                {**env, "DJANGO_SETTINGS_MODULE": "demo.kaal.settings"},
                workers=workers,
                map_=map_,
            )
            servers.append(kaal)
            wacht(app, "/", host=host)
            wacht(kaal, "/", host=host)
            yield app, kaal
        finally:
            for server in servers:
                stop(server)
