"""The measurement of ``manage.py bench_pages`` (issue 16, point 1; the command's text says what
it measures and how): the main pages under load beside bare Django, and one request at a time.

- ``servers``: the two gunicorns (the app as in production, the bare project ``demo.kaal``);
- ``personen``: the personas, logged in through the login page, and the measured pages;
- ``wrk``: the load generator and its script (``meting.lua``);
- ``meten``: the figures, under load and one request at a time;
- ``tabellen``: the printed tables and the targets;
- ``verloop``: the course of a run (``Meting``), which the command starts.
"""

from .meten import een_voor_een, in_proces, live_rapport, onder_belasting, samenvatten
from .personen import Pagina, inloggen, mensen, paginas
from .tabellen import (
    DOEL_DASHBOARD_MS,
    DOEL_GROEI,
    DOEL_P99,
    DOEL_RAPPORT_LIVE_MS,
    DOEL_VERHOUDING,
)
from .verloop import Meting
from .wrk import lees

__all__ = [
    "DOEL_DASHBOARD_MS",
    "DOEL_GROEI",
    "DOEL_P99",
    "DOEL_RAPPORT_LIVE_MS",
    "DOEL_VERHOUDING",
    "Meting",
    "Pagina",
    "een_voor_een",
    "in_proces",
    "inloggen",
    "lees",
    "live_rapport",
    "mensen",
    "onder_belasting",
    "paginas",
    "samenvatten",
]
