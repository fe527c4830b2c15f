"""The demo facilities: their texts, opening hours and settings, and the kinds for scale data."""

from __future__ import annotations

from datetime import time

SCHAAL_SLUG = "schaal-ruimte-"
BEWONERS_PER_RUIMTE = 2000
MIN_RUIMTES = 3
JAREN_TERUG = 2
DAGEN_VOORUIT = 60

# In the first demo coöperatie; another has it in its own village (DemoCooperatie.slug_van).
MARKER_SLUG = "buurthuis-de-linde-grote-zaal"

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
