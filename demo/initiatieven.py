"""Demo and scale data for initiatives, their activities and sign-ups (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set: twelve initiatives run by demo residents (a walking group, a
  cycling club, chair yoga, swimming for seniors, marathon training for children, lessons of
  the neighbourhood academy, a repair café, an eetclub, a vegetable garden, the coffee morning
  "Ontmoeten", a digital help hour and a language café), each with organisers, members and a
  weekly activity until about three months ahead, made with ``services.activiteit_create``
  (the real recurrence). Upcoming sign-ups go through ``services.aanmelding_create`` (the real rules:
  the next chair-yoga meeting is full and has a waiting list); the eight weeks before, with
  sign-ups and attendance, are inserted with the ORM, because the services refuse the past.
  ``bewoner1@demo.wijk`` organises the walking group and is a member of the repair café and
  the eetclub. The set is there when any of its initiatives exists (their slugs are the
  marker). It does not depend on ``--seed``: it is the same on every machine.
* With ``--scale N``: one initiative per 500 residents (at least 2), with members and
  organisers among the scale residents, one or two weekly activities each, meetings from two
  years back until about three months ahead, and sign-ups (waiting lists when full, some
  cancelled) with attendance for the past, all inserted with ``bulk_create``. The number of
  people signed up never exceeds an activity's places. Initiatives that exist already keep
  their data; a larger scale adds initiatives.

E-mail: ``seed_demo`` runs the parts with the dummy e-mail backend. On top of that the fixed
set's "new activity" notices find nobody (members get that choice switched on only after
the commit, when those notices have run), and the meldingen of the sign-ups are marked as
not to be e-mailed before they are committed, so a Celery worker with a real mail server
sends nothing either. The scale data makes no meldingen.
"""

from __future__ import annotations

import random
import time as clock
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties.models import Accommodatie
from bewoners.models import Buurt, User
from initiatieven import services
from initiatieven.models import (
    Aanmelding,
    Activiteit,
    Bijeenkomst,
    Initiatief,
    Lidmaatschap,
    Thema,
)
from meldingen.models import Melding

SCHAAL_PREFIX = "schaal-"
SCHAAL_SLUG = "schaal-initiatief-"
BEWONERS_PER_INITIATIEF = 500
MIN_INITIATIEVEN = 2
JAREN_TERUG = 2
WEKEN_VOORUIT = 13  # series run until about three months ahead
VERLEDEN_WEKEN = 8  # the fixed set's history
BATCH = 5000  # sign-ups made in Python at a time
INSERT_BATCH = 1000  # rows per INSERT statement

BEWONER1 = "bewoner1@demo.wijk"
MA, DI, WO, DO, VR, ZA, ZO = range(7)

# --- the fixed demo set ------------------------------------------------------------------------

