"""From raw figures to the tables the page and the exports show.

The rule for hiding small counts lives in ``rapportages.onderdrukking``: ``toon(n)`` shows a count
(1 to 4 as "<5", a count hidden beside them as "x"), and ``rapport()`` declares the report's
sums (totals and their parts, across tables) and lets ``onderdruk`` decide what else must be
hidden before anything is shown. Page, CSV, XLSX and business case all take ``rapport()``, so
they show the same numbers and hide the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from buurtassistenten.models import Contactmoment, Doorverwijzing, Wijkpartner

from . import cijfers
from .onderdrukking import KLEIN, VERBORGEN, Aandeel, Aantal, Cellen, is_verborgen, toon

__all__ = [
    "KLEIN",
    "VERBORGEN",
    "Aandeel",
    "Aantal",
    "Rapport",
    "Sectie",
    "Tabel",
    "grafiek",
    "rapport",
    "tabellen",
    "toon",
]


def _getal(waarde: float | None, decimalen: int = 1) -> str:
    return "—" if waarde is None else number_format(round(waarde, decimalen), decimalen)


def _procent_1(deel: float | None) -> str:
    """A share of time (not of people) with one decimal, e.g. "2,5%"."""
    return "—" if deel is None else f"{number_format(round(deel * 100, 1), 1)}%"


def _uren_p(waarde: float | None, n: int) -> str:
    if n < KLEIN:
        return _("te weinig") if n else "—"
    return _getal(waarde)


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list] = field(default_factory=list)
    # For a month-by-month table: the first day of each row's month, and the bar chart drawn
    # beside it (see ``grafiek``).
    maanden: list[date] | None = None
    grafiek: dict | None = None

    def cellen(self) -> list[list[str]]:
        """Every cell as text: counts through ``toon``, shares through ``Aandeel.tekst``."""
        return [[_tekst(c) for c in rij] for rij in self.rijen]


def _tekst(cel) -> str:
    if isinstance(cel, Aantal):
        return toon(cel)
    if isinstance(cel, Aandeel):
        return cel.tekst()
    return str(cel)


@dataclass
class Sectie:
    sleutel: str
    titel: str
    tabellen: list[Tabel]


@dataclass
class Rapport:
    secties: list[Sectie]
    # Every count by key, with how it is shown (the business case reads its volumes here).
    aantallen: dict[str, Aantal]
    uren_hulp: float  # the hours of help given, as the business case multiplies them
    # When the oldest month taken from the monthly pre-aggregate was counted (None: none was).
    stand: datetime | None = None


def tabellen(periode: cijfers.Periode) -> list[Sectie]:
    return rapport(periode).secties


def rapport(periode: cijfers.Periode) -> Rapport:
    rijen, stand = cijfers.maandrijen(periode)
    h = cijfers.hulp(periode, rijen=rijen)
    m = cijfers.meedoen(periode, rijen=rijen)
    a = cijfers.accommodaties(periode)
    c = cijfers.coordinatie(periode)
    t = cijfers.trend(periode, rijen=rijen)
    tm = cijfers.trend_meedoen(periode, rijen=rijen)
    tr = cijfers.trend_ruimtes(periode)
    A = Cellen()  # every count, with the sums between them (see ``onderdrukking``)
    cijfer, waarde = _("Cijfer"), _("Waarde")

    # --- Hulp: the overview, and the sums of the tables per soort, per buurt and per month.
    nieuw = A("hulp.nieuw", h["nieuw"])
    gematcht = A("hulp.gematcht", h["gematcht"])
    open_ = A("hulp.open", h["open"])
    # The share with a match shows how many new requests got one, and how many did not.
    nieuw_gematcht = A("hulp.nieuw_gematcht", h["nieuw_gematcht"])
    nieuw_zonder = A("hulp.nieuw_zonder_match", h["nieuw"] - h["nieuw_gematcht"])
    A.som(nieuw, [nieuw_gematcht, nieuw_zonder])
    # New requests neither matched nor open (withdrawn, expired): never shown.
    anders = A.rest("hulp.nieuw_anders", nieuw, [nieuw_gematcht, open_])
    hulp_overzicht = Tabel(
        "hulp",
        _("Hulpvragen in deze periode"),
        [cijfer, waarde],
        [
            [_("Nieuwe hulpvragen"), nieuw],
            [_("Hulpvragen gematcht"), gematcht],
            [_("Hulpvragen afgerond"), A("hulp.afgerond", h["afgerond"])],
            [_("Nieuwe hulpvragen die nog open staan"), open_],
            [
                _("Deel van de nieuwe hulpvragen met een match"),
                Aandeel(h["nieuw_gematcht"], h["nieuw"], (nieuw, nieuw_gematcht, nieuw_zonder)),
            ],
            [
                _("Tijd tot eerste voorstel, mediaan (uren)"),
                _uren_p(h["voorstel_mediaan_uren"], h["voorstel_n"]),
            ],
            [
                _("Tijd tot eerste voorstel, 90% binnen (uren)"),
                _uren_p(h["voorstel_p90_uren"], h["voorstel_n"]),
            ],
            [
                _("Tijd tot een helper ja zegt, mediaan (uren)"),
                _uren_p(h["akkoord_mediaan_uren"], h["akkoord_n"]),
            ],
            [
                _("Tijd tot een helper ja zegt, 90% binnen (uren)"),
                _uren_p(h["akkoord_p90_uren"], h["akkoord_n"]),
            ],
            [_("Niet binnen 48 uur gematcht"), A("hulp.niet_gematcht_48u", h["niet_gematcht_48u"])],
            [_("Actieve helpers"), A("hulp.actieve_helpers", h["actieve_helpers"])],
            [_("Keren hulp afgerond"), A("hulp.hulp_afgerond", h["hulp_afgerond"])],
            [_("Gegeven uren hulp"), _getal(h["uren"])],
            [_("Bewoners geholpen"), A("hulp.geholpen_bewoners", h["geholpen_bewoners"])],
            [
                _("Bewoners vaker dan één keer geholpen"),
                A("hulp.vaker_geholpen", h["vaker_geholpen"]),
            ],
        ],
    )

    def _per(sleutel: str, rijen: list[dict], geen_naam: str) -> list[list]:
        """Rows of new requests per soort or buurt; the columns add up to the overview."""
        tabel, kolommen, resten = [], ([], [], []), []
        for i, r in enumerate(rijen):
            cellen = [A(f"{sleutel}.{i}.{k}", r[k]) for k in ("nieuw", "gematcht", "open")]
            for kolom, cel in zip(kolommen, cellen, strict=True):
                kolom.append(cel)
            resten.append(A.rest(f"{sleutel}.{i}.anders", cellen[0], cellen[1:]))
            tabel.append([r["naam"] or geen_naam, *cellen])
        for totaal, kolom in zip((nieuw, nieuw_gematcht, open_), kolommen, strict=True):
            A.som(totaal, kolom)
        if anders is not None and None not in resten:
            A.som(anders, resten)
        return tabel

    kol_per = [_("Nieuw"), _("Gematcht"), _("Nog open")]
    per_categorie = Tabel(
        "hulp_categorie",
        _("Nieuwe hulpvragen per soort hulp"),
        [_("Soort hulp"), *kol_per],
        _per("hulp_categorie", h["per_categorie"], "—"),
    )
    per_buurt = Tabel(
        "hulp_buurt",
        _("Nieuwe hulpvragen per buurt"),
        [_("Buurt"), *kol_per],
        _per("hulp_buurt", h["per_buurt"], _("Geen buurt")),
    )
    trend = _per_maand(
        A, "trend", _("Hulpvragen per maand"), t, {"nieuw": _("Nieuw"), "gematcht": _("Gematcht")}
    )
    A.som(nieuw, [r[1] for r in trend.rijen])
    A.som(gematcht, [r[2] for r in trend.rijen])

    # --- Meedoen: sign-ups = came + did not come + not recorded, also per month.
    aanmeldingen = A("meedoen.aanmeldingen", m["aanmeldingen"])
    gekomen = A("meedoen.gekomen", m["gekomen"])
    niet_gekomen = A("meedoen.niet_gekomen", m["niet_gekomen"])
    niet_of_onbekend = A.rest("meedoen.niet_of_onbekend", aanmeldingen, [gekomen])
    if niet_of_onbekend is not None:
        A.rest("meedoen.onbekend", niet_of_onbekend, [niet_gekomen])
    trend_meedoen = _per_maand(
        A,
        "trend_meedoen",
        _("Aanmeldingen en aanwezigheid per maand"),
        tm,
        {"aanmeldingen": _("Aanmeldingen"), "gekomen": _("Gekomen")},
    )
    A.som(aanmeldingen, [r[1] for r in trend_meedoen.rijen])
    A.som(gekomen, [r[2] for r in trend_meedoen.rijen])
    resten = [
        A.rest(f"trend_meedoen.{i}.niet_of_onbekend", r[1], [r[2]])
        for i, r in enumerate(trend_meedoen.rijen)
    ]
    if niet_of_onbekend is not None and None not in resten:
        A.som(niet_of_onbekend, resten)
    meedoen = Tabel(
        "meedoen",
        _("Meedoen in deze periode"),
        [cijfer, waarde],
        [
            [_("Nieuwe bewoners"), A("meedoen.nieuwe_bewoners", m["nieuwe_bewoners"])],
            [_("Nieuwe bewoners verwelkomd"), A("meedoen.verwelkomd", m["verwelkomd"])],
            [_("Profielen afgemaakt"), A("meedoen.profielen_compleet", m["profielen_compleet"])],
            [_("Nieuwe leden van initiatieven"), A("meedoen.nieuwe_leden", m["nieuwe_leden"])],
            [_("Leden van initiatieven (nu, uniek)"), A("meedoen.leden", m["leden"])],
            [_("Aanmeldingen voor bijeenkomsten"), aanmeldingen],
            [_("Aanwezig"), gekomen],
            [_("Aangemeld maar niet gekomen"), niet_gekomen],
            [
                _("Deel dat niet kwam"),
                Aandeel(
                    m["niet_gekomen"], m["gekomen"] + m["niet_gekomen"], (niet_gekomen, gekomen)
                ),
            ],
            [
                _("Actieve initiatieven (met een bijeenkomst)"),
                A("meedoen.actieve_initiatieven", m["actieve_initiatieven"]),
            ],
        ],
    )

    # --- Ruimtes: per room bookings = by initiatives + by residents; the rooms add up to the
    # months (with the bookings of rooms no longer active, when there are any).
    rijen, kolommen = (
        [],
        {k: [] for k in ("boekingen", "door_initiatieven", "door_bewoners", "geannuleerd")},
    )
    for i, r in enumerate(a["per_accommodatie"]):
        cellen = {k: A(f"accommodaties.{i}.{k}", r[k]) for k in kolommen}
        for k, cel in cellen.items():
            kolommen[k].append(cel)
        A.som(cellen["boekingen"], [cellen["door_initiatieven"], cellen["door_bewoners"]])
        rijen.append(
            [
                r["naam"],
                *cellen.values(),
                _getal(r["geboekte_uren"]),
                _getal(r["openingsuren"]),
                _procent_1(r["bezetting"]),
            ]
        )
    totalen = {k: A(f"accommodaties.{k}", a[k], getoond=False) for k in kolommen}
    for k, kolom in kolommen.items():
        A.som(totalen[k], kolom)
    A.som(totalen["boekingen"], [totalen["door_initiatieven"], totalen["door_bewoners"]])
    ruimtes = Tabel(
        "accommodaties",
        _("Gebruik van ruimtes"),
        [
            _("Ruimte"),
            _("Boekingen"),
            _("Door initiatieven"),
            _("Door bewoners"),
            _("Geannuleerd"),
            _("Geboekte uren"),
            _("Openingsuren"),
            _("Bezetting"),
        ],
        rijen,
    )
    trend_ruimtes = _per_maand(
        A,
        "trend_ruimtes",
        _("Boekingen per maand"),
        tr,
        {"boekingen": _("Doorgegaan"), "geannuleerd": _("Afgezegd")},
    )
    for j, k in ((1, "boekingen"), (2, "geannuleerd")):
        maanden = [r[j] for r in trend_ruimtes.rijen]
        alle = A(f"trend_ruimtes.{k}", sum(maanden), getoond=False)
        A.som(alle, maanden)
        if alle == totalen[k]:
            A.som(alle, [totalen[k]])
        else:  # rooms no longer active had bookings too: a part the report does not show
            A.rest(f"trend_ruimtes.{k}.niet_actief", alle, [totalen[k]])

    # --- Coördinatie
    soorten = dict(Contactmoment.Soort.choices)
    per_soort = [
        [
            _("Contactmomenten: %(soort)s") % {"soort": soorten.get(r["soort"], r["soort"])},
            A(f"coordinatie.contactmomenten.{r['soort']}", r["n"]),
        ]
        for r in c["contactmomenten_per_soort"]
    ]
    contactmomenten = A("coordinatie.contactmomenten", c["contactmomenten"])
    A.som(contactmomenten, [r[1] for r in per_soort])
    coordinatie = Tabel(
        "coordinatie",
        _("Werk van de buurtassistenten"),
        [cijfer, waarde],
        [
            [_("Contactmomenten"), contactmomenten],
            *per_soort,
            [_("Intakes"), A("coordinatie.intakes", c["intakes"])],
            [_("Dingen gedaan namens een bewoner"), A("coordinatie.namens", c["namens_acties"])],
        ],
    )
    partners = dict(Wijkpartner.Soort.choices)
    statussen = dict(Doorverwijzing.Status.choices)
    verwijzingen = Tabel(
        "doorverwijzingen",
        _("Doorverwijzingen naar partners"),
        [_("Soort partner"), _("Status"), _("Aantal")],
        [
            [
                partners.get(r["partner__soort"], r["partner__soort"]),
                statussen.get(r["status"], r["status"]),
                A(f"doorverwijzingen.{i}", r["n"]),
            ]
            for i, r in enumerate(c["doorverwijzingen"])
        ],
    )

    A.onderdruk()  # from here on every count knows how it is shown
    for tabel in (trend, trend_meedoen, trend_ruimtes):
        tabel.grafiek = grafiek(tabel)
    return Rapport(
        secties=[
            Sectie("hulp", _("Hulp"), [hulp_overzicht, trend, per_categorie, per_buurt]),
            Sectie("meedoen", _("Meedoen"), [meedoen, trend_meedoen]),
            Sectie("accommodaties", _("Ruimtes"), [ruimtes, trend_ruimtes]),
            Sectie("coordinatie", pgettext("rapport", "Coördinatie"), [coordinatie, verwijzingen]),
        ],
        aantallen=A.aantallen,
        uren_hulp=h["uren"],
        stand=stand,
    )


def _per_maand(A: Cellen, sleutel: str, titel: str, maanden: list[dict], kolommen: dict) -> Tabel:
    """A month-by-month table with two counts (``kolommen``: the key in each month's row and
    its column heading); its bar chart is drawn once every count knows how it is shown."""
    return Tabel(
        sleutel,
        titel,
        [_("Maand"), *kolommen.values()],
        [
            [date_format(r["maand"], "F Y"), *(A(f"{sleutel}.{i}.{k}", r[k]) for k in kolommen)]
            for i, r in enumerate(maanden)
        ],
        maanden=[r["maand"] for r in maanden],
    )


# The bar chart's geometry, in px of its viewBox (drawn at that size, smaller on a narrow
# screen): room for the axis on the left, the values above the bars, the months below.
LINKS, BOVEN, ONDER, RECHTS = 44, 22, 38, 8
PLOT_HOOGTE = 200
MAAND_BREEDTE = (40, 120)  # the narrowest and widest month; a year is 60 each
WAARDEN_TOT = 18  # months with a value above every bar; more months: only the table has them


def _stap(hoogste: int) -> int:
    """A round step for the value axis (1, 2 or 5 times a power of ten): at most 4 steps."""
    stap = 1
    while True:
        for factor in (1, 2, 5):
            if hoogste <= 4 * stap * factor:
                return stap * factor
        stap *= 10


def grafiek(trend: Tabel) -> dict:
    """Geometry of the inline SVG bar chart of a month-by-month table with two counts: per month
    two bars side by side, a value axis with round steps, and the value above each bar.

    Every count that is shown and not zero gets a bar of at least 2 px, whatever the scale. A
    hidden count ("<5" or "x") draws no bar (its height would give it away): its text stands
    at the foot instead, so no series silently disappears. The scale comes from the shown
    counts only.
    """
    maanden = trend.maanden or [None] * len(trend.rijen)
    n = max(len(trend.rijen), 1)
    breedte = min(max(720 // n, MAAND_BREEDTE[0]), MAAND_BREEDTE[1])
    staaf = min(26, (breedte - 12) // 2)
    getoond = [
        int(c) for rij in trend.rijen for c in rij[1:3] if not is_verborgen(c) and int(c) > 0
    ]
    stap = _stap(max(getoond, default=1))
    top = stap * max(1, -(-max(getoond, default=1) // stap))  # the axis ends on a round step
    voet = BOVEN + PLOT_HOOGTE
    met_waarden = len(trend.rijen) <= WAARDEN_TOT
    staven, labels = [], []
    jaren = len({m.year for m in maanden if m is not None}) > 1
    for i, (rij, maand) in enumerate(zip(trend.rijen, maanden, strict=True)):
        links = LINKS + i * breedte + (breedte - 2 * staaf - 4) // 2
        for j, (cel, soort) in enumerate(zip(rij[1:3], ("a", "b"), strict=True)):
            verborgen = is_verborgen(cel)
            waarde = 0 if verborgen else int(cel)
            hoogte = max(2, round(waarde / top * PLOT_HOOGTE)) if waarde else 0
            x = links + j * (staaf + 4)
            staven.append(
                {
                    "x": x,
                    "y": voet - hoogte,
                    "breedte": staaf,
                    "hoogte": hoogte,
                    "soort": soort,
                    "label": rij[0],
                    "tekst": _tekst(cel),
                    "verborgen": verborgen,
                    "tekst_x": x + staaf // 2,
                    "tekst_y": voet - hoogte - 5,
                    "met_tekst": met_waarden or verborgen,
                }
            )
        midden = LINKS + i * breedte + breedte // 2
        kort = date_format(maand, "b") if maand is not None else rij[0][:3]
        labels.append({"x": midden, "y": voet + 16, "tekst": kort})
        if maand is not None and jaren and (i == 0 or maand.month == 1):
            labels.append({"x": midden, "y": voet + 31, "tekst": str(maand.year)})
    raster = [
        {"y": voet - round(w / top * PLOT_HOOGTE), "tekst": number_format(w)}
        for w in range(0, top + 1, stap)
    ]
    return {
        "legenda": trend.kolommen[1:3],
        "staven": staven,
        "labels": labels,
        "raster": raster,
        "links": LINKS,
        "rechts": LINKS + n * breedte,
        "breedte": LINKS + n * breedte + RECHTS,
        "hoogte": voet + (ONDER if jaren else ONDER - 14),  # a line for the years if needed
    }
