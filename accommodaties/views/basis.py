"""What the pages of this app share: finding what the person may see (else 404), the
sub-navigation."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from ..models import Accommodatie, Reservering
from ..permissions import is_een_beheerder, zichtbare_reserveringen


def accommodatie_for(slug: str) -> Accommodatie:
    return get_object_or_404(Accommodatie.objects.actief().select_related("buurt"), slug=slug)


def reservering_for(request, pk: int) -> Reservering:
    """A booking of this person or of a facility they keep; anybody else's is a 404."""
    return get_object_or_404(
        zichtbare_reserveringen(request.user)
        .select_related("accommodatie", "geboekt_door", "geboekt_door__profiel", "reeks")
        .distinct(),
        pk=pk,
    )


def nav(request) -> dict:
    """For the sub-navigation: does this person keep a facility (the "Beheer" link)?"""
    return {"toon_beheer": is_een_beheerder(request.user)}
