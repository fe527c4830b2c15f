"""The keepers' pages: pending requests and coming bookings of the facilities they keep, and a
facility's settings, opening hours and closures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijk.lib.pagination import page_context
from wijk.lib.toegang import ingelogd, toegang

from ..forms import AccommodatieForm, OpeningstijdFormSet, SluitingFormSet
from ..models import Reservering
from ..permissions import beheerde_accommodaties, is_beheerder, is_een_beheerder
from .basis import accommodatie_for, nav


@toegang(is_een_beheerder)
@require_GET
def beheer(request):
    """Pending requests and the coming bookings of the facilities this person keeps."""
    ruimtes = list(beheerde_accommodaties(request.user).order_by("naam"))
    if not ruimtes:
        raise PermissionDenied
    now = timezone.now()
    basis = Reservering.objects.filter(accommodatie__in=ruimtes).select_related(
        "accommodatie", "geboekt_door", "reeks"
    )
    aanvragen = basis.open_aanvragen(now)
    komend = basis.filter(status=Reservering.Status.BEVESTIGD).komend(now)
    base = reverse("accommodaties:beheer")
    return render(
        request,
        "accommodaties/beheer.html",
        {
            "ruimtes": ruimtes,
            "aanvragen": page_context(request, aanvragen, base, param="aanvragen"),
            "komend": page_context(request, komend, base, param="komend"),
            "toon_beheer": True,
        },
    )


@toegang(ingelogd, per_object="accommodaties.permissions.is_beheerder")
@require_http_methods(["GET", "POST"])
def accommodatie_bewerken(request, slug: str):
    """Keepers set the description, rules, opening hours and closures. Bookings that exist
    stay as they are."""
    accommodatie = accommodatie_for(slug)
    if not is_beheerder(request.user, accommodatie):
        raise PermissionDenied
    data = request.POST or None
    form = AccommodatieForm(data, instance=accommodatie)
    openingstijden = OpeningstijdFormSet(data, instance=accommodatie, prefix="open")
    sluitingen = SluitingFormSet(
        data,
        instance=accommodatie,
        prefix="dicht",
        queryset=accommodatie.sluitingen.komend(timezone.now()),
    )
    # Every part is checked (a list, not ``and``), so all mistakes show at once.
    geldig = [form.is_valid(), openingstijden.is_valid(), sluitingen.is_valid()]
    if request.method == "POST" and all(geldig):
        with transaction.atomic():
            form.save()
            openingstijden.save()
            sluitingen.save()
        messages.success(request, _("Opgeslagen. Boekingen die er al zijn, blijven staan."))
        return redirect(accommodatie)
    return render(
        request,
        "accommodaties/accommodatie_bewerken.html",
        {
            "accommodatie": accommodatie,
            "form": form,
            "openingstijden": openingstijden,
            "sluitingen": sluitingen,
            **nav(request),
        },
        status=400 if request.method == "POST" else 200,
    )
