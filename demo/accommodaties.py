"""Demo and scale data for shared facilities and their bookings (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set: four facilities in the demo buurten (the big hall of a community
  centre that needs approval, a clinic's exercise room shared with the neighbourhood, a pool
  that only its keepers book, the community garden's kitchen) with opening hours, closures,
  keepers and bookings. Upcoming bookings go through ``accommodaties.services`` (the real rules,
  approval and notifications; some stay "aangevraagd", so the keepers have work waiting);
  bookings in the past are inserted with the ORM, because the service refuses the past.
  ``bewoner2@demo.wijk`` keeps the hall, ``beheer@demo.wijk`` keeps all four, and
  ``bewoner1@demo.wijk`` has a few bookings, among them a weekly series. The set is there
  when any of its facilities exists (their slugs are the marker). It does not depend on
  ``--seed``: it is the same on every machine.
* With ``--scale N``: one facility per 2,000 residents (at least 3), each with bookings from two
  years back until about two months ahead, booked by the scale residents (some on behalf of an
  initiative), within opening hours and outside closures, never overlapping (buffer included:
  ``bezet_tot = einde + buffer``), in a realistic mix of states, inserted with ``bulk_create``
  in batches. Facilities that exist already keep their bookings; a larger scale adds facilities.

``plan_boekingen`` (a non-overlapping schedule) is also used by ``bench_bookings``.

E-mail: ``seed_demo`` runs the parts with the dummy e-mail backend, so the notifications of the
demo bookings land in the inboxes and no mail leaves.
"""

from __future__ import annotations

import random
import time as clock
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties import services
from accommodaties.models import Accommodatie, Openingstijd, Reservering, Sluiting
from bewoners.models import Buurt, Profiel, User

SCHAAL_PREFIX = "schaal-"
SCHAAL_SLUG = "schaal-ruimte-"
BEWONERS_PER_RUIMTE = 2000
MIN_RUIMTES = 3
JAREN_TERUG = 2
DAGEN_VOORUIT = 60
BATCH = 5000  # bookings made in Python at a time
INSERT_BATCH = 1000  # rows per INSERT statement

MARKER_SLUG = "buurthuis-de-linde-grote-zaal"
BEHEER_EMAIL = "beheer@demo.wijk"

Uren = dict[int, list[tuple[time, time]]]


def uren(**per_dag: str) -> Uren:
    """Opening hours from short text: ``uren(ma="9-12:30,19-22:30", za="10-17")``."""
    nummers = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

    def tijd(tekst: str) -> time:
        uur, _sep, minuut = tekst.partition(":")
        return time(int(uur), int(minuut or 0))

    resultaat: Uren = {}
    for dagen, perioden in per_dag.items():
        for dag in dagen.split("_"):
            resultaat[nummers[dag]] = [
                (tijd(p.split("-")[0]), tijd(p.split("-")[1])) for p in perioden.split(",")
            ]
    return resultaat


# --- texts -------------------------------------------------------------------------------------

DOELEN = {
    "zaal": [
        "Buurtvergadering",
        "Verjaardagsfeest",
        "Repetitie van het buurtkoor",
        "Cursus EHBO",
        "Bingomiddag",
        "Vergadering van de VvE",
        "Workshop schilderen",
        "Toneelrepetitie",
        "Informatieavond over zonnepanelen",
        "Taalcafé",
        "Klaverjasavond",
        "Herdenkingsbijeenkomst",
    ],
    "beweeg": [
        "Stoelyoga",
        "Zumba",
        "Pilates voor beginners",
        "Training om vallen te voorkomen",
        "Rekken en strekken",
        "Badminton",
        "Tai chi",
        "Bootcamp voor ouders",
    ],
    "zwem": [
        "Zwemles voor volwassenen",
        "Aquajoggen",
        "Zwemmen voor mensen met een beperking",
        "Watergewenning voor peuters",
        "Baantjes zwemmen met begeleiding",
    ],
    "keuken": [
        "Samen koken",
        "Eetclub",
        "Jam maken",
        "Kookles voor kinderen",
        "Soep maken voor de buurt",
        "Groente uit de tuin inmaken",
        "Brood bakken",
    ],
}
INITIATIEVEN = [
    "Repair Café Oud-Zuid",
    "Taalcafé De Brug",
    "Eetclub Samen aan Tafel",
    "Buurtkoor De Nachtegaal",
    "Stoelyoga voor 60+",
    "Moestuinclub Parkwijk",
    "Huiswerkklas Terwijde",
    "Wandelclub De Wetering",
    "Zwemles voor volwassenen",
    "Koffie-inloop De Linde",
]
REDENEN_GEWEIGERD = [
    "Op die avond is er al een vaste groep in het gebouw.",
    "Voor zoveel mensen is de ruimte te klein.",
    "Niet op tijd beoordeeld.",
    "Er is dan onderhoud aan de verwarming.",
]
REDENEN_GEANNULEERD = [
    "We hebben te weinig aanmeldingen.",
    "De docent is ziek.",
    "Het gaat een week later door.",
    "",
]

