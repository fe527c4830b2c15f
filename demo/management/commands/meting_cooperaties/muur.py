"""The cost of row-level security in ``bench_cooperaties``: the ways to run the app (``MODI``),
taken in turn in rounds, what one request sends to the server, and the policies forced again
afterwards."""

from __future__ import annotations

import math
import statistics
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import connection, transaction

from cooperaties import rls

from .meten import FIGUREN, meet_matching, meet_pagina, paginas

MODI = ["muur", "zonder muur", "muur zonder beleid", "muur + ATOMIC_REQUESTS"]


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


def meet_muur(schrijf, opties: dict, cooperatie) -> dict | None:
    """The ways of ``MODI`` for ``cooperatie``, in ``opties["rondes"]`` rounds that take them in
    turn: per way and figure the median of each round, and what one request sends to the server
    (None without a second wall: SQLite, or no ``WIJK_DB_ROL``)."""
    o = opties
    if not muur_actief():
        schrijf("")
        schrijf(
            "4. RLS: niet gemeten (geen tweede muur: "
            + ("SQLite)" if connection.vendor != "postgresql" else "WIJK_DB_ROL is leeg)")
        )
        return None
    rondes = o["rondes"]
    schrijf("")
    schrijf(f"4. RLS: {rondes} rondes, elke manier om de beurt…")
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
    schrijf(
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
