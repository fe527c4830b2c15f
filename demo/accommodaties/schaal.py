"""Scale data: facilities in proportion to the scale residents, with two years of bookings."""

from __future__ import annotations

import time as clock
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties.models import Accommodatie, Openingstijd
from bewoners.models import Buurt, Profiel, User
from demo.basis import SCHAAL_NAMEN, SCHAAL_PREFIX
from demo.cooperaties import BEHEER, huidige_demo

from .gegevens import (
    BEWONERS_PER_RUIMTE,
    DAGEN_VOORUIT,
    JAREN_TERUG,
    MIN_RUIMTES,
    SCHAAL_SLUG,
    SCHAAL_SOORTEN,
)
from .rooster import bulk_insert, plan_boekingen, reserveringen_voor


def aantal_ruimtes(scale: int) -> int:
    """How many facilities ``scale`` residents have: one per 2,000, at least 3."""
    return max(MIN_RUIMTES, scale // BEWONERS_PER_RUIMTE)


def seed_scale(command, rng, scale: int) -> None:
    """Facilities in proportion to ``scale``, each with two years of bookings (bulk inserts)."""
    started = clock.monotonic()
    target = aantal_ruimtes(scale)
    have = Accommodatie.objects.filter(slug__startswith=SCHAAL_SLUG).count()
    if have >= target:
        command.stdout.write(f"Er zijn al {have} schaal-accommodaties.")
        return
    bewoners = list(
        Profiel.objects.filter(
            user__email__startswith=SCHAAL_PREFIX, toestemming_op__isnull=False
        ).values_list("user_id", flat=True)
    )
    if not bewoners:
        return
    beheer = (
        User.objects.filter(email=huidige_demo().email(BEHEER)).values_list("pk", flat=True).first()
    )
    buurten = list(Buurt.objects.order_by("pk"))
    now = timezone.now()
    today = timezone.localdate()
    van = today - timedelta(days=365 * JAREN_TERUG)
    tot = today + timedelta(days=DAGEN_VOORUIT)
    gemaakt = 0
    for n in range(have, target):
        soort, patroon, velden, openingstijden, drukte = SCHAAL_SOORTEN[n % len(SCHAAL_SOORTEN)]
        naam = SCHAAL_NAMEN[n % len(SCHAAL_NAMEN)]
        ronde = n // len(SCHAAL_NAMEN)
        if ronde:
            naam = f"{naam} {ronde + 1}"
        keeper = rng.choice(bewoners)
        with transaction.atomic():
            ruimte = Accommodatie.objects.create(
                naam=patroon.format(naam=naam),
                slug=f"{SCHAAL_SLUG}{n + 1}",
                buurt=buurten[n % len(buurten)] if buurten else None,
                adres=f"{naam}plein {n % 40 + 1}, Wijkdorp",
                beschrijving="Een ruimte voor prestatietests (schaaldata).",
                huisregels="Laat de ruimte netjes achter.",
                vooruit_dagen=90,
                **velden,
            )
            ruimte.beheerders.add(*[k for k in (keeper, beheer) if k])
            Openingstijd.objects.bulk_create(
                Openingstijd(accommodatie=ruimte, weekdag=dag, van=a, tot=b)
                for dag, perioden in sorted(openingstijden.items())
                for a, b in perioden
            )
        momenten = plan_boekingen(
            rng,
            openingstijden=openingstijden,
            van=van,
            tot=tot,
            buffer=ruimte.buffer,
            min_duur=ruimte.min_duur_minuten,
            max_duur=ruimte.max_duur_minuten,
            drukte=drukte,
        )
        gemaakt += bulk_insert(
            reserveringen_voor(
                rng,
                ruimte,
                momenten,
                boekers=bewoners,
                keepers=[k for k in (keeper, beheer) if k],
                soort=soort,
                now=now,
            )
        )
    elapsed = clock.monotonic() - started
    command.stdout.write(
        f"{target - have} schaal-accommodaties met {gemaakt} boekingen in {elapsed:.1f} s "
        f"({gemaakt / max(elapsed, 1e-9):.0f} per seconde)."
    )
