"""The demo initiatives and their weekly activities, and the kinds for scale data."""

from __future__ import annotations

from datetime import time

from initiatieven.models import Initiatief, Thema

SCHAAL_SLUG = "schaal-initiatief-"
BEWONERS_PER_INITIATIEF = 500
MIN_INITIATIEVEN = 2
JAREN_TERUG = 2
WEKEN_VOORUIT = 13  # series run until about three months ahead
VERLEDEN_WEKEN = 52  # the fixed set's history: a year

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
        "contact": "Vraag het ons na de wandeling, of meld je aan via deze pagina.",
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
