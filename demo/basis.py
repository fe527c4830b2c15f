"""What the demo parts share: one part's run, the demo residents by number, local moments.

Each app's part (``demo.<app>``) offers a ``DEEL``: its fixed, readable demo set and, with
``seed_demo --scale N``, data in proportion to the N scale residents. ``seed_demo`` runs the
parts one after the other.
"""

from __future__ import annotations

import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from bewoners.models import User
from demo.cooperaties import huidige_demo

# The e-mail of the residents that ``seed_demo --scale`` makes: schaal-<n>@<the coöperatie's
# demo domain> (``schaal-7@demo.wijk`` in the first).
SCHAAL_PREFIX = "schaal-"
BATCH = 5000  # rows made in Python at a time
INSERT_BATCH = 1000  # rows per INSERT statement (large statements are slower to bind)

# Names for the places of the scale data (rooms, initiatives): "Buurthuis De Kastanje".
SCHAAL_NAMEN = [
    "De Kastanje",
    "Het Baken",
    "De Boog",
    "De Weide",
    "De Molen",
    "Het Ven",
    "De Brink",
    "De Es",
    "Het Hofje",
    "De Sluis",
    "De Eik",
    "Het Plein",
]


@dataclass(frozen=True)
class Deel:
    """One app's demo data: a fixed set (once) and, with ``--scale``, data in proportion."""

    naam: str  # for the message: "<naam>-demo aangemaakt in 1.2 s"
    vast: Callable[[object], int | bool]  # (command) -> how much it made; 0 or False: nothing
    schaal: Callable[[object, random.Random, int], None]  # (command, rng, scale)
    eenheid: str = ""  # what ``vast`` counts ("boekingen"), for the message; "" for yes/no

    def __call__(self, command, rng: random.Random, scale: int) -> None:
        started = clock.monotonic()
        gemaakt = self.vast(command)
        if gemaakt:
            aantal = f" ({gemaakt} {self.eenheid})" if self.eenheid else ""
            command.stdout.write(
                f"{self.naam}-demo aangemaakt in {clock.monotonic() - started:.1f} s{aantal}."
            )
        if scale:
            self.schaal(command, rng, scale)


def demo_bewoners(*, alleen_actief: bool = False) -> dict[int, User]:
    """The current coöperatie's demo residents ``bewoner<n>@<its demo domain>`` (with their
    profile here), by their number n. A demo resident of another coöperatie who takes part
    here too (``DemoCooperatie.gasten``) is not one of them."""
    bewoners = User.objects.hier().filter(email__regex=huidige_demo().bewoner_regex)
    if alleen_actief:
        bewoners = bewoners.filter(is_active=True)
    return {
        int(u.email.removeprefix("bewoner").split("@")[0]): u
        for u in bewoners.select_related("profiel")
    }


def schaal_bewoners():
    """The current coöperatie's scale residents (``seed_demo --scale``), as a QuerySet."""
    return User.objects.hier().filter(email__startswith=SCHAAL_PREFIX)


def aware(dag: date, tijd: time) -> datetime:
    """``tijd`` on ``dag``, in the local time zone."""
    return timezone.make_aware(datetime.combine(dag, tijd))
