"""Reads of this app that other apps use (their public face, with ``services`` and
``permissions``)."""

from __future__ import annotations

from .models import AgendaSleutel
from .permissions import agenda_sleutel_geldig


def geldige_agenda_sleutel(sleutel: str) -> AgendaSleutel | None:
    """The personal calendar link ``sleutel`` with its owner, when it may be read
    (``permissions.agenda_sleutel_geldig``); else None (the feed answers 404). Both personal
    feeds (bookings here, activities in ``initiatieven``) read their link through this."""
    agenda_sleutel = AgendaSleutel.objects.select_related("user").filter(sleutel=sleutel).first()
    if agenda_sleutel is None or not agenda_sleutel_geldig(None, agenda_sleutel):
        return None
    return agenda_sleutel
