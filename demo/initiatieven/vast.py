"""The fixed, readable demo set of initiatives (see ``demo.initiatieven``)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties.models import Accommodatie
from bewoners.models import Buurt
from demo.basis import demo_bewoners, seizoen
from demo.cooperaties import huidige_demo
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from meldingen.models import Melding

from .gegevens import (
    BEWONER1_KEREN,
    DEMO_INITIATIEVEN,
    MARKER_SLUGS,
    REDENEN_GEANNULEERD,
    VERLEDEN_WEKEN,
    VOL,
    WACHTLIJST,
    WEKEN_VOORUIT,
)
from .rooster import aanmeldingen_voor, herinnerd, volgende, weken_eerder


def seed_fixed(command) -> int:
    """The readable demo set; returns the number of meetings made (0 when already there).

    In the current demo coöperatie's village: its place names, buurten and rooms (the specs'
    own slugs still pick the full meeting and bewoner1's sign-ups)."""
    demo = huidige_demo()
    if Initiatief.objects.filter(slug__in=[demo.slug_van(s) for s in MARKER_SLUGS]).exists():
        return 0
    users = demo_bewoners(alleen_actief=True)
    if not users.get(1) or len(users) < 30:
        return 0
    bewoner1 = users[1]
    buurten = {b.slug: b for b in Buurt.objects.all()}
    ruimtes = {
        a.slug: a
        for a in Accommodatie.objects.filter(
            slug__in=[demo.slug_van(s["ruimte"]) for s in DEMO_INITIATIEVEN if s.get("ruimte")]
        )
    }
    vaste_rng = random.Random("initiatieven-demo")  # the same demo set on every machine
    now = timezone.now()
    today = timezone.localdate()
    tot_en_met = today + timedelta(weeks=WEKEN_VOORUIT)
    # bewoner1 organises one initiative and is a member of two; the others are drawn.
    pool = sorted(n for n in users if n != 1)
    melding_voor = Melding.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    with transaction.atomic():
        aantal = 0
        for spec in DEMO_INITIATIEVEN:
            organisatoren = [users[n] for n in spec["organisatoren"] if n in users]
            ruimte = ruimtes.get(demo.slug_van(spec.get("ruimte", "")))
            initiatief = services.initiatief_create(
                door=organisatoren[0],
                goedgekeurd=True,  # the demo's initiatives run already
                naam=demo.tekst(spec["naam"]),
                slug=demo.slug_van(spec["slug"]),
                beschrijving=demo.tekst(spec["beschrijving"]),
                thema=spec["thema"],
                aanmelden=spec.get("aanmelden", Initiatief.Aanmelden.OPEN),
                contact=demo.tekst(spec.get("contact", "")),
                accommodatie=ruimte,
                adres=demo.tekst(spec.get("adres", "")) if ruimte is None else "",
                buurten=[
                    buurten[demo.slug_van(b)]
                    for b in spec["buurten"]
                    if demo.slug_van(b) in buurten
                ],
            )
            # Activities first, while the first organiser is the only member; the notice of a
            # new activity reads the members at commit, and none of them wants it by then
            # (see _demo_leden). So it tells nobody: no mail while seeding.
            activiteiten = []
            for titel, tekst, weekdag, tijd, minuten, plaatsen in spec["activiteiten"]:
                begin = volgende(today, weekdag, tijd)
                activiteiten.append(
                    services.activiteit_create(
                        initiatief=initiatief,
                        door=organisatoren[0],
                        titel=demo.tekst(titel),
                        beschrijving=demo.tekst(tekst),
                        begin=begin,
                        einde=begin + timedelta(minutes=minuten),
                        capaciteit=plaatsen if isinstance(plaatsen, int) else None,
                        aanmelden_nodig=plaatsen != "vrij",
                        herhaling=Activiteit.Herhaling.WEKELIJKS,
                        tot_en_met=tot_en_met,
                    )
                )
            leden = _demo_leden(vaste_rng, initiatief, spec, organisatoren, users, pool, now)
            for activiteit in activiteiten:
                aantal += _demo_verleden(vaste_rng, activiteit, leden, now)
                _demo_aanmeldingen(vaste_rng, activiteit, leden, bewoner1, spec, now)
                aantal += activiteit.bijeenkomsten.filter(begin__gt=now).count()
        # Meldingen of the sign-ups sit in the inboxes; none of them is e-mailed, even by a
        # worker with a real mail server (the task reads this before it sends).
        Melding.objects.filter(pk__gt=melding_voor, email_gewenst=True).update(email_gewenst=False)
    return aantal


