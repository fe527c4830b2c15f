"""A readable overview of everything Wijk keeps about a person (HTML page and PDF).

Built from the data export itself (``privacy.export_user_data``), never from its own queries, so
the overview and the JSON file cannot drift apart: every value of the export shows up here,
grouped per subject, with Dutch labels and local dates and times (``wijk.lib.datums``). A key
this module has no label or subject for still shows, under "Overige gegevens", with its own
name: a new field in an app's export appears without a change here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijk.lib.datums import dag, dag_tijd

__all__ = ["Deel", "Item", "Lijst", "Onderwerp", "Regel", "maak_overzicht", "waarde_tekst"]


@dataclass
class Regel:
    label: str
    waarde: str


@dataclass
class Item:
    """One record: a help request, a booking, a notification..."""

    titel: str
    regels: list[Regel]


@dataclass
class Lijst:
    titel: str
    items: list[Item]


@dataclass
class Onderwerp:
    sleutel: str  # for the anchor on the page
    titel: str
    uitleg: str
    regels: list[Regel] = field(default_factory=list)
    lijsten: list[Lijst] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return not self.regels and not any(lijst.items for lijst in self.lijsten)


@dataclass
class Deel:
    """The data of one coöperatie."""

    titel: str
    onderwerpen: list[Onderwerp]


# (key, title, explanation, the export's (section, key) pairs in it)
ONDERWERPEN = [
    (
        "account",
        gettext_lazy("Je account"),
        gettext_lazy("Hoe je inlogt: je e-mailadres, de tweede stap en waar je bent ingelogd."),
        [("bewoners", "account")],
    ),
    (
        "profiel",
        gettext_lazy("Je profiel"),
        gettext_lazy("Wat je over jezelf vertelde en wanneer je toestemming gaf."),
        [("bewoners", "profiel")],
    ),
    (
        "hulpvragen",
        gettext_lazy("Je hulpvragen"),
        gettext_lazy("De hulp die je vroeg."),
        [("hulpvragen", "hulpvragen")],
    ),
    (
        "aanbod",
        gettext_lazy("Je hulpaanbod"),
        gettext_lazy("De hulp die je aanbiedt."),
        [("hulpvragen", "aanbod")],
    ),
    (
        "matches",
        gettext_lazy("Je matches"),
        gettext_lazy("Wie jou hielp en wie jij hielp."),
        [("hulpvragen", "matches")],
    ),
    (
        "reserveringen",
        gettext_lazy("Ruimtes"),
        gettext_lazy("Je reserveringen van ruimtes en de ruimtes die je beheert."),
        [
            ("accommodaties", "reserveringen"),
            ("accommodaties", "beheerder_van"),
            ("accommodaties", "agenda_link_gemaakt_op"),
        ],
    ),
    (
        "initiatieven",
        gettext_lazy("Initiatieven"),
        gettext_lazy("Waar je aan meedoet, wat je organiseert en waarvoor je je aanmeldde."),
        [
            ("initiatieven", "lidmaatschappen"),
            ("initiatieven", "organisator_van"),
            ("initiatieven", "activiteiten_aangemaakt"),
            ("initiatieven", "aanmeldingen"),
        ],
    ),
    (
        "meldingen",
        gettext_lazy("Meldingen"),
        gettext_lazy("De berichten die Wijk je stuurde en hoe je ze wilt krijgen."),
        [
            ("meldingen", "meldingen"),
            ("meldingen", "voorkeuren"),
            ("meldingen", "dagelijkse_samenvatting"),
        ],
    ),
    (
        "buurtassistent",
        gettext_lazy("Contact met de buurtassistent"),
        gettext_lazy(
            "Wat de buurtassistent over je opschreef en voor je deed. Wie een gevoelige notitie "
            "schreef, noemen we niet bij naam."
        ),
        [
            ("buurtassistenten", "intake"),
            ("buurtassistenten", "contactmomenten"),
            ("buurtassistenten", "vervolgafspraken"),
            ("buurtassistenten", "doorverwijzingen"),
            ("buurtassistenten", "namens"),
        ],
    ),
    (
        "inzages",
        gettext_lazy("Wie je gegevens bekeek"),
        gettext_lazy(
            "Elke keer dat een buurtassistent je privégegevens opende: wie, wat en wanneer."
        ),
        [("buurtassistenten", "inzages")],
    ),
    (
        "als_buurtassistent",
        gettext_lazy("Je werk als buurtassistent"),
        gettext_lazy("Wat je als buurtassistent deed, geteld. De gegevens zelf zijn van anderen."),
        [("buurtassistenten", "als_buurtassistent")],
    ),
]

# Subjects left out when everything in them is empty or zero (a resident did no assistant work).
ALLEEN_ALS_ER_IETS_IS = {"als_buurtassistent"}


def _heeft_iets(waarde: Any) -> bool:
    if isinstance(waarde, dict):
        return any(_heeft_iets(v) for v in waarde.values())
    if isinstance(waarde, list):
        return bool(waarde)
    return bool(waarde)


# Labels for the export's keys; a key not here shows as itself ("lid_sinds": "Lid sinds").
LABELS = {
    "account": gettext_lazy("Account"),
    "e-mailadres": gettext_lazy("E-mailadres"),
    "e-mailadressen": gettext_lazy("E-mailadressen"),
    "adres": gettext_lazy("Adres"),
    "bevestigd": gettext_lazy("Bevestigd"),
    "primair": gettext_lazy("Hoofdadres"),
    "voornaam": gettext_lazy("Voornaam"),
    "achternaam": gettext_lazy("Achternaam"),
    "taal": gettext_lazy("Taal van de website"),
    "lid_sinds": gettext_lazy("Lid sinds"),
    "laatst_ingelogd": gettext_lazy("Laatst ingelogd"),
    "tweede_stap": gettext_lazy("Tweede stap bij inloggen"),
    "sessies": gettext_lazy("Waar je bent ingelogd"),
    "begonnen": gettext_lazy("Begonnen"),
    "laatst_gezien": gettext_lazy("Laatst gezien"),
    "ip": gettext_lazy("IP-adres"),
    "browser": gettext_lazy("Browser"),
    "buurt": gettext_lazy("Buurt"),
    "wat_wil_je": gettext_lazy("Wat wil je?"),
    "wat_kun_je": gettext_lazy("Wat kun je?"),
    "wat_kun_je_onderwerpen": gettext_lazy("Waar kun je mee helpen?"),
    "wat_heb_je_nodig": gettext_lazy("Wat heb je nodig?"),
    "wat_heb_je_nodig_onderwerpen": gettext_lazy("Waar heb je hulp bij nodig?"),
    "wat_heb_je_te_bieden": gettext_lazy("Wat heb je te bieden?"),
    "postcode": gettext_lazy("Postcode"),
    "woonplaats": gettext_lazy("Woonplaats"),
    "telefoon": gettext_lazy("Telefoon"),
    "beschikbaarheid": gettext_lazy("Meestal beschikbaar"),
    "talen": gettext_lazy("Talen"),
    "heeft_auto": gettext_lazy("Auto"),
    "heeft_fiets": gettext_lazy("Fiets"),
    "nieuw_in_wijk_sinds": gettext_lazy("Nieuw in de wijk sinds"),
    "toestemming_op": gettext_lazy("Toestemming gegeven op"),
    "toestemming_ingetrokken_op": gettext_lazy("Toestemming ingetrokken op"),
    "aangemaakt_op": gettext_lazy("Gemaakt op"),
    "rollen": gettext_lazy("Rollen"),
    "titel": gettext_lazy("Titel"),
    "categorie": gettext_lazy("Soort hulp"),
    "beschrijving": gettext_lazy("Beschrijving"),
    "prive_details": gettext_lazy("Privé-details"),
    "wanneer": gettext_lazy("Wanneer"),
    "datum": gettext_lazy("Datum"),
    "tijd_van": gettext_lazy("Van"),
    "tijd_tot": gettext_lazy("Tot"),
    "uiterlijk": gettext_lazy("Uiterlijk"),
    "herhalen_tot": gettext_lazy("Herhalen tot"),
    "urgentie": gettext_lazy("Hoe dringend"),
    "status": gettext_lazy("Stand"),
    "geplaatst_op": gettext_lazy("Geplaatst op"),
    "ingevoerd_door_buurtassistent": gettext_lazy("Ingevuld door de buurtassistent"),
    "onderwerpen": gettext_lazy("Onderwerpen"),
    "bereik": gettext_lazy("Bereik"),
    "actief": gettext_lazy("Actief"),
    "max_per_week": gettext_lazy("Hoe vaak per week"),
    "hulpvraag": gettext_lazy("Hulpvraag"),
    "rol": gettext_lazy("Jouw rol"),
    "waarom": gettext_lazy("Waarom deze match"),
    "voorgesteld_op": gettext_lazy("Voorgesteld op"),
    "geaccepteerd_op": gettext_lazy("Geaccepteerd op"),
    "afgerond_op": gettext_lazy("Afgerond op"),
    "uren": gettext_lazy("Uren"),
    "bedankje": gettext_lazy("Bedankje"),
    "reden": gettext_lazy("Reden"),
    "reserveringen": gettext_lazy("Reserveringen"),
    "accommodatie": gettext_lazy("Ruimte"),
    "begin": gettext_lazy("Begin"),
    "einde": gettext_lazy("Einde"),
    "aantal_personen": gettext_lazy("Aantal personen"),
    "doel": gettext_lazy("Waarvoor"),
    "namens": gettext_lazy("Namens"),
    "aangevraagd_op": gettext_lazy("Aangevraagd op"),
    "beheerder_van": gettext_lazy("Je beheert"),
    "agenda_link_gemaakt_op": gettext_lazy("Agenda-link gemaakt op"),
    "lidmaatschappen": gettext_lazy("Lid van"),
    "initiatief": gettext_lazy("Initiatief"),
    "toon_naam_en_contact": gettext_lazy("Naam en e-mail tonen aan andere leden"),
    "nieuwe_activiteiten_melden": gettext_lazy("Melding bij nieuwe activiteiten"),
    "organisator_van": gettext_lazy("Je organiseert"),
    "activiteiten_aangemaakt": gettext_lazy("Activiteiten die je maakte"),
    "activiteit": gettext_lazy("Activiteit"),
    "aanmeldingen": gettext_lazy("Aanmeldingen"),
    "aangemeld_op": gettext_lazy("Aangemeld op"),
    "aanwezig": gettext_lazy("Aanwezig"),
    "meldingen": gettext_lazy("Meldingen"),
    "soort": gettext_lazy("Soort"),
    "tekst": gettext_lazy("Tekst"),
    "url": gettext_lazy("Link"),
    "gelezen_op": gettext_lazy("Gelezen op"),
    "email_verzonden_op": gettext_lazy("E-mail gestuurd op"),
    "voorkeuren": gettext_lazy("Hoe je meldingen krijgt"),
    "dagelijkse_samenvatting": gettext_lazy("Elke dag een samenvatting"),
    "intake": gettext_lazy("Kennismaking (intake)"),
    "toestemming_hoe": gettext_lazy("Hoe je toestemming gaf"),
    "door": gettext_lazy("Door"),
    "account_overgenomen_op": gettext_lazy("Zelf ingelogd vanaf"),
    "contactmomenten": gettext_lazy("Contactmomenten"),
    "kanaal": gettext_lazy("Hoe"),
    "notitie": gettext_lazy("Notitie"),
    "gevoelig": gettext_lazy("Gevoelig"),
    "vervolgafspraken": gettext_lazy("Vervolgafspraken"),
    "gedaan_op": gettext_lazy("Gedaan op"),
    "doorverwijzingen": gettext_lazy("Doorverwijzingen"),
    "partner": gettext_lazy("Naar"),
    "soort_partner": gettext_lazy("Soort organisatie"),
    "soort_vraag": gettext_lazy("Soort vraag"),
    "verwezen_op": gettext_lazy("Verwezen op"),
    "bijgewerkt_op": gettext_lazy("Bijgewerkt op"),
    "wat": gettext_lazy("Wat"),
    "omschrijving": gettext_lazy("Omschrijving"),
    "op": gettext_lazy("Op"),
    "inzages": gettext_lazy("Inzages"),
    "geopend_door": gettext_lazy("Geopend door"),
    "als_buurtassistent": gettext_lazy("Als buurtassistent"),
    "buurten": gettext_lazy("Je buurten"),
    "contactmomenten_vastgelegd": gettext_lazy("Contactmomenten vastgelegd"),
    "vervolgafspraken_gedaan": gettext_lazy("Vervolgafspraken gedaan"),
    "doorverwijzingen_gemaakt": gettext_lazy("Doorverwijzingen gemaakt"),
    "intakes_gedaan": gettext_lazy("Intakes gedaan"),
    "acties_namens_bewoners": gettext_lazy("Dingen gedaan namens bewoners"),
    "paginas_van_bewoners_geopend": gettext_lazy("Pagina's van bewoners geopend"),
}

# Which value of a record names it (the first one present).
TITEL_SLEUTELS = ("titel", "hulpvraag", "activiteit", "initiatief", "accommodatie", "adres")


CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def label(sleutel: str) -> str:
    if sleutel in LABELS:
        return str(LABELS[sleutel])
    return sleutel.replace("_", " ").capitalize()


def waarde_tekst(waarde: Any) -> str:
    """One value of the export as a person reads it: local dates and times the Dutch way."""
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return "–"
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, datetime):
        return dag_tijd(waarde, jaar=True)
    if isinstance(waarde, date):
        return dag(waarde, jaar=True)
    if isinstance(waarde, time):
        return waarde.strftime("%H:%M")
    if isinstance(waarde, int | float | Decimal):
        return str(waarde)
    if isinstance(waarde, dict):
        return "; ".join(f"{label(str(k))}: {waarde_tekst(v)}" for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return ", ".join(waarde_tekst(v) for v in waarde)
    if CODE.match(str(waarde)):
        return str(waarde).replace("_", " ")  # a stored choice such as "eigen_buurt"
    return str(waarde)


def _is_records(waarde: Any) -> bool:
    return isinstance(waarde, list) and bool(waarde) and all(isinstance(v, dict) for v in waarde)


def _item(record: dict) -> Item:
    titel_sleutel = next((k for k in TITEL_SLEUTELS if record.get(k)), None)
    return Item(
        titel=str(record[titel_sleutel]) if titel_sleutel else "",
        regels=[Regel(label(k), waarde_tekst(v)) for k, v in record.items() if k != titel_sleutel],
    )


def _vul(onderwerp: Onderwerp, gegevens: dict) -> None:
    """Put the export's values of one subject into it: plain values as lines, lists of
    records (and single records) as lists of items."""
    for sleutel, waarde in gegevens.items():
        if _is_records(waarde):
            onderwerp.lijsten.append(Lijst(label(sleutel), [_item(r) for r in waarde]))
        elif isinstance(waarde, dict) and len(gegevens) == 1:
            _vul(onderwerp, waarde)
        elif isinstance(waarde, dict) and waarde:
            onderwerp.lijsten.append(Lijst(label(sleutel), [_item(waarde)]))
        elif isinstance(waarde, list) and not waarde:
            onderwerp.lijsten.append(Lijst(label(sleutel), []))
        else:
            onderwerp.regels.append(Regel(label(sleutel), waarde_tekst(waarde)))


def _onderwerpen(secties: dict[str, Any]) -> list[Onderwerp]:
    gebruikt: set[tuple[str, str]] = set()
    uit = []
    for sleutel, titel, uitleg, paden in ONDERWERPEN:
        gegevens = {}
        for sectie, naam in paden:
            if isinstance(secties.get(sectie), dict) and naam in secties[sectie]:
                gegevens[naam] = secties[sectie][naam]
                gebruikt.add((sectie, naam))
        if (
            not gegevens
            or not any(_heeft_iets(v) for v in gegevens.values())
            and sleutel in (ALLEEN_ALS_ER_IETS_IS)
        ):
            continue
        onderwerp = Onderwerp(sleutel, str(titel), str(uitleg))
        _vul(onderwerp, gegevens)
        uit.append(onderwerp)
    overig = Onderwerp(
        "overig",
        _("Overige gegevens"),
        _("Gegevens die nog niet bij een onderwerp hierboven staan."),
    )
    for sectie, inhoud in secties.items():
        if isinstance(inhoud, dict):
            rest = {k: v for k, v in inhoud.items() if (sectie, k) not in gebruikt}
        else:
            rest = {sectie: inhoud}
        _vul(overig, rest)
    if not overig.leeg:
        uit.append(overig)
    return uit


def maak_overzicht(data: dict[str, Any]) -> tuple[list[Deel], datetime | None]:
    """The export of ``privacy.export_user_data`` as parts (this coöperatie, then every other
    one the person takes part in), each with its subjects; and when the export was made."""
    from cooperaties.huidige import huidige

    gemaakt = data.get("export_gemaakt_op")
    gemaakt_op = datetime.fromisoformat(gemaakt) if isinstance(gemaakt, str) else gemaakt
    meta = {"export_gemaakt_op", "gebruiker_id", "andere_cooperaties"}
    hier = huidige()
    delen = [
        Deel(
            hier.naam if hier is not None else _("Wijk"),
            _onderwerpen({k: v for k, v in data.items() if k not in meta}),
        )
    ]
    for andere in (data.get("andere_cooperaties") or {}).values():
        secties = {k: v for k, v in andere.items() if k != "naam"}
        delen.append(Deel(str(andere.get("naam", "")), _onderwerpen(secties)))
    return delen, gemaakt_op