# organisatoren/leden: numbers of the demo residents (bewoner<n>@demo.wijk); ``leden`` adds that
# many more members drawn from the other residents. ``ruimte``: slug of a demo facility (its
# regular place, when accommodaties made its demo set).
DEMO_INITIATIEVEN = [
    {
        "slug": "wandelclub-de-wetering",
        "naam": "Wandelclub De Wetering",
        "thema": Thema.BEWEGEN,
        "buurten": ["de-wetering", "oud-zuid"],
        "beschrijving": (
            "Elke zaterdag wandelen we samen een uur door de wijk en langs het water. "
            "Iedereen loopt in zijn eigen tempo. Na afloop drinken we koffie."
        ),
        "contact": "Vraag het ons na de wandeling, of stuur een bericht via deze website.",
        "adres": "Start bij de brug over de Wetering",
        "organisatoren": [1],
        "leden": 14,
        "activiteiten": [
            ("Zaterdagwandeling", "Rustig tempo, ongeveer 5 kilometer.", ZA, time(10), 75, None),
        ],
    },
    {
        "slug": "fietsclub-de-trapper",
        "naam": "Fietsclub De Trapper",
        "thema": Thema.BEWEGEN,
        "buurten": ["terwijde", "parkwijk"],
        "aanmelden": Initiatief.Aanmelden.GOEDKEURING,
        "beschrijving": (
            "Op zondag fietsen we 40 tot 60 kilometer door de polder. Met een pauze halverwege. "
            "Een gewone fiets is genoeg. Nieuwe leden fietsen eerst een keer mee."
        ),
        "adres": "Verzamelen bij het winkelcentrum Terwijde",
        "organisatoren": [3, 16],
        "leden": 12,
        "aangevraagd": 2,
        "activiteiten": [
            ("Zondagtocht", "Neem water en een regenjas mee.", ZO, time(9, 30), 180, 15),
        ],
    },
    {
        "slug": "stoelyoga-voor-60-plus",
        "naam": "Stoelyoga voor 60+",
        "thema": Thema.BEWEGEN,
        "buurten": ["de-wetering"],
        "ruimte": "beweegruimte-gezondheidscentrum",
        "beschrijving": (
            "Yoga op een stoel: goed voor je balans, je rug en je adem. Je hoeft niet op de "
            "grond te gaan zitten. Een fysiotherapeut uit de buurt geeft de les."
        ),
        "organisatoren": [4],
        "leden": 18,
        "activiteiten": [
            ("Stoelyoga", "Draag makkelijke kleren.", WO, time(18), 60, 10),
        ],
    },
    {
        "slug": "zwemmen-voor-senioren",
        "naam": "Zwemmen voor senioren",
        "thema": Thema.BEWEGEN,
        "buurten": ["terwijde", "de-wetering"],
        "ruimte": "zwembad-het-anker-instructiebad",
        "beschrijving": (
            "Baantjes zwemmen en aquajoggen in warm water, met een badmeester erbij. "
            "Voor iedereen vanaf 65 jaar, ook als je lang niet gezwommen hebt."
        ),
        "organisatoren": [5],
        "leden": 9,
        "activiteiten": [
            ("Ochtendzwemmen", "Het bad is 30 graden.", MA, time(7, 30), 60, 10),
        ],
    },
    {
        "slug": "kinderen-lopen-de-marathon",
        "naam": "Kinderen lopen de marathon",
        "thema": Thema.KINDEREN,
        "buurten": ["parkwijk", "terwijde"],
        "beschrijving": (
            "Kinderen van 8 tot 12 jaar trainen samen voor de kidsrun van de stadsmarathon: "
            "een stukje van 4,2 kilometer. Ouders lopen mee of moedigen aan."
        ),
        "adres": "Atletiekbaan Sportpark Parkwijk",
        "organisatoren": [6, 18],
        "leden": 20,
        "activiteiten": [
            ("Looptraining", "Neem sportschoenen en een flesje water mee.", WO, time(16), 60, 25),
        ],
    },
    {
        "slug": "buurtacademie",
        "naam": "Buurtacademie",
        "thema": Thema.LEREN,
        "buurten": ["oud-zuid", "parkwijk", "terwijde", "de-wetering"],
        "ruimte": "buurthuis-de-linde-grote-zaal",
        "beschrijving": (
            "Buren leren buren iets. Elke donderdagavond geeft iemand uit de wijk een les: over "
            "de geschiedenis van het dorp, vogels in het park, je belastingaangifte of koken "
            "uit Syrië."
        ),
        "organisatoren": [7],
        "leden": 16,
        "activiteiten": [
            ("Les van de Buurtacademie", "Elke week een ander onderwerp.", DO, time(19, 30),
             90, 30),
        ],
    },
    {
        "slug": "repair-cafe-oud-zuid",
        "naam": "Repair Café Oud-Zuid",
        "thema": Thema.ONTMOETEN,
        "buurten": ["oud-zuid"],
        "ruimte": "buurthuis-de-linde-grote-zaal",
        "beschrijving": (
            "Kapotte lamp, broek of koffiezetapparaat? Samen met handige buren maak je het "
            "weer heel. Gratis; een gift voor de koffiepot is welkom."
        ),
        "contact": "repaircafe@demo.wijk",
        "organisatoren": [8],
        "leden": 8,
        "met_bewoner1": True,
        "activiteiten": [
            ("Repair Café", "Neem je kapotte spullen mee.", ZA, time(13), 180, 20),
        ],
    },
    {
        "slug": "eetclub-samen-aan-tafel",
        "naam": "Eetclub Samen aan Tafel",
        "thema": Thema.ETEN,
        "buurten": ["parkwijk"],
        "ruimte": "gemeenschapstuin-keuken",
        "beschrijving": (
            "Elke vrijdag koken we met een paar buren voor de groep. Daarna eten we samen aan "
            "de lange tafel in de tuin. Een maaltijd kost 4 euro."
        ),
        "organisatoren": [9],
        "leden": 13,
        "met_bewoner1": True,
        "activiteiten": [
            ("Samen eten", "Zeg het ons als je iets niet mag eten.", VR, time(17, 30), 150, 12),
        ],
    },
    {
        "slug": "moestuinclub-parkwijk",
        "naam": "Moestuinclub Parkwijk",
        "thema": Thema.NATUUR,
        "buurten": ["parkwijk"],
        "beschrijving": (
            "Samen zaaien, wieden en oogsten in de moestuin achter de Parklaan. Wat we oogsten "
            "delen we. Geen ervaring nodig, wel zin om vies te worden."
        ),
        "adres": "Moestuin achter de Parklaan",
        "organisatoren": [10],
        "leden": 11,
        "activiteiten": [
            ("Tuinochtend", "Aanmelden is niet nodig. Kom gerust langs.", ZA, time(10), 120,
             "vrij"),
        ],
    },
    {
        "slug": "ontmoeten-koffieochtend",
        "naam": "Ontmoeten: koffieochtend in De Linde",
        "thema": Thema.ONTMOETEN,
        "buurten": ["oud-zuid", "de-wetering"],
        "beschrijving": (
            "Elke maandagochtend staat de koffie klaar. Kom een praatje maken met je buren. "
            "Je kunt ook alleen even binnenlopen."
        ),
        "adres": "Buurthuis De Linde, de bar, Lindelaan 2",
        "organisatoren": [11],
        "leden": 15,
        "activiteiten": [
            ("Koffieochtend", "Aanmelden is niet nodig.", MA, time(10), 120, "vrij"),
        ],
    },
    {
        "slug": "digitaal-spreekuur",
        "naam": "Digitaal spreekuur",
        "thema": Thema.ZORG,
        "buurten": ["oud-zuid", "parkwijk", "terwijde", "de-wetering"],
        "beschrijving": (
            "Hulp met je telefoon, tablet of computer. Met DigiD, de app van de bank of een "
            "afspraak maken bij de huisarts. Een vrijwilliger helpt je een half uur."
        ),
        "adres": "Bibliotheek Wijkdorp, leeszaal",
        "organisatoren": [12],
        "leden": 6,
        "activiteiten": [
            ("Digitaal spreekuur", "Neem je telefoon of laptop mee.", DO, time(14), 60, 6),
        ],
    },
    {
        "slug": "taalcafe-de-brug",
        "naam": "Taalcafé De Brug",
        "thema": Thema.LEREN,
        "buurten": ["terwijde", "parkwijk"],
        "beschrijving": (
            "Nederlands oefenen door te praten, aan tafels van vier. Elke week een ander "
            "onderwerp: de markt, de dokter, je werk. Voor nieuwe buren en voor taalmaatjes."
        ),
        "adres": "Wijkcentrum Terwijde, zaal 2",
        "organisatoren": [13, 20],
        "leden": 14,
        "activiteiten": [
            ("Taalcafé", "Alle niveaus zijn welkom.", DI, time(19, 30), 90, 16),
        ],
    },
]  # fmt: skip
MARKER_SLUGS = [spec["slug"] for spec in DEMO_INITIATIEVEN]
VOL = "stoelyoga-voor-60-plus"  # its next meeting is full, with a waiting list
WACHTLIJST = 3
# Which of the next three meetings bewoner1 signed up for.
BEWONER1_KEREN = {
    "wandelclub-de-wetering": (0, 1),
    "repair-cafe-oud-zuid": (0,),
    "eetclub-samen-aan-tafel": (0, 2),
}
REDENEN_GEANNULEERD = [
    "Te weinig aanmeldingen.",
    "Het weer is te slecht.",
    "De ruimte is deze keer niet beschikbaar.",
    "Feestdag.",
]


