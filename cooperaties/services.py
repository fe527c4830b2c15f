"""Changes to the coöperaties of the installation (the platform beheerder's work)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

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


# The logo: at most this many bytes uploaded and pixels decoded, drawn at most this size.
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000
LOGO_MAAT = (480, 160)
LOGO_FORMATEN = {"PNG", "JPEG", "GIF", "WEBP"}


def logo_png(bestand) -> bytes:
    """The upload redrawn as a small PNG: only the pixels survive (no script, no metadata)."""
    onleesbaar = ValidationError(
        {"logo": _("Dit bestand kunnen we niet lezen als plaatje. Kies een PNG- of JPG-bestand.")}
    )
    if getattr(bestand, "size", 0) > LOGO_MAX_BYTES:
        raise ValidationError(
            {"logo": _("Dit bestand is te groot. Kies een logo van hoogstens 2 MB.")}
        )
    try:
        bestand.seek(0)
        with Image.open(bestand) as plaatje:
            if plaatje.format not in LOGO_FORMATEN:
                raise onleesbaar
            breedte, hoogte = plaatje.size
            if breedte * hoogte > LOGO_MAX_PIXELS:
                raise ValidationError(
                    {
                        "logo": _(
                            "Dit plaatje is te groot. Kies een logo van hoogstens 5000 bij 5000 beeldpunten."
                        )
                    }
                )
            plaatje.load()
            plaatje = ImageOps.exif_transpose(plaatje).convert("RGBA")
            plaatje.thumbnail(LOGO_MAAT)
            uit = BytesIO()
            plaatje.save(uit, "PNG", optimize=True)
            return uit.getvalue()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise onleesbaar from None


def logo_zetten(cooperatie: Cooperatie, bestand) -> None:
    """Give ``cooperatie`` the logo in the uploaded ``bestand`` (None: no logo any more).
    Raises a Dutch ``ValidationError`` for a file that is no readable image or too big."""
    if bestand is None:
        Cooperatie.objects.filter(pk=cooperatie.pk).update(logo=None, logo_versie=0)
        cooperatie.logo, cooperatie.logo_versie = None, 0
    else:
        png = logo_png(bestand)
        Cooperatie.objects.filter(pk=cooperatie.pk).update(
            logo=png, logo_versie=F("logo_versie") + 1
        )
        cooperatie.logo = png
        cooperatie.logo_versie = (
            Cooperatie.objects.filter(pk=cooperatie.pk).values_list("logo_versie", flat=True).get()
        )
    transaction.on_commit(vergeet_hosts)
