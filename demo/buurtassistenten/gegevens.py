"""The demo partners and the texts of contact moments, and the shares for scale data."""

from __future__ import annotations

from buurtassistenten.models import Behoefte, Kanaal, Wijkpartner

# The buurten the buurtassistent follows (of the first village; another demo coöperatie has
# its own in their place, DemoCooperatie.slug_van).
ASSISTENT_BUURTEN = ["oud-zuid", "de-wetering"]

# Shares of the scale residents.
DEEL_CONTACT = 0.05
DEEL_DOORVERWEZEN = 0.01
DEEL_NIEUW = 0.03

# The demo residents (bewoner<n>@demo.wijk) the fixed set uses. Their buurten, as seed_demo
# makes them: Oud-Zuid 1, 5, 9, 13, 17, 21, 25, 37, 49; De Wetering 4, 8, 12, 16; Parkwijk 22.
GEBRUIKT = {1, 4, 5, 8, 9, 12, 13, 16, 17, 21, 22, 25, 37, 49}

# The intake'd resident (her name is DemoCooperatie.intake, "Truus Hoekstra" in the first):
# the marker of the fixed set. Where she lives: a buurt of the first village, a street of the
# coöperatie's ``straten`` (by index), the postcode where the buurt has none.
INTAKE_ADRES = {
    "buurt": "de-wetering",
    "straat": 4,
    "postcode": "3545",
    "telefoon": "030 234 56 78",
}

S = Wijkpartner.Soort
# naam, soort, contact, buurten (slugs; empty: all), actief
PARTNERS = [
    (
        "Huisartsenpraktijk De Linde",
        S.HUISARTS,
        "Lindelaan 4, Wijkdorp. Praktijkondersteuner: 030 123 45 67, op werkdagen 8:00-10:00.",
        ["oud-zuid", "de-wetering"],
        True,
    ),
    (
        "Wijkteam Wijkdorp",
        S.WIJKTEAM,
        "wijkteam@demo.wijk of 030 765 43 21. Inloop op dinsdag 9:00-12:00 in De Linde.",
        [],
        True,
    ),
    (
        "Welzijn Wijkdorp",
        S.WELZIJN,
        "Maatjes, steun voor mantelzorgers en hulp bij formulieren. 030 555 12 12.",
        [],
        True,
    ),
    (
        "Woonstichting Het Dorp",
        S.WONINGCORPORATIE,
        "Huurdersloket: 030 222 33 44. Voor reparaties, aanpassingen in huis en overlast.",
        ["oud-zuid", "parkwijk", "terwijde"],
        True,
    ),
    (
        "Gemeente Wijkdorp, loket Zorg en Welzijn",
        S.GEMEENTE,
        "Wmo-loket en hulp bij geldzaken. Bel 14 030 of kom langs in het gemeentehuis.",
        [],
        True,
    ),
    (
        "Maaltijdservice Aan Tafel",
        S.WELZIJN,
        "Gestopt in het voorjaar. Verwijs voor maaltijden naar Welzijn Wijkdorp.",
        ["de-wetering"],
        False,
    ),
]
BEHOEFTEN = {
    S.HUISARTS: [Behoefte.ZORG],
    S.WIJKTEAM: [Behoefte.DAGELIJKS, Behoefte.MANTELZORG, Behoefte.ZORG],
    S.WELZIJN: [Behoefte.EENZAAMHEID, Behoefte.MANTELZORG, Behoefte.DAGELIJKS],
    S.WONINGCORPORATIE: [Behoefte.WONEN],
    S.GEMEENTE: [Behoefte.GELD, Behoefte.WONEN, Behoefte.ANDERS],
}

NOTITIES = [
    "Belde over de buurtbus. Uitgelegd hoe je een rit reserveert.",
    "Even langs geweest. Gaat goed, wil meedoen met de koffieochtend.",
    "Vraagt hulp bij een formulier van de gemeente.",
    "Kennisgemaakt op het inloopspreekuur.",
    "Zoekt iemand om samen mee te wandelen.",
    "Vraag over grofvuil. Doorgegeven aan de gemeente.",
    "Wil graag helpen in de moestuin. Gegevens van de moestuinclub gegeven.",
    "Teruggebeld. De klus is gedaan, ze is tevreden.",
    "Vraagt of er vervoer is naar de markt.",
    "",
]
GEVOELIGE_NOTITIES = [
    "Maakt zich zorgen over geld. Wil hulp bij het ordenen van de post.",
    "Voelt zich vaak alleen sinds de verhuizing.",
    "Zorgt voor haar man. Is erg moe en wil af en toe rust.",
    "Ruzie met de buren over geluid.",
    "Heeft een achterstand met de huur.",
]
WELKOM_NOTITIES = [
    "Welkomstbezoek. Folder van de wijk gegeven.",
    "Welkom geheten. Is benieuwd naar de activiteiten in de buurt.",
    "Kennismaking aan de deur. Belt zelf als ze iets nodig heeft.",
]
KANALEN = [Kanaal.TELEFOON, Kanaal.TELEFOON, Kanaal.HUISBEZOEK, Kanaal.EMAIL, Kanaal.INLOOP]
