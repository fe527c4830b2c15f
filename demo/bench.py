"""What the bench commands share: a database of their own, filled by seed_demo, and their options.

A bench command never touches the configured database's data: it measures in a database of its
own next to it (``<NAME><achtervoegsel>``, dropped first if it exists, dropped again afterwards
unless ``--keep``). PostgreSQL only: the figures mean nothing elsewhere; ``--allow-sqlite`` runs
it as a smoke test on SQLite (in memory, or in a temporary file where threads need their own
connections).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.rls import over_alle_cooperaties

# The end of each command's help: where it measures.
EIGEN_DATABASE = (
    "naast de ingestelde database (bestaat hij al, dan wordt hij eerst weggegooid) en gooit "
    "die na afloop weg; de gegevens in de ingestelde database blijven onaangeraakt. Alleen "
    "PostgreSQL; --allow-sqlite voor een rookproef"
)


def gedeelde_argumenten(parser, *, sizes: list[int] | None = None, keep: bool = False) -> None:
    """The options every bench command has: ``--seed``, ``--allow-sqlite`` (and the sizes and
    ``--keep`` of those that seed a database per size)."""
    if sizes is not None:
        parser.add_argument("--sizes", type=int, nargs="+", default=sizes)
    parser.add_argument("--seed", type=int, default=2026)
    if keep:
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Laat de benchmarkdatabases staan (en gebruik ze opnieuw als ze er al zijn).",
        )
    parser.add_argument("--allow-sqlite", action="store_true", help="Rookproef op SQLite.")


def eis_postgresql(naam: str, *, allow_sqlite: bool) -> None:
    """Refuse to measure anything but PostgreSQL, unless ``--allow-sqlite`` (a smoke test)."""
    if connection.vendor != "postgresql" and not allow_sqlite:
        raise CommandError(
            f"{naam} meet PostgreSQL: zet DATABASE_URL=postgres://... "
            f"(nu: {connection.vendor}). Gebruik --allow-sqlite voor een rookproef."
        )


def toon(instelling: str) -> str:
    """A PostgreSQL setting (``SHOW``), such as ``server_version`` or ``jit``."""
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {instelling}")  # our own names, never input
        return cursor.fetchone()[0]


def build(size: int, *, seed: int = 2026) -> float:
    """Fill the current coöperatie with ``seed_demo --scale size`` (that one only, not the
    other demo coöperaties); returns the seconds it took."""
    started = time.monotonic()
    cooperatie = huidige()
    een = ["--cooperatie", cooperatie.slug] if cooperatie is not None else []
    call_command("seed_demo", "--scale", str(size), "--seed", str(seed), *een, stdout=StringIO())
    return time.monotonic() - started


def analyze() -> None:
    """Fresh planner statistics after a bulk fill (PostgreSQL). As the tables' owner: the
    application's role (``WIJK_DB_ROL``) owns none, and PostgreSQL skips what it may not
    analyse."""
    if connection.vendor == "postgresql":
        with over_alle_cooperaties(), connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _eerste_cooperatie():
    """The new database's first coöperatie (its data migration made it; a database made
    straight from the models gets it from the migration's own function)."""
    from importlib import import_module

    from django.apps import apps

    if not Cooperatie.objects.exists():
        import_module("cooperaties.migrations.0002_eerste_cooperatie").eerste_cooperatie(apps, None)
    return Cooperatie.objects.order_by("pk").first()


@contextmanager
def eigen_database(achtervoegsel: str, *, keep: bool = False, sqlite_bestand: bool = False):
    """A database of its own, ``<NAME><achtervoegsel>``: created (or reused with ``keep``),
    migrated, and dropped afterwards (kept with ``keep``); the work inside it is for its first
    coöperatie.

    On SQLite it lives in memory, or with ``sqlite_bestand`` in a temporary file (threads need
    their own connections to the same database), made straight from the models (much quicker
    than migrating, and enough for a smoke test).
    """
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_test = dict(test_settings)
    tijdelijk = None
    if connection.vendor == "postgresql":
        test_settings["NAME"] = f"{original}{achtervoegsel}"
    elif sqlite_bestand:
        tijdelijk = tempfile.mkdtemp(prefix="wijk-bench-")
        test_settings["NAME"] = os.path.join(tijdelijk, f"{achtervoegsel.lstrip('_')}.sqlite3")
        test_settings["MIGRATE"] = False
    else:
        test_settings["NAME"] = None  # SQLite: in memory (a smoke test)
    try:
        creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep, serialize=False)
        try:
            with in_cooperatie(_eerste_cooperatie()):
                yield
        finally:
            creation.destroy_test_db(original, verbosity=0, keepdb=keep)
    finally:
        test_settings.clear()
        test_settings.update(saved_test)
        if tijdelijk:
            shutil.rmtree(tijdelijk, ignore_errors=True)