# The fixed demo set. ``soort`` picks the purposes for the bookings in the past.
DEMO_RUIMTES = [
    {
        "soort": "zaal",
        "buurt": "oud-zuid",
        "velden": {
            "naam": "Buurthuis De Linde – grote zaal",
            "slug": MARKER_SLUG,
            "adres": "Lindelaan 2, Wijkdorp",
            "beschrijving": (
                "De grote zaal van het buurthuis, met een podium, een geluidsinstallatie en "
                "een keuken ernaast. Geschikt voor vergaderingen, feesten, voorstellingen en "
                "cursussen. Er zijn 80 stoelen en 12 tafels."
            ),
            "capaciteit": 80,
            "rolstoeltoegankelijk": True,
            "ringleiding": True,
            "toegankelijk_toilet": True,
            "toegankelijkheid": (
                "De ingang aan de Lindelaan heeft geen drempels. Met de lift kom je in de "
                "grote zaal. Bij het podium is een ringleiding."
            ),
            "huisregels": (
                "Laat de zaal netjes achter: stoelen en tafels terug, de vloer geveegd.\n"
                "Na 22.00 uur geen harde muziek.\n"
                "Alcohol alleen na overleg met de beheerder.\n"
                "Haal de sleutel op bij de bar en breng hem daar ook terug."
            ),
            "prijsinformatie": (
                "€ 12,50 per uur voor bewoners. Initiatieven van de coöperatie betalen niets. "
                "Koffie en thee: € 1 per persoon."
            ),
            "goedkeuring_nodig": True,
            "buffer_minuten": 15,
            "min_duur_minuten": 60,
            "max_duur_minuten": 240,
            "vooruit_dagen": 120,
            "annuleren_uren_vooraf": 48,
            "wie_mag_boeken": "alle_bewoners",
        },
        "uren": uren(ma_di_wo_do_vr="9-12:30,19-22:30", za="10-17"),
    },
    {
        "soort": "beweeg",
        "buurt": "de-wetering",
        "velden": {
            "naam": "Beweegruimte Gezondheidscentrum",
            "slug": "beweegruimte-gezondheidscentrum",
            "adres": "Weteringpad 14, Wijkdorp",
            "beschrijving": (
                "De oefenzaal van de fysiotherapeuten in Gezondheidscentrum De Wetering. "
                "Overdag is de zaal voor patiënten. 's Avonds en op zaterdagochtend mogen "
                "bewoners hem gebruiken. Er zijn matten, ballen, elastieken en stoelen voor "
                "stoelyoga."
            ),
            "capaciteit": 15,
            "rolstoeltoegankelijk": True,
            "ringleiding": False,
            "toegankelijk_toilet": True,
            "toegankelijkheid": (
                "Alles is op de begane grond. De deur gaat vanzelf open. Het toilet bij de "
                "wachtkamer is geschikt voor een rolstoel."
            ),
            "huisregels": (
                "Draag schone sportschoenen of sokken, geen buitenschoenen.\n"
                "Leg het materiaal na afloop terug in de kast.\n"
                "De apparaten van de fysiotherapie zijn alleen voor patiënten.\n"
                "De laatste groep doet het licht uit en de deur op slot."
            ),
            "prijsinformatie": (
                "Gratis voor bewoners. Een vrijwillige bijdrage voor nieuwe matten is welkom."
            ),
            "goedkeuring_nodig": False,
            "buffer_minuten": 10,
            "min_duur_minuten": 30,
            "max_duur_minuten": 120,
            "vooruit_dagen": 60,
            "annuleren_uren_vooraf": 24,
            "wie_mag_boeken": "alle_bewoners",
        },
        "uren": uren(ma_di_wo_do="18-21:30", vr="7:30-8:45,18-20", za="9-13"),
    },
    {
        "soort": "zwem",
        "buurt": "terwijde",
        "velden": {
            "naam": "Zwembad Het Anker – instructiebad",
            "slug": "zwembad-het-anker-instructiebad",
            "adres": "Ankerkade 1, Wijkdorp",
            "beschrijving": (
                "Het ondiepe instructiebad van Zwembad Het Anker: 10 bij 8 meter, 30 graden, "
                "met een bodem die omhoog en omlaag kan. Voor zwemles, aquajoggen en zwemmen "
                "voor mensen met een beperking. Er is altijd een badmeester van het zwembad bij."
            ),
            "capaciteit": 12,
            "rolstoeltoegankelijk": True,
            "ringleiding": False,
            "toegankelijk_toilet": True,
            "toegankelijkheid": (
                "Bij het bad is een tillift. Er is een ruime kleedkamer voor mensen in een "
                "rolstoel. Een douchestoel kun je lenen bij de kassa."
            ),
            "huisregels": (
                "Eerst douchen, dan het water in.\n"
                "Kinderen onder de 12 jaar alleen met een volwassene.\n"
                "Alleen de beheerders boeken het bad. Wil je het bad gebruiken? Vraag het de "
                "beheerder."
            ),
            "prijsinformatie": (
                "€ 45 per uur, met badmeester. De coöperatie betaalt dit voor haar eigen "
                "activiteiten."
            ),
            "goedkeuring_nodig": False,
            "buffer_minuten": 15,
            "min_duur_minuten": 45,
            "max_duur_minuten": 120,
            "vooruit_dagen": 90,
            "annuleren_uren_vooraf": 72,
            "wie_mag_boeken": "beheerders",
        },
        "uren": uren(ma_wo_vr="7-9,19-21:30", za="8-12"),
    },
    {
        "soort": "keuken",
        "buurt": "parkwijk",
        "velden": {
            "naam": "Gemeenschapstuin keuken",
            "slug": "gemeenschapstuin-keuken",
            "adres": "Parklaan 40, Wijkdorp (ingang via de tuin)",
            "beschrijving": (
                "De buitenkeuken met een afdak in de gemeenschapstuin van de Parkwijk. Er is "
                "een fornuis met zes pitten, een grote oven, een koelkast en een lange tafel "
                "voor 12 mensen. Handig om samen te koken, voor een eetclub of om jam te maken "
                "van wat de tuin geeft."
            ),
            "capaciteit": 12,
            "rolstoeltoegankelijk": False,
            "ringleiding": False,
            "toegankelijk_toilet": False,
            "toegankelijkheid": (
                "Het pad naar de keuken is van grind. Bij de ingang is een drempel van 10 "
                "centimeter; er ligt een oprijplaat. Het toilet in het tuinhuis is te klein "
                "voor een rolstoel."
            ),
            "huisregels": (
                "Maak alles schoon voor je gaat: fornuis, tafel en vloer.\n"
                "Groenteafval gaat op de composthoop. Ander afval neem je mee.\n"
                "Kruiden en groente uit de tuin mag je gebruiken. Bij bakken met een "
                "naambordje vraag je het eerst.\n"
                "Om 21.00 uur is het stil in de tuin."
            ),
            "prijsinformatie": (
                "Gratis. Neem je eigen boodschappen mee. Een gift voor het gas is welkom: er "
                "staat een pot bij de deur."
            ),
            "goedkeuring_nodig": True,
            "buffer_minuten": 30,
            "min_duur_minuten": 60,
            "max_duur_minuten": 240,
            "vooruit_dagen": 60,
            "annuleren_uren_vooraf": 24,
            "wie_mag_boeken": "alle_bewoners",
        },
        "uren": uren(di_wo_do_vr_za_zo="10-14,17-21"),
    },
]

