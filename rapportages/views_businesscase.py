"""The maatschappelijke business case page.

The bestuur sets the values (euro per volunteer hour, per prevented contact with formal care, per
visit to an activity) and sees what they add up to in a period; a beheerder may look but not
change. Everybody else gets a 403. The period is chosen with the report's own ``PeriodeForm``
(``forms.periodeform``).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wijk.lib.toegang import toegang

from . import businesscase as bc
from .forms import periode_tekst, periodeform
from .models import Waardering
from .permissions import mag_rapporten_zien, mag_waarden_instellen

BEDRAG_FOUTEN = {
    "required": gettext_lazy("Vul een bedrag in. Gebruik 0 als je dit niet wilt meetellen."),
    "invalid": gettext_lazy("Vul een bedrag in met alleen cijfers, bijvoorbeeld 12,50."),
    "min_value": gettext_lazy("Het bedrag kan niet lager zijn dan 0."),
    "max_digits": gettext_lazy("Dit bedrag is te groot."),
    "max_whole_digits": gettext_lazy("Dit bedrag is te groot."),
    "max_decimal_places": gettext_lazy("Gebruik hoogstens 2 cijfers achter de komma."),
}
MAX_TOELICHTING = 1000


class WaarderingForm(forms.Form):
    """One amount and one assumption for every key of ``Waardering``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for sleutel, naam in Waardering.Sleutel.choices:
            self.fields[f"bedrag_{sleutel}"] = forms.DecimalField(
                label=_("Bedrag: %(wat)s") % {"wat": naam},
                min_value=Decimal("0"),
                max_digits=10,
                decimal_places=2,
                localize=True,
                error_messages=BEDRAG_FOUTEN,
                help_text=_("In euro, bijvoorbeeld 12,50."),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"toelichting_{sleutel}"] = forms.CharField(
                label=_("Aanname bij: %(wat)s") % {"wat": naam},
                required=False,
                max_length=MAX_TOELICHTING,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Waarom dit bedrag? Dit staat naast elk bedrag dat ermee is berekend."),
                error_messages={
                    "max_length": gettext_lazy(
                        "Dit is te lang: gebruik hoogstens %(limit_value)d tekens "
                        "(nu %(show_value)d)."
                    )
                },
            )

    @classmethod
    def beginwaarden(cls, waarden: dict[str, Waardering]) -> dict:
        initial = {}
        for sleutel, _naam in Waardering.Sleutel.choices:
            waarde = waarden.get(sleutel)
            initial[f"bedrag_{sleutel}"] = waarde.bedrag if waarde else Decimal("0.00")
            initial[f"toelichting_{sleutel}"] = waarde.toelichting if waarde else ""
        return initial

    @transaction.atomic
    def save(self, door) -> None:
        for sleutel, _naam in Waardering.Sleutel.choices:
            Waardering.objects.update_or_create(
                sleutel=sleutel,
                defaults={
                    "bedrag": self.cleaned_data[f"bedrag_{sleutel}"],
                    "toelichting": self.cleaned_data[f"toelichting_{sleutel}"].strip(),
                    "bijgewerkt_door": door,
                },
            )


@require_http_methods(["GET", "POST"])
@toegang(mag_rapporten_zien)
def businesscase(request):
    if not mag_rapporten_zien(request.user):
        raise PermissionDenied
    mag_instellen = mag_waarden_instellen(request.user)
    if request.method == "POST" and not mag_instellen:
        raise PermissionDenied

    periode_form, query = periodeform(request.GET)
    waarden = bc.waarderingen()
    status = 200
    if request.method == "POST":
        waarden_form = WaarderingForm(request.POST)
        if waarden_form.is_valid():
            waarden_form.save(door=request.user)
            messages.success(request, _("De bedragen zijn opgeslagen."))
            return redirect(f"{reverse('rapportages:businesscase')}?{query}")
        status = 400
    else:
        waarden_form = WaarderingForm(initial=WaarderingForm.beginwaarden(waarden))

    context = {
        "form": periode_form,
        "waarden_form": waarden_form if mag_instellen else None,
        "waarden": [(naam, waarden.get(sleutel)) for sleutel, naam in Waardering.Sleutel.choices],
        "query": query,
    }
    if not periode_form.is_valid():
        return render(request, "rapportages/businesscase.html", context, status=400)
    periode = periode_form.periode_voor(timezone.localdate())
    context.update(
        periode=periode,
        einddatum=periode.tot - timedelta(days=1),
        zaak=bc.bereken(periode),
        **periode_tekst(periode),
    )
    return render(request, "rapportages/businesscase.html", context, status=status)
