"""Helpers the hulpvragen tests share (plain functions: tests call them with arguments)."""

from contextlib import contextmanager
from datetime import time, timedelta

import time_machine
from django.utils import timezone

from bewoners.models import Categorie
from hulpvragen import services
from meldingen.models import Melding

DATUM_OVER = 3  # the request is this many days from today


def cat(slug="vervoer"):
    return Categorie.objects.get(slug=slug)


def vraag(aanvrager, *, categorie="vervoer", dagen=DATUM_OVER, van=time(10), tot=time(12), **kw):
    """A request for a lift to the doctor, ``dagen`` from today, 10:00-12:00 by default."""
    return services.hulpvraag_create(
        aanvrager=aanvrager,
        categorie=cat(categorie),
        titel=kw.pop("titel", "Naar de huisarts"),
        beschrijving="Ik zoek iemand die mij kan brengen.",
        wanneer="datum",
        datum=timezone.localdate() + timedelta(days=dagen),
        tijd_van=van,
        tijd_tot=tot,
        **kw,
    )


def meldingen(user, soort):
    return Melding.objects.filter(ontvanger=user, soort=soort).count()


@contextmanager
def na_begin(match):
    """The clock at the moment ``match``'s help begins: from then on it may be marked done."""
    match.refresh_from_db()
    vanaf = match.afronden_vanaf
    if vanaf is None or vanaf <= timezone.now():
        yield
        return
    with time_machine.travel(vanaf, tick=False):
        yield
