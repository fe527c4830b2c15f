"""The second wall: PostgreSQL's row-level security on every tenant table (issue 14).

The first wall is the ORM (``PerCooperatieManager``); this one holds when a query forgets it,
raw SQL included.

- **Policies.** Every table of a ``VanCooperatie`` model has row-level security enabled and
  forced, with the policy ``wijk_per_cooperatie``: a row is seen, changed or made only when its
  ``cooperatie_id`` is the transaction's setting ``wijk.cooperatie``. Without that setting
  nothing matches (fail closed). A second policy, ``wijk_beheer``, lets the tables' owner (the
  role that runs the migrations) reach every row: the separate, explicit path.
- **Roles.** The database login owns the tables and runs the migrations. The application's
  own queries run as the role ``WIJK_DB_ROL`` (``wijk_app``), which owns nothing and is no
  superuser, so the policies apply to it. ``deploy/pg-rollen.sql`` makes both roles.
- **Per transaction.** Before the first statement of every transaction, one statement sets
  the role and the current coöperatie *locally* (``set_config(..., true)``, the same as ``SET
  LOCAL``): they end with the transaction, which makes them safe behind a transaction-pooling
  PgBouncer. A statement outside a transaction (Django's autocommit) becomes a transaction of
  its own with the two settings. The settings follow ``cooperaties.huidige`` when it changes
  inside a transaction.
- **Migrations and platform work** run as the owner: ``migrate`` (the ``pre_migrate`` signal
  switches the wall off for its connection until ``post_migrate``), and the code inside
  ``over_alle_cooperaties()``: the platform's work across coöperaties, never a coöperatie's
  page. SQLite has no such wall; the ORM's scoping, which the same tests cover, is all there is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections, transaction

from .huidige import huidige

BELEID = "wijk_per_cooperatie"
BEHEER = "wijk_beheer"
_VOORWAARDE = "cooperatie_id = NULLIF(current_setting('wijk.cooperatie', true), '')::bigint"

# Platform work across coöperaties: the statements run as the tables' owner.
_over_alle: ContextVar[bool] = ContextVar("wijk_over_alle_cooperaties", default=False)


@contextmanager
def over_alle_cooperaties() -> Iterator[None]:
    """``with over_alle_cooperaties():`` the database shows every coöperatie's rows (use
    ``Model.objects.alle_cooperaties()`` for the ORM's side). For the platform's own work
    only: the network's report, exporting or removing a coöperatie, a person's export."""
    token = _over_alle.set(True)
    try:
        yield
    finally:
        _over_alle.reset(token)


def actief(connection) -> bool:
    """Does the wall guard this connection's statements (PostgreSQL with ``WIJK_DB_ROL``)?"""
    return connection.vendor == "postgresql" and bool(settings.WIJK_DB_ROL)


# -- the settings of every transaction --------------------------------------------------------


def _gewenst() -> tuple[str, str]:
    """(role, coöperatie) the next statement must run with."""
    if _over_alle.get():
        return "none", ""  # "none": the login itself, the tables' owner
    cooperatie = huidige()
    return settings.WIJK_DB_ROL, str(cooperatie.pk) if cooperatie is not None else ""


def _zet(execute, context, gewenst: tuple[str, str]) -> None:
    rol, cooperatie = gewenst
    execute(
        "SELECT set_config('role', %s, true), set_config('wijk.cooperatie', %s, true)",
        [rol, cooperatie],
        False,
        context,
    )


def muur(execute, sql, params, many, context):
    """Django's execute wrapper on every PostgreSQL connection (``installeer``)."""
    connection = context["connection"]
    if getattr(connection, "_wijk_muur_uit", False):
        return execute(sql, params, many, context)
    gewenst = _gewenst()
    if connection.get_autocommit():
        # A statement on its own: a transaction of its own, with the settings first.
        with transaction.atomic(using=connection.alias):
            _zet(execute, context, gewenst)
            connection._wijk_gezet = (gewenst, len(connection.savepoint_ids))
            return execute(sql, params, many, context)
    from psycopg.pq import TransactionStatus

    diepte = len(connection.savepoint_ids)
    gezet = getattr(connection, "_wijk_gezet", None)
    if (
        connection.connection.info.transaction_status == TransactionStatus.IDLE
        or gezet is None
        or gezet[0] != gewenst
        # Set inside a savepoint that may have been rolled back: set again.
        or diepte < gezet[1]
    ):
        _zet(execute, context, gewenst)
        connection._wijk_gezet = (gewenst, diepte)
    return execute(sql, params, many, context)