# Kinds of facility for the scale data: (soort, name pattern, fields, opening hours, how full).
SCHAAL_SOORTEN = [
    (
        "zaal",
        "Buurthuis {naam} – zaal",
        {
            "capaciteit": 60,
            "goedkeuring_nodig": True,
            "buffer_minuten": 15,
            "min_duur_minuten": 60,
            "max_duur_minuten": 240,
            "rolstoeltoegankelijk": True,
            "toegankelijk_toilet": True,
            "ringleiding": True,
            "prijsinformatie": "€ 10 per uur; initiatieven van de coöperatie gratis.",
        },
        uren(ma_di_wo_do_vr="9-12:30,13:30-17,19-22:30", za="10-17"),
        0.55,
    ),
    (
        "beweeg",
        "Gymzaal {naam}",
        {
            "capaciteit": 25,
            "goedkeuring_nodig": False,
            "buffer_minuten": 10,
            "min_duur_minuten": 30,
            "max_duur_minuten": 120,
            "rolstoeltoegankelijk": True,
            "prijsinformatie": "Gratis voor bewoners.",
        },
        uren(ma_di_wo_do_vr="18-22", za_zo="9-13"),
        0.7,
    ),
    (
        "keuken",
        "Buurtkeuken {naam}",
        {
            "capaciteit": 14,
            "goedkeuring_nodig": True,
            "buffer_minuten": 30,
            "min_duur_minuten": 60,
            "max_duur_minuten": 240,
            "toegankelijk_toilet": True,
            "prijsinformatie": "Gratis; een bijdrage voor gas en licht is welkom.",
        },
        uren(di_wo_do_vr_za="10-14,17-21", zo="12-20"),
        0.45,
    ),
    (
        "zwem",
        "Zwembad {naam} – instructiebad",
        {
            "capaciteit": 12,
            "goedkeuring_nodig": False,
            "buffer_minuten": 15,
            "min_duur_minuten": 45,
            "max_duur_minuten": 120,
            "rolstoeltoegankelijk": True,
            "toegankelijk_toilet": True,
            "wie_mag_boeken": "beheerders",
            "prijsinformatie": "€ 45 per uur, met badmeester.",
        },
        uren(ma_wo_vr="7-9,19-21:30", za="8-12"),
        0.6,
    ),
    (
        "zaal",
        "Vergaderruimte {naam}",
        {
            "capaciteit": 16,
            "goedkeuring_nodig": False,
            "buffer_minuten": 0,
            "min_duur_minuten": 30,
            "max_duur_minuten": 180,
            "rolstoeltoegankelijk": True,
            "ringleiding": True,
            "toegankelijk_toilet": True,
            "prijsinformatie": "Gratis.",
        },
        uren(ma_di_wo_do_vr="9-17,19-22"),
        0.4,
    ),
]
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