def _demo_leden(rng, initiatief, spec, organisatoren, users, pool, now) -> list:
    """Co-organisers and members (the ORM: joining through the service would notify)."""
    initiatief.organisatoren.add(*organisatoren[1:])
    gekozen = [n for n in rng.sample(pool, spec["leden"]) if n not in spec["organisatoren"]]
    leden = organisatoren[1:] + [users[n] for n in gekozen]
    if spec.get("met_bewoner1"):
        leden.append(users[1])
    aangevraagd = [users[n] for n in rng.sample(pool, 10) if n not in gekozen]
    aangevraagd = [u for u in aangevraagd if u not in organisatoren and u not in leden][
        : spec.get("aangevraagd", 0)
    ]
    # "Tell me about new activities" is switched on only after the commit, once the
    # activities' own on-commit notices (which read the members then) have found nobody.
    melden = [user.pk for user in leden if rng.random() < 0.8]
    transaction.on_commit(
        lambda: Lidmaatschap.objects.filter(initiatief=initiatief, user__in=melden).update(
            nieuwe_activiteiten_melden=True
        )
    )
    Lidmaatschap.objects.bulk_create(
        [
            Lidmaatschap(
                initiatief=initiatief,
                user=user,
                status=Lidmaatschap.Status.LID,
                toon_naam_en_contact=rng.random() < 0.4,
                nieuwe_activiteiten_melden=False,
                # A member since a day between 700 days ago and 10 days ago, after joining.
                aangemaakt_op=(
                    sinds := min(
                        max(
                            now - timedelta(days=rng.randint(10, 700)),
                            user.date_joined + timedelta(days=rng.randint(1, 20)),
                        ),
                        now,
                    )
                ),
                lid_sinds=sinds,
            )
            for user in leden
        ]
        + [
            Lidmaatschap(
                initiatief=initiatief,
                user=user,
                status=Lidmaatschap.Status.AANGEVRAAGD,
                aangemaakt_op=now - timedelta(days=rng.randint(1, 6)),
            )
            for user in aangevraagd
        ]
    )
    return [organisatoren[0], *leden]


def _demo_verleden(rng, activiteit, leden, now) -> int:
    """The year before the first meeting: meetings, sign-ups and attendance (ORM). Quieter in
    the summer holidays (half the activities stop for a few weeks) and no meetings between
    Christmas and New Year; fewer people come when the season is quiet (``seizoen``)."""
    eerste = activiteit.bijeenkomsten.order_by("begin").first()
    duur = eerste.einde - eerste.begin
    zomerstop = rng.random() < 0.5
    bijeenkomsten = []
    for weken in range(VERLEDEN_WEKEN, 0, -1):
        begin = weken_eerder(eerste.begin, weken)
        if begin + duur > now:
            continue
        dag = timezone.localtime(begin).date()
        reden = ""
        if (dag.month, dag.day) >= (12, 24) or (dag.month, dag.day) <= (1, 1):
            reden = "Kerstvakantie"
        elif zomerstop and (7, 20) <= (dag.month, dag.day) <= (8, 16):
            reden = "Zomerstop"
        elif weken == 3 and rng.random() < 0.5:
            reden = rng.choice(REDENEN_GEANNULEERD)
        bijeenkomsten.append(
            Bijeenkomst(
                activiteit=activiteit,
                begin=begin,
                einde=begin + duur,
                volgens_regel=begin,
                status=Bijeenkomst.Status.GEANNULEERD if reden else Bijeenkomst.Status.GEPLAND,
                reden=reden,
                herinnerd_op=None if reden else herinnerd(begin),
            )
        )
    bijeenkomsten = Bijeenkomst.objects.bulk_create(bijeenkomsten)
    if bijeenkomsten and bijeenkomsten[0].pk is None:  # databases that do not return ids
        bijeenkomsten = list(activiteit.bijeenkomsten.filter(begin__lt=eerste.begin))
    if activiteit.aanmelden_nodig:
        Aanmelding.objects.bulk_create(
            a
            for b in bijeenkomsten
            for a in aanmeldingen_voor(
                rng,
                b,
                [u.pk for u in leden if u.date_joined < b.begin],  # who had joined by then
                activiteit.capaciteit,
                now=now,
                basis=len(leden) * 3 // 4,
                drukte=seizoen(timezone.localtime(b.begin).date()),
            )
        )
    return len(bijeenkomsten)


def _demo_aanmeldingen(rng, activiteit, leden, bewoner1, spec, now) -> None:
    """Sign-ups for the next three meetings through the service (the real rules)."""
    if not activiteit.aanmelden_nodig:
        return
    komend = list(activiteit.bijeenkomsten.filter(begin__gt=now).order_by("begin")[:3])
    # Signing up needs consent (organisers see who comes); a few demo residents gave none.
    anderen = [u for u in leden if u != bewoner1 and u.profiel.heeft_toestemming]
    plaatsen = activiteit.capaciteit or len(leden)
    for keer, (bijeenkomst, deel) in enumerate(zip(komend, (0.8, 0.5, 0.3), strict=False)):
        if spec["slug"] == VOL and keer == 0:
            wie = anderen[: plaatsen + WACHTLIJST]  # full, three on the waiting list
        else:
            wie = rng.sample(anderen, min(len(anderen), int(plaatsen * deel)))
        if keer in BEWONER1_KEREN.get(spec["slug"], ()):
            wie.insert(0, bewoner1)
        for user in wie:
            services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
