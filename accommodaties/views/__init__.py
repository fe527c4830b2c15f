"""Pages for shared facilities and bookings.

Thin views: find what the person may see (else 404), check what they may do (else 403), call a
service, redirect. The service's Dutch ``ValidationError`` is shown on the form with the input
kept. The week calendar is one partial (``_week.html``): week navigation with htmx swaps only
that part; without JavaScript the same links load the whole page. The queries are QuerySet
methods in ``accommodaties.models``.

One module per seam: ``ruimtes`` (the facilities, a facility's week, booking it),
``reserveringen`` (my bookings, one booking and what may be done with it), ``beheer`` (the
keepers' pages); ``basis`` holds what they share.
"""

from .beheer import accommodatie_bewerken, beheer
from .reserveringen import (
    afzeggen,
    goedkeuren,
    mijn_boekingen,
    reservering_detail,
    verplaatsen,
    weigeren,
)
from .ruimtes import accommodatie_detail, accommodatie_list, reserveren

__all__ = [
    "accommodatie_bewerken",
    "accommodatie_detail",
    "accommodatie_list",
    "afzeggen",
    "beheer",
    "goedkeuren",
    "mijn_boekingen",
    "reservering_detail",
    "reserveren",
    "verplaatsen",
    "weigeren",
]
