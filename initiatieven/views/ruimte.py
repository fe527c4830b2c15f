"""The organiser's page to book a room for an activity's coming meetings."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from accommodaties.models import Accommodatie
from wijk.lib.toegang import ingelogd, toegang

from .. import services
from ..models import Activiteit
from ..permissions import eis_organisator


class RuimteForm(forms.Form):
    accommodatie = forms.ModelChoiceField(
        label=gettext_lazy("Welke ruimte?"),
        queryset=Accommodatie.objects.actief(),
        empty_label=gettext_lazy("Kies een ruimte"),
        error_messages={"required": gettext_lazy("Kies een ruimte.")},
    )
    alleen_vrije = forms.BooleanField(required=False, widget=forms.HiddenInput)


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_activiteit")
@require_http_methods(["GET", "POST"])
def ruimte_boeken(request, pk: int):
    activiteit = get_object_or_404(Activiteit.objects.select_related("initiatief"), pk=pk)
    eis_organisator(request.user, activiteit.initiatief)
    keren = list(activiteit.bijeenkomsten.te_boeken())
    form = RuimteForm(request.POST or None, initial={"accommodatie": activiteit.accommodatie_id})
    context = {"activiteit": activiteit, "keren": keren, "form": form}
    if request.method == "POST" and form.is_valid():
        accommodatie = form.cleaned_data["accommodatie"]
        try:
            uitkomst = services.ruimte_book(
                activiteit=activiteit,
                door=request.user,
                accommodatie=accommodatie,
                alleen_vrije=form.cleaned_data["alleen_vrije"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if uitkomst.geboekt:
                aantal = len(uitkomst.geboekt)
                messages.success(
                    request,
                    ngettext(
                        "%(ruimte)s is %(aantal)s keer geboekt of aangevraagd.",
                        "%(ruimte)s is %(aantal)s keer geboekt of aangevraagd.",
                        aantal,
                    )
                    % {"ruimte": accommodatie.naam, "aantal": aantal},
                )
                return redirect(activiteit)
            context.update(uitkomst=uitkomst, accommodatie=accommodatie)
            context["vrij"] = len(keren) - len(uitkomst.niet_gelukt)
    if not keren and request.method == "GET":
        messages.info(request, _("Alle komende keren hebben al een ruimte."))
    return render(request, "initiatieven/ruimte_boeken.html", context)
