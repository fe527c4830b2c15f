"""The fixed, readable demo set of facilities and bookings (see ``demo.accommodaties``)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties import services
from accommodaties.models import Accommodatie, Openingstijd, Reservering, Sluiting
from bewoners.models import Buurt, User
from demo.basis import INSERT_BATCH, aware, demo_bewoners, seizoen
from demo.cooperaties import BEHEER, huidige_demo

from .gegevens import DEMO_RUIMTES
from .rooster import plan_boekingen, reserveringen_voor

GESCHIEDENIS_DAGEN = 365  # the bookings of the past year


def _maanden(van: date, tot: date):
    """``(begin, end)`` of each (part of a) month from ``van`` up to ``tot``."""
    while van < tot:
        volgende = (van.replace(day=1) + timedelta(days=32)).replace(day=1)
        yield van, min(volgende, tot)
        van = volgende


def seed_fixed(command) -> int:
    """The readable demo set; returns the number of bookings made (0 when already there).

    In the current demo coöperatie's village: its place names, buurten and accounts."""
    demo = huidige_demo()
    # The marker, or any other demo facility (someone may have removed or renamed one).
    slugs = [demo.slug_van(r["velden"]["slug"]) for r in DEMO_RUIMTES]
    if Accommodatie.objects.filter(slug__in=slugs).exists():
        return 0
    users = demo_bewoners()
    beheer = User.objects.filter(email=demo.email(BEHEER)).first()
    if not users.get(1) or not users.get(2) or beheer is None:
        return 0
    buurten = {b.slug: b for b in Buurt.objects.all()}
    now = timezone.now()
    today = timezone.localdate()
    vaste_rng = random.Random("accommodaties-demo")  # the same demo set on every machine

    def u(n):
        return users[n]

    with transaction.atomic():
        ruimtes = []
        for spec in DEMO_RUIMTES:
            velden = demo.velden(spec["velden"])
            velden["slug"] = demo.slug_van(spec["velden"]["slug"])
            ruimte = Accommodatie(buurt=buurten.get(demo.slug_van(spec["buurt"])), **velden)
            ruimte.full_clean()
            ruimte.save()
            ruimte.beheerders.add(beheer)
            Openingstijd.objects.bulk_create(
                Openingstijd(accommodatie=ruimte, weekdag=dag, van=van, tot=tot)
                for dag, perioden in sorted(spec["uren"].items())
                for van, tot in perioden
            )
            ruimtes.append(ruimte)
        zaal, beweeg, zwembad, keuken = ruimtes
        zaal.beheerders.add(u(2))

        # Closures: Christmas in the community centre, maintenance of the pool.
        jaar = today.year - 1 if today < date(today.year, 1, 2) else today.year
        kerst = Sluiting.objects.create(
            accommodatie=zaal,
            van=aware(date(jaar, 12, 24), time(0)),
            tot=aware(date(jaar + 1, 1, 2), time(0)),
            reden=demo.tekst("Kerstvakantie: het buurthuis is dicht"),
        )
        # Last year's Christmas and the summer break of the community centre: the history.
        sluitingen = [
            Sluiting(
                accommodatie=zaal,
                van=aware(date(jaar - 1, 12, 24), time(0)),
                tot=aware(date(jaar, 1, 2), time(0)),
                reden=demo.tekst("Kerstvakantie: het buurthuis is dicht"),
            )
        ]
        zomer = date(today.year if today >= date(today.year, 8, 10) else today.year - 1, 7, 20)
        sluitingen.append(
            Sluiting(
                accommodatie=zaal,
                van=aware(zomer, time(0)),
                tot=aware(zomer + timedelta(days=21), time(0)),
                reden="Zomerstop: drie weken dicht",
            )
        )
        Sluiting.objects.bulk_create(sluitingen)
        onderhoud = today + timedelta(days=21)
        groot_onderhoud = Sluiting.objects.create(
            accommodatie=zwembad,
            van=aware(onderhoud, time(0)),
            tot=aware(onderhoud + timedelta(days=7), time(0)),
            reden="Groot onderhoud: het bad is leeg",
        )

        # History: the past year, month by month as busy as the season (demo.basis.seizoen),
        # inserted directly (the service refuses the past).
        boekers = [u(n).pk for n in range(1, 31) if n in users and u(n).profiel.heeft_toestemming]
        lid_sinds = {u.pk: u.date_joined for u in users.values()}
        verleden = []
        for spec, ruimte in zip(DEMO_RUIMTES, ruimtes, strict=True):
            momenten = []
            for van, tot in _maanden(today - timedelta(days=GESCHIEDENIS_DAGEN), today):
                momenten += plan_boekingen(
                    vaste_rng,
                    openingstijden=spec["uren"],
                    van=van,
                    tot=tot,
                    buffer=ruimte.buffer,
                    min_duur=ruimte.min_duur_minuten,
                    max_duur=ruimte.max_duur_minuten,
                    drukte=0.35 * seizoen(van),
                    sluitingen=[
                        (s.van, s.tot)
                        for s in (kerst, groot_onderhoud, *sluitingen)
                        if s.accommodatie_id == ruimte.pk
                    ],
                )
            keepers = [beheer.pk] + ([u(2).pk] if ruimte is zaal else [])
            verleden += reserveringen_voor(
                vaste_rng,
                ruimte,
                [m for m in momenten if m[0] < now],
                boekers=boekers,
                keepers=keepers,
                soort=spec["soort"],
                now=now,
                namens_kans=0.3,
            )
        # Booked by someone who had joined by then (else one of the first residents).
        vroeg = [pk for pk in boekers if lid_sinds[pk] < now - timedelta(days=GESCHIEDENIS_DAGEN)]
        for r in verleden:
            if r.geboekt_door_id in lid_sinds and lid_sinds[r.geboekt_door_id] > r.aangemaakt_op:
                r.geboekt_door_id = vaste_rng.choice(vroeg or boekers)
        # bewoner1 has been here before.
        for r in [r for r in verleden if r.accommodatie_id == zaal.pk][-2:]:
            r.geboekt_door_id = u(1).pk
        for r in verleden:  # on behalf of this village's initiatives
            r.namens = demo.tekst(r.namens)
        Reservering.objects.bulk_create(verleden, batch_size=INSERT_BATCH)

        # Upcoming bookings through the service: the real rules, approval and notifications.
        def eerste_vrije(ruimte, *, na_dagen, weekdagen, van, minuten, aantal):
            for i in range(na_dagen, ruimte.vooruit_dagen):
                dag = today + timedelta(days=i)
                if dag.weekday() not in weekdagen:
                    continue
                begin = aware(dag, van)
                einde = begin + timedelta(minutes=minuten)
                if not services.reservering_problemen(
                    ruimte, begin=begin, einde=einde, aantal_personen=aantal
                ):
                    return begin, einde
            raise RuntimeError(f"Geen vrije tijd gevonden in {ruimte}")

        ma, di, wo, do, vr, za, zo = range(7)
        # (facility, who, from day, weekday, time, minutes, people, purpose, on behalf of, then)
        gepland = [
            # The community centre: requests wait for bewoner2 (and the beheerder).
            (zaal, u(1), 10, za, time(13), 240, 35, "Verjaardag van mijn moeder: ze wordt 80",
             "", None),
            (zaal, u(5), 5, za, time(10), 150, 25, "Repair Café: samen spullen repareren",
             "Repair Café Oud-Zuid", ("goedkeuren", u(2), "")),
            (zaal, u(8), 3, wo, time(19, 30), 120, 40,
             "Buurtvergadering over de nieuwe speeltuin", "", None),
            (zaal, u(11), 4, vr, time(19), 210, 60, "Dansavond met dj", "Stichting Dansplezier",
             ("weigeren", u(2), "Harde muziek tot half elf kan niet: na 22.00 uur moet het "
              "stil zijn. Kies een eerdere eindtijd.")),
            (zaal, beheer, 14, di, time(19, 30), 150, 70,
             "Ledenvergadering van de wijkcoöperatie", "", None),
            (zaal, u(12), 2, do, time(10), 120, 20, "Koffieochtend voor nieuwe buren",
             "Koffie-inloop De Linde", None),
            # The exercise room books without approval.
            (beweeg, u(6), 1, za, time(9), 60, 12, "Warming-up voor de zaterdagwandeling",
             "Wandelclub De Wetering", None),
            (beweeg, u(22), 1, ma, time(19), 90, 4, "Badminton met de buren", "", None),
            (beweeg, u(14), 4, do, time(20), 60, 10, "Zumba met de buurvrouwen", "",
             ("annuleren", u(14), "We hebben te weinig mensen.")),
            # The pool: only keepers book, for the coöperatie's activities.
            (zwembad, beheer, 1, vr, time(7, 30), 60, 10, "Aquajoggen voor 65-plussers",
             "Zwemles voor volwassenen", None),
            # The garden kitchen: the beheerder approves.
            (keuken, u(1), 3, za, time(10), 180, 6, "Jam maken van de bramen uit de tuin", "",
             ("goedkeuren", beheer, "")),
            (keuken, u(4), 2, do, time(17), 240, 12, "Samen koken en eten",
             "Eetclub Samen aan Tafel", None),
            (keuken, u(9), 5, zo, time(17), 180, 10, "Kookles: de Syrische keuken", "", None),
        ]  # fmt: skip
        for ruimte, wie, na_dagen, weekdag, van, minuten, aantal, doel, namens, dan in gepland:
            begin, einde = eerste_vrije(
                ruimte, na_dagen=na_dagen, weekdagen=[weekdag], van=van, minuten=minuten,
                aantal=aantal,
            )  # fmt: skip
            reservering = services.reservering_create(
                accommodatie=ruimte,
                door=wie,
                begin=begin,
                einde=einde,
                aantal_personen=aantal,
                doel=demo.tekst(doel),
                namens=demo.tekst(namens),
            )
            if dan is None:
                continue
            actie, door, reden = dan
            if actie == "goedkeuren":
                services.reservering_approve(reservering=reservering, door=door)
            elif actie == "weigeren":
                services.reservering_reject(
                    reservering=reservering, door=door, reden=demo.tekst(reden)
                )
            else:
                services.reservering_cancel(reservering=reservering, door=door, reden=reden)

        # Weekly series: bewoner1 in the exercise room; the pool's lessons skip the maintenance
        # week (only the free dates are booked).
        for ruimte, wie, na_dagen, weekdag, van, aantal, doel, namens, weken in [
            (beweeg, u(1), 2, di, time(18, 30), 10, "Stoelyoga met buren", "Stoelyoga voor 60+", 6),
            (zwembad, beheer, 1, wo, time(19), 8, "Zwemles voor volwassenen",
             "Zwemles voor volwassenen", 7),
        ]:  # fmt: skip
            begin, einde = eerste_vrije(
                ruimte, na_dagen=na_dagen, weekdagen=[weekdag], van=van, minuten=60, aantal=aantal
            )
            services.reservering_create_series(
                accommodatie=ruimte,
                door=wie,
                begin=begin,
                einde=einde,
                aantal_personen=aantal,
                doel=demo.tekst(doel),
                namens=demo.tekst(namens),
                interval_weken=1,
                tot_en_met=timezone.localtime(begin).date() + timedelta(weeks=weken),
                alleen_vrije=True,
            )
    return Reservering.objects.filter(accommodatie__in=ruimtes).count()
