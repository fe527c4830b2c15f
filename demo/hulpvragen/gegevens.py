"""The demo texts of help requests and offers, and the time slots they use."""

from __future__ import annotations

from datetime import time

from bewoners.availability import bit

# --- texts -----------------------------------------------------------------------------------

# Per category slug: (title, description) pairs for requests, and for offers.
VRAGEN = {
    "klussen": [
        ("Lamp ophangen in de gang", "Ik heb een nieuwe lamp, maar ik kan niet meer op een trap."),
        ("Kast in elkaar zetten", "Een kast van de bouwmarkt. De handleiding snap ik niet."),
        ("Gordijnen ophangen", "De rails zit er al, de gordijnen moeten er nog aan."),
        ("Schilderij ophangen", "Twee schilderijen in de woonkamer. Ik heb zelf geen boor."),
    ],
    "tuin": [
        ("Heg snoeien", "De heg in de voortuin is te hoog geworden voor mij."),
        ("Tuin winterklaar maken", "Bladeren opruimen en de planten afdekken."),
        ("Onkruid wieden", "Tussen de tegels groeit veel onkruid. Bukken lukt me niet meer."),
    ],
    "vervoer": [
        ("Vervoer naar het ziekenhuis", "Ik moet naar een afspraak en heb geen auto."),
        ("Naar de huisarts", "Een korte rit naar de huisarts en weer terug."),
        ("Rit naar mijn zus in het verpleeghuis", "Ze woont een half uur rijden hier vandaan."),
    ],
    "boodschappen": [
        ("Boodschappen op dinsdag", "Elke week de boodschappen voor mij doen of samen gaan."),
        ("Samen naar de markt", "Ik wil graag naar de markt, maar niet alleen."),
        ("Zware boodschappen naar boven", "Water en melk zijn te zwaar voor de trap."),
    ],
    "gezelschap": [
        ("Samen een kopje koffie", "Ik ben veel alleen en vind een praatje fijn."),
        ("Wandelen in het park", "Een rondje door het park, op mijn eigen tempo."),
        ("Samen een spelletje doen", "Ik speel graag rummikub of klaverjassen."),
    ],
    "digitale-hulp": [
        ("Hulp bij DigiD", "Ik moet inloggen met DigiD en weet niet hoe dat werkt."),
        ("Foto's van mijn telefoon op de computer", "Mijn telefoon is vol met foto's."),
        ("Videobellen met mijn kleinkinderen", "Ik wil leren videobellen op de tablet."),
    ],
    "administratie": [
        ("Hulp bij de belastingaangifte", "Ik krijg er een brief over en snap hem niet."),
        ("Post op orde brengen", "Er ligt een stapel post. Samen uitzoeken wat weg kan."),
    ],
    "koken": [
        ("Samen koken", "Ik kook niet graag voor één. Samen is gezelliger."),
        ("Een warme maaltijd brengen", "Na mijn operatie kan ik een paar weken niet koken."),
    ],
    "bewegen": [
        ("Samen fietsen", "Ik wil weer fietsen, maar durf het niet alleen."),
        ("Mee naar het zwembad", "Zwemmen is goed voor mijn rug. Wie gaat mee?"),
    ],
    "huisdieren": [
        ("Hond uitlaten", "Mijn hond moet elke dag een rondje. Ik ben even slecht ter been."),
        ("Op de kat passen", "Ik ga een week weg. Wie geeft de kat eten?"),
    ],
    "taal": [
        ("Nederlands oefenen", "Ik leer Nederlands en wil graag praten met iemand."),
        ("Voorlezen aan mijn dochter", "Ik lees nog niet goed genoeg Nederlands voor."),
    ],
    "kinderen": [
        ("Huiswerkhulp rekenen", "Mijn zoon zit in groep 7 en vindt rekenen moeilijk."),
        ("Oppas op woensdagmiddag", "Twee uurtjes oppassen, de kinderen zijn 4 en 6."),
    ],
    "mantelzorg": [
        ("Even de zorg overnemen", "Ik zorg voor mijn man. Een middag vrij zou fijn zijn."),
    ],
    "reparatie": [
        ("Fiets repareren", "Mijn achterband is lek en de bel doet het niet."),
        ("Broek korter maken", "Een nieuwe broek is te lang. Ik heb geen naaimachine."),
    ],
}
AANBIEDINGEN = {
    "klussen": ("Kleine klussen in huis", "Ik ben handig en heb gereedschap. Lampen, kastjes."),
    "tuin": ("Hulp in de tuin", "Ik heb groene vingers en help graag met snoeien en wieden."),
    "vervoer": ("Ik rijd je naar het ziekenhuis", "Ik heb een auto en tijd overdag."),
    "boodschappen": ("Boodschappen doen", "Ik ga toch naar de supermarkt, dus ik neem wat mee."),
    "gezelschap": ("Een kopje koffie en een praatje", "Ik kom graag langs voor gezelschap."),
    "digitale-hulp": ("Hulp met telefoon en computer", "DigiD, e-mail, foto's: ik help je."),
    "administratie": ("Hulp bij post en formulieren", "Ik werkte bij een bank. Ik help graag."),
    "koken": ("Samen koken of een maaltijd", "Ik kook vaak te veel. Eet gezellig mee."),
    "bewegen": ("Samen wandelen of fietsen", "Ik beweeg graag en liever niet alleen."),
    "huisdieren": ("Hond uitlaten", "Ik hou van dieren en loop graag een rondje."),
    "taal": ("Nederlands oefenen", "Ik ben juf geweest. Praten en lezen oefenen kan bij mij."),
    "kinderen": ("Oppassen en huiswerkhulp", "Ik studeer voor leraar en help kinderen graag."),
    "mantelzorg": ("Even de zorg overnemen", "Ik neem de zorg een middag over, zodat jij rust."),
    "reparatie": ("Fietsen en kleding repareren", "Ik heb een naaimachine en fietsgereedschap."),
}
BEDANKJES = [
    "Dank je wel, wat fijn dat je er was!",
    "Heel erg bedankt. Het ziet er prachtig uit.",
    "Dankjewel voor je hulp en het gezellige praatje.",
    "Super geholpen, tot de volgende keer!",
    "Fijn dat het zo snel kon. Bedankt!",
    "",
]
REDENEN_NEE = [
    "Ik ben die dag op vakantie.",
    "Het lukt me deze week niet.",
    "Dit kan ik helaas niet goed.",
    "",
]

TIJDVAKKEN = [
    (time(9, 0), time(11, 0)),
    (time(10, 0), time(12, 0)),
    (time(13, 0), time(15, 0)),
    (time(14, 0), time(16, 30)),
    (time(19, 0), time(21, 0)),
]

# The fixed demo set is there once this request of bewoner1 (of the coöperatie) exists.
MARKER_TITEL = "Vervoer naar het ziekenhuis"
MARKER_BEWONER = 1


def mask(dagen, delen) -> int:
    return sum(bit(d, p) for d in dagen for p in delen)
