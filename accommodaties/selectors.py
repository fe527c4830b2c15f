"""Reads of this app that other apps use (their public face, with ``services`` and
``permissions``)."""

from __future__ import annotations

from django.http import Http404

from .models import AgendaSleutel
from .permissions import agenda_sleutel_geldig


def agenda_sleutel_of_404(sleutel: str) -> AgendaSleutel:
    """The personal calendar link ``sleutel`` with its owner, when it may be read
    (``permissions.agenda_sleutel_geldig``); else ``Http404``. Both personal feeds (bookings
    here, activities in ``initiatieven``) read their link through this."""
    agenda_sleutel = AgendaSleutel.objects.select_related("user").filter(sleutel=sleutel).first()
    if agenda_sleutel is None or not agenda_sleutel_geldig(None, agenda_sleutel):
        raise Http404
    return agenda_sleutel
