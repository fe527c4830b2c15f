"""Pages for initiatives, their activities and meetings."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Activiteit, Bijeenkomst, Initiatief


@require_GET
def initiatief_detail(request, slug: str):
    initiatief = get_object_or_404(Initiatief.objects.zichtbaar(), slug=slug)
    return render(request, "initiatieven/initiatief_detail.html", {"initiatief": initiatief})


@require_GET
def activiteit_detail(request, pk: int):
    activiteit = get_object_or_404(
        Activiteit.objects.filter(initiatief__in=Initiatief.objects.zichtbaar()), pk=pk
    )
    return render(request, "initiatieven/activiteit_detail.html", {"activiteit": activiteit})


@require_GET
def bijeenkomst_detail(request, pk: int):
    bijeenkomst = get_object_or_404(
        Bijeenkomst.objects.filter(activiteit__initiatief__in=Initiatief.objects.zichtbaar()),
        pk=pk,
    )
    return render(request, "initiatieven/bijeenkomst_detail.html", {"bijeenkomst": bijeenkomst})
