"""Scale data: initiatives in proportion to the scale residents, two years of meetings (bulk)."""

from __future__ import annotations

import time as clock
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bewoners.models import Buurt
from demo.basis import BATCH, INSERT_BATCH, SCHAAL_NAMEN, schaal_bewoners
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap

from .gegevens import (
    BEWONERS_PER_INITIATIEF,
    JAREN_TERUG,
    MIN_INITIATIEVEN,
    REDENEN_GEANNULEERD,
    SCHAAL_SLUG,
    SCHAAL_SOORTEN,
    WEKEN_VOORUIT,
)
from .rooster import aanmeldingen_voor, herinnerd, volgende


def aantal_initiatieven(scale: int) -> int:
    """How many initiatives ``scale`` residents have: one per 500, at least 2."""
    return max(MIN_INITIATIEVEN, scale // BEWONERS_PER_INITIATIEF)


def seed_scale(command, rng, scale: int) -> None:
    """Initiatives in proportion to ``scale``, each with two years of meetings (bulk)."""
    started = clock.monotonic()
    target = aantal_initiatieven(scale)
    have = Initiatief.objects.filter(slug__startswith=SCHAAL_SLUG).count()
    if have >= target:
        command.stdout.write(f"Er zijn al {have} schaal-initiatieven.")
        return
    bewoners = list(
        schaal_bewoners().filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    if len(bewoners) < 60:
        return
    buurten = list(Buurt.objects.order_by("pk"))
    now = timezone.now()
    today = timezone.localdate()
    tot_en_met = today + timedelta(weeks=WEKEN_VOORUIT)
    regel = services.regel_voor(Activiteit.Herhaling.WEKELIJKS, tot_en_met)
    eerste_dag = today - timedelta(days=365 * JAREN_TERUG)
    totaal = {"bijeenkomsten": 0, "aanmeldingen": 0}
    for n in range(have, target):
        thema, patroon, tekst, activiteiten = SCHAAL_SOORTEN[n % len(SCHAAL_SOORTEN)]
        naam = SCHAAL_NAMEN[(n // len(SCHAAL_SOORTEN)) % len(SCHAAL_NAMEN)]
        ronde = n // (len(SCHAAL_SOORTEN) * len(SCHAAL_NAMEN))
        if ronde:
            naam = f"{naam} {ronde + 1}"
        leden = rng.sample(bewoners, rng.randint(15, 60))
        organisatoren = leden[: rng.randint(1, 2)]
        with transaction.atomic():
            initiatief = Initiatief.objects.create(
                naam=patroon.format(naam=naam),
                slug=f"{SCHAAL_SLUG}{n + 1}",
                beschrijving=f"{tekst} (Schaaldata voor prestatietests.)",
                thema=thema,
                adres=f"{naam}plein {n % 40 + 1}, Wijkdorp",
            )
            if buurten:
                initiatief.buurten.add(buurten[n % len(buurten)])
            initiatief.organisatoren.add(*organisatoren)
            Lidmaatschap.objects.bulk_create(
                (
                    Lidmaatschap(
                        initiatief=initiatief,
                        user_id=user_id,
                        status=Lidmaatschap.Status.LID,
                        toon_naam_en_contact=rng.random() < 0.3,
                        aangemaakt_op=(sinds := now - timedelta(days=rng.randint(0, 800))),
                        lid_sinds=sinds,
                    )
                    for user_id in leden
                ),
                batch_size=INSERT_BATCH,
            )
            for titel, weekdag, tijd, minuten, plaatsen in activiteiten:
                aantallen = _schaal_activiteit(
                    rng,
                    initiatief,
                    titel=titel,
                    begin=volgende(eerste_dag, weekdag, tijd),
                    minuten=minuten,
                    plaatsen=plaatsen,
                    regel=regel,
                    tot_en_met=tot_en_met,
                    leden=leden,
                    door=organisatoren[0],
                    now=now,
                )
                for sleutel, waarde in aantallen.items():
                    totaal[sleutel] += waarde
    elapsed = clock.monotonic() - started
    command.stdout.write(
        f"{target - have} schaal-initiatieven met {totaal['bijeenkomsten']} bijeenkomsten en "
        f"{totaal['aanmeldingen']} aanmeldingen in {elapsed:.1f} s "
        f"({(totaal['bijeenkomsten'] + totaal['aanmeldingen']) / max(elapsed, 1e-9):.0f} rijen "
        "per seconde)."
    )


def _schaal_activiteit(
    rng, initiatief, *, titel, begin, minuten, plaatsen, regel, tot_en_met, leden, door, now
) -> dict[str, int]:
    capaciteit = plaatsen if isinstance(plaatsen, int) else None
    activiteit = Activiteit.objects.create(
        initiatief=initiatief,
        titel=titel,
        capaciteit=capaciteit,
        aanmelden_nodig=plaatsen != "vrij",
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        regel=regel,
        tot_en_met=tot_en_met,
        aangemaakt_door_id=door,
    )
    bijeenkomsten = []
    for b, e in services.herhaal_momenten(begin, begin + timedelta(minutes=minuten), regel):
        r = rng.random()
        geannuleerd = r < 0.03
        bijeenkomsten.append(
            Bijeenkomst(
                activiteit=activiteit,
                begin=b,
                einde=e,
                volgens_regel=b,
                status=Bijeenkomst.Status.GEANNULEERD
                if geannuleerd
                else Bijeenkomst.Status.GEPLAND,
                reden=rng.choice(REDENEN_GEANNULEERD) if geannuleerd else "",
                herinnerd_op=herinnerd(b) if b <= now and not geannuleerd else None,
            )
        )
    bijeenkomsten = Bijeenkomst.objects.bulk_create(bijeenkomsten, batch_size=INSERT_BATCH)
    if bijeenkomsten and bijeenkomsten[0].pk is None:  # databases that do not return ids
        bijeenkomsten = list(activiteit.bijeenkomsten.order_by("begin"))
    aanmeldingen = 0
    if activiteit.aanmelden_nodig:
        basis = rng.randint(8, 20)
        rijen: list[Aanmelding] = []
        for bijeenkomst in bijeenkomsten:
            rijen += aanmeldingen_voor(rng, bijeenkomst, leden, capaciteit, now=now, basis=basis)
            if len(rijen) >= BATCH:
                Aanmelding.objects.bulk_create(rijen, batch_size=INSERT_BATCH)
                aanmeldingen += len(rijen)
                rijen = []
        Aanmelding.objects.bulk_create(rijen, batch_size=INSERT_BATCH)
        aanmeldingen += len(rijen)
    return {"bijeenkomsten": len(bijeenkomsten), "aanmeldingen": aanmeldingen}
