"""Filling the databases of ``bench_cooperaties`` and checking the copies: fresh statistics
after a bulk fill, the first coöperatie's state kept as a database of its own (PostgreSQL), and
the rows per coöperatie counted across all coöperaties."""

from __future__ import annotations

import time

from django.db import OperationalError, connection
from django.db.models import Count

from accommodaties.models import Reservering
from bewoners.models import Profiel
from cooperaties import rls
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

from .muur import zonder_muur

# Rows counted per coöperatie after the growth (label, model).
TELLEN = [
    ("bewoners", Profiel),
    ("hulpvragen", Hulpvraag),
    ("matches", Match),
    ("reserveringen", Reservering),
    ("bijeenkomsten", Bijeenkomst),
    ("aanmeldingen", Aanmelding),
]


def vacuum_analyze() -> None:
    """Fresh statistics and visibility maps after a bulk fill, as the tables' owner (the app's
    role may not ANALYZE tables it does not own: it would skip them with a warning)."""
    if connection.vendor != "postgresql":
        return
    with zonder_muur(), connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def kopie_maken(kopie: str) -> None:
    """``CREATE DATABASE kopie TEMPLATE <this one>``: the state of now, to measure beside the
    grown database later (PostgreSQL; nobody may be connected to the template meanwhile, an
    autovacuum worker included: a few tries)."""
    q = connection.ops.quote_name
    bron = connection.settings_dict["NAME"]
    connection.close()
    for poging in range(10):
        try:
            with connection._nodb_cursor() as cursor:  # Django's own way to the server
                cursor.execute(f"DROP DATABASE IF EXISTS {q(kopie)}")
                cursor.execute(f"CREATE DATABASE {q(kopie)} TEMPLATE {q(bron)}")
            return
        except OperationalError:
            if poging == 9:
                raise
            time.sleep(3)


def kopie_weg(kopie: str) -> None:
    q = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {q(kopie)}")


def per_cooperatie() -> dict[str, dict[int, int]]:
    """Rows per coöperatie of the counted tables, across all coöperaties."""
    uitslag = {}
    with rls.over_alle_cooperaties():
        for naam, model in TELLEN:
            rijen = (
                model.objects.alle_cooperaties()
                .order_by()
                .values("cooperatie_id")
                .annotate(n=Count("pk"))
                .values_list("cooperatie_id", "n")
            )
            uitslag[naam] = dict(rijen)
    return uitslag