# --- the schedule ------------------------------------------------------------------------------

DUREN = (60, 60, 90, 120, 120, 180, 240)  # minutes; clipped to the facility's min and max
PAUZES = (30, 45, 60, 90, 120)  # minutes of free time between bookings


def _aware(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _kwartier(moment: datetime) -> datetime:
    """``moment`` rounded up to a quarter of an hour (local time)."""
    lokaal = timezone.localtime(moment).replace(second=0, microsecond=0)
    extra = (-lokaal.minute) % 15
    if lokaal < moment:
        extra = extra or 15
    return lokaal + timedelta(minutes=extra)


def plan_boekingen(
    rng: random.Random,
    *,
    openingstijden: Uren,
    van: date,
    tot: date,
    buffer: timedelta,
    min_duur: int,
    max_duur: int,
    drukte: float = 0.5,
    sluitingen: list[tuple[datetime, datetime]] = (),
) -> list[tuple[datetime, datetime]]:
    """Non-overlapping ``(begin, einde)`` pairs on the days ``van`` up to (not including) ``tot``.

    Each lies within one opening period of its day and outside the closures (``(van, tot)``
    pairs); each starts no earlier than the previous end plus ``buffer``, so the occupied ranges
    ``[begin, einde + buffer)`` never meet. ``drukte`` (0 to 1) is how full the days are.
    """
    duren = [min(max(d, min_duur), max_duur) for d in DUREN]
    perioden = {dag: sorted(p) for dag, p in openingstijden.items()}
    resultaat: list[tuple[datetime, datetime]] = []
    cursor: datetime | None = None
    dag = van
    while dag < tot:
        for open_van, open_tot in perioden.get(dag.weekday(), ()):
            start, sluit = _aware(dag, open_van), _aware(dag, open_tot)
            if cursor is None or cursor < start:
                cursor = start
            while True:
                if rng.random() > drukte:
                    cursor += timedelta(minutes=rng.choice(PAUZES))
                begin = _kwartier(cursor)
                einde = begin + timedelta(minutes=rng.choice(duren))
                if einde > sluit:
                    break
                dicht = next((s for s in sluitingen if s[0] < einde and s[1] > begin), None)
                if dicht is not None:
                    cursor = dicht[1]
                    continue
                resultaat.append((begin, einde))
                cursor = einde + buffer
        dag += timedelta(days=1)
    return resultaat


def overlappen(boekingen) -> list[tuple]:
    """Pairs of active bookings of one facility whose ``[begin, bezet_tot)`` meet (for checks)."""
    actief = sorted((b for b in boekingen if b.is_actief), key=lambda b: (b.begin, b.pk or 0))
    return [
        (vorige, volgende)
        for vorige, volgende in zip(actief, actief[1:], strict=False)
        if volgende.begin < vorige.bezet_tot
    ]


def _status_en_tijden(rng, *, begin: datetime, now: datetime, goedkeuring: bool) -> dict:
    """A realistic state for a booking at ``begin``, with the moments and reason that go with it.

    Past bookings are mostly confirmed, some cancelled or refused; upcoming ones are also
    requested (waiting for a keeper) where approval is needed. ``beoordeeld`` says whether a
    keeper decided on it (the caller fills in who).
    """
    S = Reservering.Status
    r = rng.random()
    if begin <= now:
        if r < 0.82:
            status = S.BEVESTIGD
        elif r < 0.94 or not goedkeuring:
            status = S.GEANNULEERD
        else:
            status = S.GEWEIGERD
    elif goedkeuring:
        if r < 0.3:
            status = S.AANGEVRAAGD
        elif r < 0.9:
            status = S.BEVESTIGD
        elif r < 0.97:
            status = S.GEANNULEERD
        else:
            status = S.GEWEIGERD
    else:
        status = S.BEVESTIGD if r < 0.92 else S.GEANNULEERD
    aangemaakt = min(begin - timedelta(hours=rng.randint(24, 24 * 40)), now)
    velden = {"status": status, "aangemaakt_op": aangemaakt}

    def later(uren_max: int) -> datetime:
        return min(aangemaakt + timedelta(minutes=rng.randint(5, 60 * uren_max)), now, begin)

    # Cancelled bookings were mostly confirmed first.
    bevestigd = status == S.BEVESTIGD or (status == S.GEANNULEERD and rng.random() < 0.7)
    if bevestigd:
        velden["bevestigd_op"] = later(48) if goedkeuring else aangemaakt
    if status == S.GEWEIGERD:
        velden["geweigerd_op"] = later(48)
        velden["reden"] = rng.choice(REDENEN_GEWEIGERD)
    if status == S.GEANNULEERD:
        velden["geannuleerd_op"] = max(later(24 * 10), velden.get("bevestigd_op", aangemaakt))
        velden["reden"] = rng.choice(REDENEN_GEANNULEERD)
    velden["beoordeeld"] = goedkeuring and (bevestigd or status == S.GEWEIGERD)
    return velden


def reserveringen_voor(
    rng,
    accommodatie,
    momenten,
    *,
    boekers: list[int],
    keepers: list[int],
    soort: str,
    now: datetime,
    namens_kans: float = 0.2,
):
    """Unsaved ``Reservering`` objects for ``momenten`` ((begin, einde) pairs)."""
    goedkeuring = accommodatie.goedkeuring_nodig
    alleen_beheerders = accommodatie.wie_mag_boeken == "beheerders"
    doelen = DOELEN[soort]
    buffer = accommodatie.buffer
    objecten = []
    for begin, einde in momenten:
        velden = _status_en_tijden(rng, begin=begin, now=now, goedkeuring=goedkeuring)
        namens = ""
        if alleen_beheerders or rng.random() < namens_kans:
            namens = rng.choice(INITIATIEVEN)
        if velden.pop("beoordeeld") and keepers:
            velden["beoordeeld_door_id"] = rng.choice(keepers)
        objecten.append(
            Reservering(
                accommodatie_id=accommodatie.pk,
                geboekt_door_id=rng.choice(keepers if alleen_beheerders and keepers else boekers),
                namens=namens,
                doel=rng.choice(doelen),
                aantal_personen=rng.randint(1, max(1, accommodatie.capaciteit * 3 // 4)),
                begin=begin,
                einde=einde,
                bezet_tot=einde + buffer,
                **velden,
            )
        )
    return objecten


def bulk_insert(objecten) -> int:
    """Insert unsaved bookings in batches (one transaction per batch); returns how many."""
    gemaakt = 0
    for start in range(0, len(objecten), BATCH):
        with transaction.atomic():
            Reservering.objects.bulk_create(
                objecten[start : start + BATCH], batch_size=INSERT_BATCH
            )
        gemaakt += len(objecten[start : start + BATCH])
    return gemaakt


# --- hook --------------------------------------------------------------------------------------


def seed(command, rng, scale):
    started = clock.monotonic()
    gemaakt = seed_fixed(command)
    if gemaakt:
        command.stdout.write(
            f"Accommodaties-demo aangemaakt in {clock.monotonic() - started:.1f} s "
            f"({gemaakt} boekingen)."
        )
    if scale:
        seed_scale(command, rng, scale)


# --- the fixed demo set ------------------------------------------------------------------------


def seed_fixed(command) -> int:
    """The readable demo set; returns the number of bookings made (0 when already there)."""
    # The marker, or any other demo facility (someone may have removed or renamed one).
    if Accommodatie.objects.filter(slug__in=[r["velden"]["slug"] for r in DEMO_RUIMTES]).exists():
        return 0
    users = {
        int(u.email.removeprefix("bewoner").split("@")[0]): u
        for u in User.objects.filter(email__regex=r"^bewoner[0-9]+@demo\.wijk$").select_related(
            "profiel"
        )
    }
    beheer = User.objects.filter(email=BEHEER_EMAIL).first()
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
            ruimte = Accommodatie(buurt=buurten.get(spec["buurt"]), **spec["velden"])
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
            van=_aware(date(jaar, 12, 24), time(0)),
            tot=_aware(date(jaar + 1, 1, 2), time(0)),
            reden="Kerstvakantie: het buurthuis is dicht",
        )
        onderhoud = today + timedelta(days=21)
        groot_onderhoud = Sluiting.objects.create(
            accommodatie=zwembad,
            van=_aware(onderhoud, time(0)),
            tot=_aware(onderhoud + timedelta(days=7), time(0)),
            reden="Groot onderhoud: het bad is leeg",
        )

        # History: the last eight weeks, inserted directly (the service refuses the past).
        boekers = [u(n).pk for n in range(1, 31) if n in users and u(n).profiel.heeft_toestemming]
        verleden = []
        for spec, ruimte in zip(DEMO_RUIMTES, ruimtes, strict=True):
            momenten = plan_boekingen(
                vaste_rng,
                openingstijden=spec["uren"],
                van=today - timedelta(days=56),
                tot=today,
                buffer=ruimte.buffer,
                min_duur=ruimte.min_duur_minuten,
                max_duur=ruimte.max_duur_minuten,
                drukte=0.35,
                sluitingen=[
                    (s.van, s.tot)
                    for s in (kerst, groot_onderhoud)
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
        # bewoner1 has been here before.
        for r in [r for r in verleden if r.accommodatie_id == zaal.pk][:2]:
            r.geboekt_door_id = u(1).pk
        Reservering.objects.bulk_create(verleden, batch_size=INSERT_BATCH)

        # Upcoming bookings through the service: the real rules, approval and notifications.
        def eerste_vrije(ruimte, *, na_dagen, weekdagen, van, minuten, aantal):
            for i in range(na_dagen, ruimte.vooruit_dagen):
                dag = today + timedelta(days=i)
                if dag.weekday() not in weekdagen:
                    continue
                begin = _aware(dag, van)
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
                doel=doel,
                namens=namens,
            )
            if dan is None:
                continue
            actie, door, reden = dan
            if actie == "goedkeuren":
                services.reservering_approve(reservering=reservering, door=door)
            elif actie == "weigeren":
                services.reservering_reject(reservering=reservering, door=door, reden=reden)
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
                doel=doel,
                namens=namens,
                interval_weken=1,
                tot_en_met=timezone.localtime(begin).date() + timedelta(weeks=weken),
                alleen_vrije=True,
            )
    return Reservering.objects.filter(accommodatie__in=ruimtes).count()


# --- scale -------------------------------------------------------------------------------------


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
    beheer = User.objects.filter(email=BEHEER_EMAIL).values_list("pk", flat=True).first()
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
