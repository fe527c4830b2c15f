"""The overview of "Mijn gegevens" (``bewoners.overzicht``) as a PDF, with fpdf2.

fpdf2 is pure Python (no system libraries); the font is the vendored DejaVu Sans
(``bewoners/fonts``, with its licence), so names and texts in every Latin, Greek or Cyrillic
script print as typed. The PDF has a title, a language, bookmarks per subject and page numbers.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from wijk.lib.datums import dag_tijd

from .overzicht import Deel, Regel

FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
# fontTools reports every glyph of the font subset at INFO: not for the terminal.
logging.getLogger("fontTools").setLevel(logging.WARNING)
GRIJS = (90, 90, 90)
ZWART = (0, 0, 0)


class _Pdf(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(*GRIJS)
        self.cell(
            0,
            5,
            _("Pagina %(nummer)s van %(totaal)s") % {"nummer": self.page_no(), "totaal": "{nb}"},
            align="C",
        )
        self.set_text_color(*ZWART)


def _kop(pdf: _Pdf, tekst: str, grootte: float, *, niveau: int | None = None) -> None:
    if niveau is not None:
        pdf.start_section(tekst, level=niveau)
    pdf.set_font("DejaVu", size=grootte)
    pdf.multi_cell(0, grootte * 0.5, tekst, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("DejaVu", size=10)


def _tekst(pdf: _Pdf, tekst: str, *, grootte: float = 10, kleur=ZWART) -> None:
    pdf.set_font("DejaVu", size=grootte)
    pdf.set_text_color(*kleur)
    pdf.multi_cell(0, grootte * 0.5, tekst, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*ZWART)
    pdf.set_font("DejaVu", size=10)


def _regels(pdf: _Pdf, regels: list[Regel]) -> None:
    if not regels:
        return
    pdf.set_font("DejaVu", size=10)
    with pdf.table(
        col_widths=(38, 62),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        line_height=5,
        padding=1,
        text_align=("LEFT", "LEFT"),
    ) as tabel:
        for regel in regels:
            rij = tabel.row()
            rij.cell(regel.label, style=FontFace(color=GRIJS))
            rij.cell(regel.waarde)
    pdf.ln(2)


def overzicht_pdf(
    delen: list[Deel], *, gemaakt_op: datetime | None, naam: str, email: str | None
) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT))
    titel = _("Alles wat Wijk over je bewaart")
    pdf.set_title(titel)
    pdf.set_author("Wijk")
    pdf.set_lang(get_language() or "nl")
    pdf.add_page()
    _kop(pdf, titel, 18)
    _tekst(pdf, " ".join(d for d in (naam, f"({email})" if email else "") if d))
    if gemaakt_op is not None:
        _tekst(pdf, _("Gemaakt op %(moment)s.") % {"moment": dag_tijd(gemaakt_op, jaar=True)})
    _tekst(
        pdf,
        _(
            "Hetzelfde staat in het bestand (JSON) dat je op de privacypagina kunt downloaden. "
            "Tijden zijn Nederlandse tijd."
        ),
        grootte=9,
        kleur=GRIJS,
    )
    pdf.ln(3)
    for nummer, deel in enumerate(delen):
        if nummer:
            pdf.add_page()
        kop = (
            _("Bij %(naam)s") % {"naam": deel.titel}
            if nummer == 0
            else _("Ook bij %(naam)s") % {"naam": deel.titel}
        )
        _kop(pdf, kop, 15, niveau=0)
        for onderwerp in deel.onderwerpen:
            pdf.ln(2)
            _kop(pdf, onderwerp.titel, 13, niveau=1)
            _tekst(pdf, onderwerp.uitleg, grootte=9, kleur=GRIJS)
            pdf.ln(1)
            if onderwerp.leeg:
                _tekst(pdf, _("Hierover bewaren we niets van je."))
                continue
            _regels(pdf, onderwerp.regels)
            for lijst in onderwerp.lijsten:
                _tekst(pdf, lijst.titel, grootte=11)
                if not lijst.items:
                    _tekst(pdf, _("Niets."), kleur=GRIJS)
                    pdf.ln(1)
                for item in lijst.items:
                    if item.titel:
                        _tekst(pdf, item.titel, grootte=10)
                    _regels(pdf, item.regels)
    return bytes(pdf.output())
