"""The board report as other apps may read it (the demo app's benchmark times it): the period,
the fixed choices, the tables of a period, and the report computed ahead.

``rapportages`` is at the top of the arrows: nothing in the other apps reads it. This module
names what a development tool needs, so it does not reach into ``cijfers``, ``forms``,
``weergave`` or ``voorberekend`` themselves.
"""

from .cijfers import Periode
from .forms import Keuze, vaste_periode
from .voorberekend import Berekend, bereken, rapport_voor
from .weergave import tabellen

__all__ = [
    "Berekend",
    "Keuze",
    "Periode",
    "bereken",
    "rapport_voor",
    "tabellen",
    "vaste_periode",
]
