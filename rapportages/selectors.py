"""The board report as other apps may read it: the period, the fixed choices, the tables of a
period, the report computed ahead (and the monthly pre-aggregate it takes whole months from),
and the one rule for hiding small counts.

Only the apps above ``rapportages`` read it: ``netwerk`` (the network's report across
coöperaties takes each coöperatie's computed report and hides small counts by the same rule)
and the demo app's benchmark. They do not reach into ``cijfers``, ``forms``, ``onderdrukking``,
``weergave`` or ``voorberekend`` themselves.
"""

from .cijfers import Periode
from .forms import Keuze, vaste_periode
from .maandcijfers import bijwerken as maandcijfers_bijwerken
from .onderdrukking import (
    KLEIN,
    VERBORGEN,
    Aantal,
    Relatie,
    is_verborgen,
    onderdruk,
    toon,
    verborgen_tekst,
)
from .voorberekend import VASTE_KEUZES, Berekend, bereken, rapport_voor, rapporten_voor
from .weergave import tabellen

__all__ = [
    "KLEIN",
    "VASTE_KEUZES",
    "VERBORGEN",
    "Aantal",
    "Berekend",
    "Keuze",
    "Periode",
    "Relatie",
    "bereken",
    "is_verborgen",
    "maandcijfers_bijwerken",
    "onderdruk",
    "rapport_voor",
    "rapporten_voor",
    "tabellen",
    "toon",
    "vaste_periode",
    "verborgen_tekst",
]
