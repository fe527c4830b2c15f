"""The demo residents: buurten, names, answers to the four questions, and the known passwords.

``seed_demo`` makes ~50 residents per demo coöperatie from these (``bewoner<n>@demo.wijk`` in
the first, see ``demo.cooperaties``), the staff with ``DEMO_PASSWORD`` and the TOTP key
``DEMO_TOTP_SECRET``, and with ``--scale N`` N more. ``BUURTEN`` and ``STRATEN`` are the first
village's.
"""

DEMO_PASSWORD = "wijk-demo-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

BUURTEN = [
    ("Oud-Zuid", "oud-zuid", "3541, 3542", "Het oude dorpshart met de kerk en het buurthuis."),
    ("Parkwijk", "parkwijk", "3543", "Rond het park, veel gezinnen."),
    ("Terwijde", "terwijde", "3544", "Nieuwbouw aan het water, veel nieuwe bewoners."),
    ("De Wetering", "de-wetering", "3545, 3546AB", "Rustig, veel ouderen."),
]

VOORNAMEN = [
    "Anneke",
    "Bram",
    "Corrie",
    "Daan",
    "Emine",
    "Fatima",
    "Gerrit",
    "Hanneke",
    "Ilse",
    "Jan",
    "Karim",
    "Lotte",
    "Mohamed",
    "Nel",
    "Olga",
    "Piet",
    "Rian",
    "Sanne",
    "Tom",
    "Ursula",
    "Vera",
    "Willem",
    "Yusuf",
    "Zeynep",
    "Kees",
    "Marja",
    "Joop",
    "Agnieszka",
    "Ahmed",
    "Truus",
]
ACHTERNAMEN = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Yilmaz",
    "El Amrani",
    "Kowalski",
    "Mulder",
    "de Boer",
    "Dekker",
    "Brouwer",
    "Hendriks",
]
WIL = [
    "Nieuwe mensen in de buurt leren kennen.",
    "Meer bewegen, het liefst samen.",
    "Iets nieuws leren, bijvoorbeeld op de computer.",
    "Mijn buurt mooier en groener maken.",
    "Samen eten in plaats van alleen.",
]
KAN = [
    "Ik ben handig met gereedschap.",
    "Ik kan goed luisteren en koffie zetten.",
    "Ik heb groene vingers.",
    "Ik weet veel van computers en telefoons.",
    "Ik kook graag voor meer mensen.",
    "Ik rijd graag auto.",
]
NODIG = [
    "Af en toe iemand die meegaat naar het ziekenhuis.",
    "Hulp met mijn tuin, ik kan niet meer bukken.",
    "Iemand die me helpt met DigiD.",
    "Gezelschap, ik ben veel alleen.",
    "",
]
BIEDEN = [
    "Tijd op zaterdagochtend.",
    "Een auto en vrije ochtenden.",
    "Gereedschap om te lenen.",
    "Een uurtje per week.",
    "Mijn keuken voor een eetclub.",
]
STRATEN = [
    "Dorpsstraat",
    "Kerkweg",
    "Parklaan",
    "Waterkant",
    "Molenpad",
    "Lindelaan",
    "Schoolstraat",
]

# --- when each demo resident joined -------------------------------------------------------------

# Moved into the wijk this many days ago (``Profiel.nieuw_in_wijk_sinds``): the newcomers the
# buurtassistent welcomes, or still has to (``demo.buurtassistenten``).
NIEUW_IN_WIJK = {1: 80, 4: 5, 13: 40, 25: 60, 37: 12, 49: 25}
AL_LID = 26  # bewoner1..26 (the newcomers aside) made their account over a year ago


def dagen_lid(n: int, nieuw_in_wijk: int | None = None) -> int:
    """How many days ago demo resident ``n`` made their account.

    A newcomer in the wijk (moved in ``nieuw_in_wijk`` days ago) did so two days after moving
    in; bewoner1..26 over a year ago (13 to 23 months); bewoner27..50 in the past year, about
    two a month (bewoner27 almost a year ago, bewoner50 three days ago). So the board report
    shows new residents in every quarter.
    """
    if nieuw_in_wijk is not None:
        return max(1, nieuw_in_wijk - 2)
    if n <= AL_LID:
        return 400 + (n * 37) % 300
    return 3 + round((50 - n) * 15.2)
