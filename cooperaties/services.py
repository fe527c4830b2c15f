"""Changes to the coöperaties of the installation (the platform beheerder's work)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from .models import Cooperatie, Domein
from .selectors import vergeet_hosts


@transaction.atomic
def cooperatie_create(*, naam: str, slug: str = "", domeinen: Iterable[str] = (), **velden):
    """A new coöperatie with its own domain names. Raises a Dutch ``ValidationError`` on a
    name, slug or domain that is empty, malformed or taken; nothing is saved then."""
    cooperatie = Cooperatie(naam=(naam or "").strip(), slug=slug or slugify(naam or ""), **velden)
    cooperatie.full_clean()
    cooperatie.save()
    for host in domeinen:
        domein = Domein(cooperatie=cooperatie, host=host)
        domein.full_clean()
        domein.save()
    transaction.on_commit(vergeet_hosts)
    return cooperatie
