"""Help requests (hulpvragen), standing offers (aanbod) and the matches between them.

One module per model family (``base`` holds what requests and offers share): ``hulpvraag`` (the request and its kinds of "when"), ``aanbod``
(offers and the matching search table ``Zoekregel``), ``match``. Everything is re-exported here:
``from hulpvragen.models import Hulpvraag`` is the way to import them.
"""

from .aanbod import Aanbod, AanbodQuerySet, Bereik, Zoekregel
from .hulpvraag import (
    DAGDEEL_GRENZEN,
    WANNEER_VELDEN,
    Hulpvraag,
    HulpvraagQuerySet,
    Urgentie,
    Wanneer,
    dagdelen_in_window,
)
from .match import Match, MatchQuerySet

__all__ = [
    "DAGDEEL_GRENZEN",
    "WANNEER_VELDEN",
    "Aanbod",
    "AanbodQuerySet",
    "Bereik",
    "Hulpvraag",
    "HulpvraagQuerySet",
    "Match",
    "MatchQuerySet",
    "Urgentie",
    "Wanneer",
    "Zoekregel",
    "dagdelen_in_window",
]
