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
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from bewoners.models import Profiel, User
from demo.bewoners import NIEUW_IN_WIJK, dagen_lid
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


def lid_geworden(profiel, n: int) -> None:
    """Date demo resident ``n``'s account, consent and finished profile back to the day they
    joined (``demo.bewoners.dagen_lid``); a newcomer of ``NIEUW_IN_WIJK`` moved in then."""
    vandaag = timezone.localdate()
    nieuw = NIEUW_IN_WIJK.get(n)
    if nieuw is None and profiel.nieuw_in_wijk_sinds:
        nieuw = (vandaag - profiel.nieuw_in_wijk_sinds).days
    sinds = aware(vandaag - timedelta(days=dagen_lid(n, nieuw)), time(9 + n % 11, n % 60))
    User.objects.filter(pk=profiel.user_id).update(date_joined=sinds)
    velden = {}
    if nieuw is not None:
        velden["nieuw_in_wijk_sinds"] = vandaag - timedelta(days=nieuw)
    if profiel.toestemming_op:
        velden["toestemming_op"] = sinds + timedelta(minutes=10)
    if profiel.onboarding_voltooid_op:
        velden["onboarding_voltooid_op"] = sinds + timedelta(minutes=25)
    Profiel.objects.filter(pk=profiel.pk).update(**velden)


# How busy each month is (January is 1): quieter in the summer holidays and around Christmas,
# busier in autumn and winter, when people are inside and alone more.
SEIZOEN = (1.1, 1.05, 1.0, 0.95, 0.95, 0.85, 0.6, 0.55, 1.0, 1.1, 1.15, 0.8)


def seizoen(dag: date) -> float:
    """How busy the month of ``dag`` is, compared with an ordinary month (``SEIZOEN``)."""
    return SEIZOEN[dag.month - 1]
