"""The period and buurt of a report, chosen with GET parameters (a report changes nothing)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from bewoners.models import Buurt
from wijk.lib.datums import korte_dag
from wijk.lib.forms import DatumBereikMixin

from .cijfers import Periode


class Keuze:
    DEZE_MAAND = "deze_maand"
    VORIGE_MAAND = "vorige_maand"
    VORIG_KWARTAAL = "vorig_kwartaal"
    DIT_JAAR = "dit_jaar"
    ZELF = "zelf"

    choices = [
        (DEZE_MAAND, _("Deze maand")),
        (VORIGE_MAAND, _("Vorige maand")),
        (VORIG_KWARTAAL, _("Vorig kwartaal")),
        (DIT_JAAR, _("Dit jaar")),
        (ZELF, _("Zelf kiezen")),
    ]


def _volgende_maand(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1)


def vaste_periode(keuze: str, vandaag: date) -> tuple[date, date]:
    """``[van, tot)`` for one of the fixed choices."""
    maand = vandaag.replace(day=1)
    if keuze == Keuze.VORIGE_MAAND:
        return (maand - timedelta(days=1)).replace(day=1), maand
    if keuze == Keuze.VORIG_KWARTAAL:
        kwartaal = date(vandaag.year, 3 * ((vandaag.month - 1) // 3) + 1, 1)
        vorig = (kwartaal - timedelta(days=1)).replace(day=1)
        vorig = date(vorig.year, 3 * ((vorig.month - 1) // 3) + 1, 1)
        return vorig, kwartaal
    if keuze == Keuze.DIT_JAAR:
        return date(vandaag.year, 1, 1), date(vandaag.year + 1, 1, 1)
    return maand, _volgende_maand(maand)


class PeriodeForm(DatumBereikMixin, forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"), choices=Keuze.choices, initial=Keuze.DEZE_MAAND, required=False
    )
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    buurt = forms.ModelChoiceField(
        label=_("Buurt"),
        queryset=Buurt.objects.order_by("naam"),
        required=False,
        empty_label=_("Alle buurten"),
    )

    def clean(self):
        data = super().clean()
        if data.get("periode") == Keuze.ZELF:
            van, tot = data.get("van"), data.get("tot")
            if not van or not tot:
                raise forms.ValidationError(_("Vul bij 'Zelf kiezen' een begin- en einddatum in."))
            if tot < van:
                raise forms.ValidationError(_("De einddatum moet na de begindatum liggen."))
            if (tot - van).days > 3 * 366:
                raise forms.ValidationError(_("Kies een periode van hoogstens drie jaar."))
        return data

    def periode_voor(self, vandaag: date) -> Periode:
        data = self.cleaned_data
        keuze = data.get("periode") or Keuze.DEZE_MAAND
        if keuze == Keuze.ZELF:
            van, tot = data["van"], data["tot"] + timedelta(days=1)
        else:
            van, tot = vaste_periode(keuze, vandaag)
        return Periode(van=van, tot=tot, buurt=data.get("buurt"))


def periodeform(params) -> tuple[PeriodeForm, str]:
    """The report's period form, filled from the query string ``params`` (this month when it
    is empty), and the query string that links to the same period."""
    if not params:
        form = PeriodeForm({"periode": Keuze.DEZE_MAAND})
        form.is_valid()
        return form, "periode=deze_maand"
    return PeriodeForm(params), params.urlencode()


def periode_tekst(periode) -> dict:
    """The first and last day of ``periode`` as the page writes them: "1 oktober 2026" (with
    the year: a report is printed and kept)."""
    return {
        "van_tekst": korte_dag(periode.van, jaar=True),
        "tot_tekst": korte_dag(periode.tot - timedelta(days=1), jaar=True),
    }