def _aware(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _weken_eerder(moment: datetime, weken: int) -> datetime:
    """The same local wall-clock time ``weken`` weeks earlier (also across daylight saving)."""
    lokaal = timezone.localtime(moment).replace(tzinfo=None) - timedelta(weeks=weken)
    return timezone.make_aware(lokaal)


def _volgende(na: date, weekdag: int, tijd: time) -> datetime:
    """The first ``weekdag`` after ``na``, at ``tijd`` (local)."""
    dag = na + timedelta(days=1)
    dag += timedelta(days=(weekdag - dag.weekday()) % 7)
    return _aware(dag, tijd)


def _herinnerd(begin: datetime) -> datetime:
    """When the reminder of a past meeting went out: 18:00 the evening before."""
    return _aware(timezone.localtime(begin).date() - timedelta(days=1), time(18))


def _aanwezig(rng: random.Random) -> bool | None:
    r = rng.random()
    return True if r < 0.85 else False if r < 0.95 else None


# --- hook --------------------------------------------------------------------------------------


def seed(command, rng, scale):
    started = clock.monotonic()
    gemaakt = seed_fixed(command)
    if gemaakt:
        command.stdout.write(
            f"Initiatieven-demo aangemaakt in {clock.monotonic() - started:.1f} s "
            f"({gemaakt} bijeenkomsten)."
        )
    if scale:
        seed_scale(command, rng, scale)


def seed_fixed(command) -> int:
    """The readable demo set; returns the number of meetings made (0 when already there)."""
    if Initiatief.objects.filter(slug__in=MARKER_SLUGS).exists():
        return 0
    users = {
        int(u.email.removeprefix("bewoner").split("@")[0]): u
        for u in User.objects.filter(email__regex=r"^bewoner[0-9]+@demo\.wijk$", is_active=True)
    }
    if not users.get(1) or len(users) < 30:
        return 0
    bewoner1 = users[1]
    buurten = {b.slug: b for b in Buurt.objects.all()}
    ruimtes = {
        a.slug: a
        for a in Accommodatie.objects.filter(
            slug__in=[s["ruimte"] for s in DEMO_INITIATIEVEN if s.get("ruimte")]
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
            ruimte = ruimtes.get(spec.get("ruimte"))
            initiatief = services.initiatief_create(
                door=organisatoren[0],
                naam=spec["naam"],
                slug=spec["slug"],
                beschrijving=spec["beschrijving"],
                thema=spec["thema"],
                aanmelden=spec.get("aanmelden", Initiatief.Aanmelden.OPEN),
                contact=spec.get("contact", ""),
                accommodatie=ruimte,
                adres=spec.get("adres", "") if ruimte is None else "",
                buurten=[buurten[b] for b in spec["buurten"] if b in buurten],
            )
            # Activities first, while the first organiser is the only member; the notice of a
            # new activity reads the members at commit, and none of them wants it by then
            # (see _demo_leden). So it tells nobody: no mail while seeding.
            activiteiten = []
            for titel, tekst, weekdag, tijd, minuten, plaatsen in spec["activiteiten"]:
                begin = _volgende(today, weekdag, tijd)
                activiteiten.append(
                    services.activiteit_create(
                        initiatief=initiatief,
                        door=organisatoren[0],
                        titel=titel,
                        beschrijving=tekst,
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
                aangemaakt_op=(sinds := now - timedelta(days=rng.randint(10, 700))),
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
    """The eight weeks before the first meeting: meetings, sign-ups and attendance (ORM)."""
    eerste = activiteit.bijeenkomsten.order_by("begin").first()
    duur = eerste.einde - eerste.begin
    bijeenkomsten = []
    for weken in range(VERLEDEN_WEKEN, 0, -1):
        begin = _weken_eerder(eerste.begin, weken)
        if begin + duur > now:
            continue
        geannuleerd = weken == 3 and rng.random() < 0.5
        bijeenkomsten.append(
            Bijeenkomst(
                activiteit=activiteit,
                begin=begin,
                einde=begin + duur,
                volgens_regel=begin,
                status=Bijeenkomst.Status.GEANNULEERD
                if geannuleerd
                else Bijeenkomst.Status.GEPLAND,
                reden=rng.choice(REDENEN_GEANNULEERD) if geannuleerd else "",
                herinnerd_op=None if geannuleerd else _herinnerd(begin),
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
                [u.pk for u in leden],
                activiteit.capaciteit,
                now=now,
                basis=len(leden) * 3 // 4,
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


def aanmeldingen_voor(
    rng: random.Random,
    bijeenkomst: Bijeenkomst,
    leden: list[int],
    capaciteit: int | None,
    *,
    now: datetime,
    basis: int | None = None,
) -> list[Aanmelding]:
    """Unsaved sign-ups for one meeting: never more signed up than ``capaciteit``.

    In the past most came (``aanwezig``); the closer a meeting, the fuller. Who signs up first
    gets a place; the rest of a full meeting waits on the waiting list. A few cancelled.
    """
    if bijeenkomst.begin <= now:
        vraag = rng.uniform(0.5, 1.15)
    else:
        weken = (bijeenkomst.begin - now).days / 7
        vraag = max(0.0, rng.uniform(0.4, 1.15) - 0.08 * weken)
    gewenst = round((capaciteit or basis or 12) * vraag)
    afgezegd = rng.randint(0, 2) if gewenst else 0
    wie = rng.sample(leden, min(len(leden), gewenst + afgezegd))
    afgezegd = wie[gewenst:]
    wie = wie[:gewenst]
    momenten = sorted(
        min(bijeenkomst.begin - timedelta(minutes=rng.randint(30, 14 * 24 * 60)), now) for _ in wie
    )
    voorbij = bijeenkomst.begin <= now and not bijeenkomst.is_geannuleerd
    S = Aanmelding.Status
    resultaat = []
    for plek, (user_id, moment) in enumerate(zip(wie, momenten, strict=True)):
        aangemeld = capaciteit is None or plek < capaciteit
        resultaat.append(
            Aanmelding(
                bijeenkomst_id=bijeenkomst.pk,
                user_id=user_id,
                status=S.AANGEMELD if aangemeld else S.WACHTLIJST,
                aangemeld_op=moment,
                aanwezig=_aanwezig(rng) if aangemeld and voorbij else None,
            )
        )
    resultaat += [
        Aanmelding(
            bijeenkomst_id=bijeenkomst.pk,
            user_id=user_id,
            status=S.AFGEMELD,
            aangemeld_op=min(bijeenkomst.begin - timedelta(days=rng.randint(1, 10)), now),
        )
        for user_id in afgezegd
    ]
    return resultaat


# --- scale -------------------------------------------------------------------------------------

# (thema, name pattern, description, [(title, weekday, time, minutes, places or None/"vrij")])
SCHAAL_SOORTEN = [
    (Thema.BEWEGEN, "Wandelgroep {naam}", "Samen wandelen door de wijk.",
     [("Wandelen", ZA, time(10), 75, None), ("Avondwandeling", DI, time(19), 60, None)]),
    (Thema.BEWEGEN, "Fietsclub {naam}", "Op zondag samen een tocht fietsen.",
     [("Zondagtocht", ZO, time(9, 30), 180, 15)]),
    (Thema.BEWEGEN, "Stoelyoga {naam}", "Yoga op een stoel, voor iedereen.",
     [("Stoelyoga", DI, time(10), 60, 12), ("Stoelyoga", DO, time(10), 60, 12)]),
    (Thema.ETEN, "Eetclub {naam}", "Samen koken en eten.",
     [("Samen eten", VR, time(17, 30), 150, 14)]),
    (Thema.LEREN, "Buurtacademie {naam}", "Buren leren buren iets.",
     [("Les", DO, time(19, 30), 90, 20)]),
    (Thema.ONTMOETEN, "Koffieochtend {naam}", "Elke week koffie en een praatje.",
     [("Koffieochtend", MA, time(10), 120, "vrij")]),
    (Thema.ZORG, "Digitaal spreekuur {naam}", "Hulp met je telefoon of computer.",
     [("Spreekuur", WO, time(14), 60, 6)]),
    (Thema.KINDEREN, "Kinderatletiek {naam}", "Hardlopen en springen voor kinderen.",
     [("Training", WO, time(16), 60, 25)]),
    (Thema.NATUUR, "Moestuin {naam}", "Samen tuinieren en oogsten.",
     [("Tuinochtend", ZA, time(10), 120, "vrij")]),
    (Thema.LEREN, "Taalcafé {naam}", "Nederlands oefenen door te praten.",
     [("Taalcafé", DI, time(19, 30), 90, 16)]),
]  # fmt: skip
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
        User.objects.filter(email__startswith=SCHAAL_PREFIX, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
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
                    begin=_volgende(eerste_dag, weekdag, tijd),
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
                herinnerd_op=_herinnerd(b) if b <= now and not geannuleerd else None,
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
