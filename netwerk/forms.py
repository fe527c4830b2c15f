"""The period of the network's report: one of the board report's fixed choices (the
coöperaties' own reports are computed ahead for those; own dates would compute hundreds of
reports while the page waits)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rapportages.selectors import VASTE_KEUZES, Keuze


class PeriodeForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[(k, naam) for k, naam in Keuze.choices if k in VASTE_KEUZES],
        initial=Keuze.DEZE_MAAND,
        required=False,
        error_messages={"invalid_choice": _("Kies een van de periodes uit de lijst.")},
    )

    def keuze(self) -> str:
        return self.cleaned_data.get("periode") or Keuze.DEZE_MAAND


def periodeform(params) -> tuple[PeriodeForm, str]:
    """The form filled from the query string ``params`` (this month when it names no period),
    and the query string that links to the same period."""
    form = PeriodeForm({"periode": params.get("periode") or Keuze.DEZE_MAAND})
    form.is_valid()
    return form, f"periode={form.data['periode']}"
