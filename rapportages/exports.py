"""The whole board report as one XLSX workbook.

The cells come from the computed report (``weergave.rapport``), the same tables the page and the
CSV show, so the numbers are the same and counts are hidden the same way ("<5", and "x" where a
small count could otherwise be worked out; see ``onderdrukking``). A cell that is a number on the
page is stored as a number (so it can be added up in a spreadsheet); "<5", "x", "te weinig" and
"—" stay text. The first sheet says which period and buurt the figures are for.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal

from django.utils.formats import get_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from wijk.lib.datums import korte_dag

from . import voorberekend, weergave
from .cijfers import Periode

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_ONGELDIG_IN_BLADNAAM = re.compile(r"[\[\]:*?/\\]")
_MAX_BLADNAAM = 31  # Excel's limit


def bestandsnaam(periode: Periode, naam: str = "", extensie: str = "xlsx") -> str:
    """The name of a download: the period as the page says it, first and last day included,
    and the buurt when one is chosen: ``rapportage-2026-10-01-tot-en-met-2026-12-31.xlsx``
    (a CSV is named after its table: ``trend-oud-zuid-2026-01-01-tot-en-met-...csv``)."""
    naam = naam or _("rapportage")
    buurt = f"-{periode.buurt.slug}" if periode.buurt is not None else ""
    einde = periode.tot - timedelta(days=1)
    tot_en_met = _("tot-en-met")  # in a file name: no spaces
    return f"{naam}{buurt}-{periode.van:%Y-%m-%d}-{tot_en_met}-{einde:%Y-%m-%d}.{extensie}"


def celwaarde(cel, tekst: str):
    """The value to store for one cell: a number where the page shows a number, else the text.

    ``cel`` is the raw cell of the table, ``tekst`` how the page shows it (``Tabel.cellen``).
    Counts are ints, hours and other decimals are read back from the page's own formatting
    (so the rounding is the same) and shares ("2,5%") become fractions (0.025).
    """
    if isinstance(cel, weergave.Aantal):
        return int(cel) if tekst == str(int(cel)) else tekst
    if isinstance(cel, int | float | Decimal) and not isinstance(cel, bool):
        return cel
    scheiding = re.escape(str(get_format("DECIMAL_SEPARATOR")))
    gevonden = re.fullmatch(rf"(-?\d+)(?:{scheiding}(\d+))?(%?)", tekst.strip())
    if not gevonden:
        return tekst
    heel, deel, procent = gevonden.groups()
    getal = Decimal(f"{heel}.{deel}") if deel else Decimal(heel)
    if procent:
        return float(getal / 100)
    return int(getal) if deel is None else float(getal)


def _getalnotatie(waarde, tekst: str) -> str | None:
    if not isinstance(waarde, int | float) or isinstance(waarde, bool):
        return None
    decimalen = 0
    scheiding = str(get_format("DECIMAL_SEPARATOR"))
    if scheiding in tekst:
        decimalen = len(tekst.rstrip("%").split(scheiding, 1)[1])
    basis = "0" + ("." + "0" * decimalen if decimalen else "")
    return basis + "%" if tekst.endswith("%") else basis


def _bladnaam(titel: str, gebruikt: set[str]) -> str:
    naam = _ONGELDIG_IN_BLADNAAM.sub(" ", titel).strip() or "Tabel"
    naam = naam[:_MAX_BLADNAAM]
    kandidaat, i = naam, 2
    while kandidaat.lower() in gebruikt:
        achtervoegsel = f" ({i})"
        kandidaat = naam[: _MAX_BLADNAAM - len(achtervoegsel)] + achtervoegsel
        i += 1
    gebruikt.add(kandidaat.lower())
    return kandidaat


def werkboek(periode: Periode) -> Workbook:
    """A workbook with a first sheet about the report, then one sheet per table."""
    secties = voorberekend.rapport_voor(periode).secties  # computed ahead when it can be
    boek = Workbook()
    vet = Font(bold=True)

    info = boek.active
    info.title = _bladnaam(_("Over dit rapport"), gebruikt := set())
    einde = periode.tot - timedelta(days=1)
    regels = [
        (_("Rapportage voor het bestuur"), ""),
        (_("Periode van"), korte_dag(periode.van, jaar=True)),
        (_("Periode tot en met"), korte_dag(einde, jaar=True)),
        (_("Buurt"), periode.buurt.naam if periode.buurt else _("Alle buurten")),
        (
            _("Let op"),
            _("Aantallen van 1 tot en met 4 staan er als “<5”. Zo is niemand te herkennen."),
        ),
        (
            "",
            _(
                "Staat er een “x”? Dat getal laten we ook weg. Anders kun je een verborgen "
                "aantal uitrekenen uit een totaal, de andere getallen of een percentage."
            ),
        ),
    ]
    for regel in regels:
        info.append(list(regel))
    info["A1"].font = vet
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 70

    for sectie in secties:
        for tabel in sectie.tabellen:
            blad = boek.create_sheet(_bladnaam(tabel.titel, gebruikt))
            blad.append(list(tabel.kolommen))
            for cel in blad[1]:
                cel.font = vet
            for rij, teksten in zip(tabel.rijen, tabel.cellen(), strict=True):
                waarden = [
                    tekst if i == 0 else celwaarde(cel, tekst)
                    for i, (cel, tekst) in enumerate(zip(rij, teksten, strict=True))
                ]
                blad.append(waarden)
                for xl_cel, waarde, tekst in zip(blad[blad.max_row], waarden, teksten, strict=True):
                    notatie = _getalnotatie(waarde, tekst)
                    if notatie:
                        xl_cel.number_format = notatie
            blad.column_dimensions["A"].width = max(
                [len(str(r[0])) for r in tabel.cellen()] + [len(tabel.kolommen[0]), 10]
            )
            blad.freeze_panes = "A2"
    return boek


def xlsx_bytes(periode: Periode) -> bytes:
    buffer = io.BytesIO()
    werkboek(periode).save(buffer)
    return buffer.getvalue()
