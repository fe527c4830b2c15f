"""What the pages of this app share: finding what the person may see (else 404), a service's
error shown as a message, and the answer of a page with a form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Activiteit, Bijeenkomst, Initiatief
from ..permissions import zichtbare_activiteiten, zichtbare_bijeenkomsten, zichtbare_initiatieven


def initiatief_for(request, slug: str) -> Initiatief:
    return get_object_or_404(
        zichtbare_initiatieven(request.user).select_related("accommodatie"), slug=slug
    )


def activiteit_for(request, pk: int) -> Activiteit:
    return get_object_or_404(
        zichtbare_activiteiten(request.user).select_related(
            "initiatief", "initiatief__accommodatie", "accommodatie"
        ),
        pk=pk,
    )


def bijeenkomst_for(request, pk: int) -> Bijeenkomst:
    """With its counts and places left, and what its page shows, in one query."""
    return get_object_or_404(
        zichtbare_bijeenkomsten(request.user).met_plaatsen().met_relaties(), pk=pk
    )


def fouten(request, exc: ValidationError) -> None:
    """A service's refusal that is not about a field of a form, as a message."""
    messages.error(request, " ".join(exc.messages))


def formulier_pagina(request, template: str, context: dict) -> HttpResponse:
    """A page with a form: 400 when it comes back after a POST (the input was not taken), else
    200."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)
