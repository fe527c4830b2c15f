"""The measurement of ``manage.py bench_cooperaties`` (issue 14, point 9; the command's text says
what it measures and how): does a coöperatie get slower beside 199 others, and what does the
second wall cost?

- ``vullen``: filling the bench databases and checking the copies (statistics after a bulk
  fill, the first coöperatie kept as a database of its own, the rows per coöperatie);
- ``meten``: the figures, each as the app serves them, taken side by side in two databases;
- ``muur``: the cost of row-level security, the ways to run the app taken in turn;
- ``tabellen``: the printed tables and the targets;
- ``verloop``: the course of a run (``Meting``), which the command starts in its own database.
"""

from .meten import (
    BEWONER,
    FIGUREN,
    MARKERS,
    MIGRATES,
    Bezoeker,
    database_url,
    host,
    in_database,
    meet_matching,
    meet_migrate,
    meet_naast_elkaar,
    meet_pagina,
    paginas,
    personen,
    plan,
)
from .muur import (
    MODI,
    meerkosten,
    meet_muur,
    modus,
    muur_actief,
    muur_hersteld,
    tel_verkeer,
    zonder_muur,
)
from .tabellen import (
    DOEL_MUUR,
    DOEL_VERHOUDING,
    print_doel,
    print_muur,
    print_per_cooperatie,
    print_tabel,
    print_trage,
)
from .verloop import Meting
from .vullen import TELLEN, kopie_maken, kopie_weg, per_cooperatie, vacuum_analyze

__all__ = [
    "BEWONER",
    "DOEL_MUUR",
    "DOEL_VERHOUDING",
    "FIGUREN",
    "MARKERS",
    "MIGRATES",
    "MODI",
    "TELLEN",
    "Bezoeker",
    "Meting",
    "database_url",
    "host",
    "in_database",
    "kopie_maken",
    "kopie_weg",
    "meerkosten",
    "meet_matching",
    "meet_migrate",
    "meet_muur",
    "meet_naast_elkaar",
    "meet_pagina",
    "modus",
    "muur_actief",
    "muur_hersteld",
    "paginas",
    "per_cooperatie",
    "personen",
    "plan",
    "print_doel",
    "print_muur",
    "print_per_cooperatie",
    "print_tabel",
    "print_trage",
    "tel_verkeer",
    "vacuum_analyze",
    "zonder_muur",
]