def installeer(sender, connection, **kwargs) -> None:
    """``connection_created``: every new PostgreSQL connection gets the wall (not Django's
    own connection to the ``postgres`` database, which creates and drops databases)."""
    if (
        actief(connection)
        and connection.alias in settings.DATABASES
        and muur not in connection.execute_wrappers
    ):
        connection.execute_wrappers.append(muur)
    connection._wijk_gezet = None


# -- migrations: the owner's path, and the policies after them ----------------------------------


def voor_migreren(sender, using, **kwargs) -> None:
    """``pre_migrate``: the migrations run as the tables' owner."""
    connections[using]._wijk_muur_uit = True


def na_migreren(sender, using, **kwargs) -> None:
    """``post_migrate`` (after ``migrate`` and ``flush``; sent once per app): after the last
    app, every tenant table gets its policies and the application's role its rights; then the
    wall is on again. Until then the other apps' handlers (content types, permissions) work
    as the owner."""
    from django.apps import apps

    connection = connections[using]
    laatste = [a for a in apps.get_app_configs() if a.models_module is not None][-1]
    if not actief(connection):
        return
    connection._wijk_muur_uit = True
    if sender is laatste:
        muren_opnieuw(using)


def muren_opnieuw(using: str = "default") -> None:
    """Build the policies and rights as the owner, and switch the wall on (also for code that
    migrated without ``migrate``: the upgrade test)."""
    connection = connections[using]
    connection._wijk_muur_uit = True
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('role', 'none', true)")
            muren_bouwen(cursor, settings.WIJK_DB_ROL)
    finally:
        connection._wijk_muur_uit = False
        connection._wijk_gezet = None


def tenant_tabellen() -> list[str]:
    from django.apps import apps

    from .models import VanCooperatie

    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if issubclass(m, VanCooperatie) and not m._meta.proxy and m._meta.managed
    )


def muren_bouwen(cursor, app_rol: str) -> None:
    """Policies on every tenant table (made once, kept when there), and the rights of the
    application's role on every table and sequence (also those made since the last time)."""
    tabellen = tenant_tabellen()
    cursor.execute(
        "SELECT tablename FROM pg_policies WHERE schemaname = current_schema() AND policyname = %s",
        [BELEID],
    )
    klaar = {rij[0] for rij in cursor.fetchall()}
    rol = _naam(app_rol)
    for tabel in tabellen:
        if tabel in klaar:
            continue
        t = _naam(tabel)
        cursor.execute(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        cursor.execute(f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY")
        cursor.execute(
            f"CREATE POLICY {BELEID} ON {t} USING ({_VOORWAARDE}) WITH CHECK ({_VOORWAARDE})"
        )
        cursor.execute(f"DROP POLICY IF EXISTS {BEHEER} ON {t}")
        cursor.execute(
            f"CREATE POLICY {BEHEER} ON {t} TO CURRENT_USER USING (true) WITH CHECK (true)"
        )
    rechten = "SELECT, INSERT, UPDATE, DELETE"
    if getattr(settings, "WIJK_DB_APP_MAG_LEEGMAKEN", False):
        rechten += ", TRUNCATE"  # the test suite empties tables between transactional tests
    cursor.execute(f"GRANT USAGE ON SCHEMA public TO {rol}")
    cursor.execute(f"GRANT {rechten} ON ALL TABLES IN SCHEMA public TO {rol}")
    cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {rol}")


def _naam(identifier: str) -> str:
    """A quoted SQL identifier."""
    return '"' + identifier.replace('"', '""') + '"'
