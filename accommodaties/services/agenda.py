"""The personal calendar-feed link (its reading side is ``selectors.agenda_sleutel_of_404``)."""

from __future__ import annotations

from ..models import AgendaSleutel


def agenda_sleutel_voor(*, user) -> AgendaSleutel:
    """The secret of ``user``'s personal calendar-feed link, made the first time it is asked for.
    Other apps (initiatieven) get the link through here instead of writing the model."""
    return AgendaSleutel.voor(user)
