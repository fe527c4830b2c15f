"""From raw figures to the tables the page and the exports show.

``toon(n)`` is the one place where small counts are hidden: a count from 1 to 4 is shown as
"<5", so nobody can be recognised in a small group. Page and CSV both use ``tabellen()``, so
they show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from buurtassistenten.models import Contactmoment, Doorverwijzing, Wijkpartner

from . import cijfers

KLEIN = 5


def toon(n: int | None) -> str:
    """A count as shown: 0 stays 0, 1 to 4 become "<5", larger counts are shown as they are."""
    if n is None:
        return "—"
    if 0 < n < KLEIN:
        return f"<{KLEIN}"
    return str(n)


class Aantal(int):
    """A count: shown through ``toon``."""


def _getal(waarde: float | None, decimalen: int = 1) -> str:
    return "—" if waarde is None else number_format(round(waarde, decimalen), decimalen)


def _procent(deel: float | None, basis: int) -> str:
    """A share, hidden when its base is a small group (the share would reveal the count)."""
    if deel is None:
        return "—"
    if basis < KLEIN:
        return _("te weinig")
    return f"{number_format(round(deel * 100), 0)}%"


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
    # For a month-by-month table: the bar chart drawn beside it (see ``grafiek``).
    grafiek: dict | None = None

    def cellen(self) -> list[list[str]]:
        """Every cell as text, counts through ``toon``."""
        return [[toon(c) if isinstance(c, Aantal) else str(c) for c in rij] for rij in self.rijen]


@dataclass
class Sectie:
    sleutel: str
    titel: str
    tabellen: list[Tabel]


def tabellen(periode: cijfers.Periode) -> list[Sectie]:
    h = cijfers.hulp(periode)
    m = cijfers.meedoen(periode)
    a = cijfers.accommodaties(periode)
    c = cijfers.coordinatie(periode)
    t = cijfers.trend(periode)
    tm = cijfers.trend_meedoen(periode)
    tr = cijfers.trend_ruimtes(periode)
    A = Aantal
    cijfer, waarde = _("Cijfer"), _("Waarde")

    hulp_overzicht = Tabel(
        "hulp",
        _("Hulpvragen in deze periode"),
        [cijfer, waarde],
        [
            [_("Nieuwe hulpvragen"), A(h["nieuw"])],
            [_("Hulpvragen gematcht"), A(h["gematcht"])],
            [_("Hulpvragen afgerond"), A(h["afgerond"])],
            [_("Nieuwe hulpvragen die nog open staan"), A(h["open"])],
            [
                _("Deel van de nieuwe hulpvragen met een match"),
                _procent(h["match_ratio"], h["nieuw"]),
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
            [_("Niet binnen 48 uur gematcht"), A(h["niet_gematcht_48u"])],
            [_("Actieve helpers"), A(h["actieve_helpers"])],
            [_("Keren hulp afgerond"), A(h["hulp_afgerond"])],
            [_("Gegeven uren hulp"), _getal(h["uren"])],
            [_("Bewoners geholpen"), A(h["geholpen_bewoners"])],
            [_("Bewoners vaker dan één keer geholpen"), A(h["vaker_geholpen"])],
        ],
    )
    kol_per = [_("Nieuw"), _("Gematcht"), _("Nog open")]
    per_categorie = Tabel(
        "hulp_categorie",
        _("Nieuwe hulpvragen per soort hulp"),
        [_("Soort hulp"), *kol_per],
        [[r["naam"], A(r["nieuw"]), A(r["gematcht"]), A(r["open"])] for r in h["per_categorie"]],
    )
    per_buurt = Tabel(
        "hulp_buurt",
        _("Nieuwe hulpvragen per buurt"),
        [_("Buurt"), *kol_per],
        [
            [r["naam"] or _("Geen buurt"), A(r["nieuw"]), A(r["gematcht"]), A(r["open"])]
            for r in h["per_buurt"]
        ],
    )
    trend = Tabel(
        "trend",
        _("Hulpvragen per maand"),
        [_("Maand"), _("Nieuw"), _("Gematcht")],
        [[date_format(r["maand"], "F Y"), A(r["nieuw"]), A(r["gematcht"])] for r in t],
    )
    trend_meedoen = Tabel(
        "trend_meedoen",
        _("Aanmeldingen en aanwezigheid per maand"),
        [_("Maand"), _("Aanmeldingen"), _("Gekomen")],
        [[date_format(r["maand"], "F Y"), A(r["aanmeldingen"]), A(r["gekomen"])] for r in tm],
    )
    trend_ruimtes = Tabel(
        "trend_ruimtes",
        _("Boekingen per maand"),
        [_("Maand"), _("Doorgegaan"), _("Afgezegd")],
        [[date_format(r["maand"], "F Y"), A(r["boekingen"]), A(r["geannuleerd"])] for r in tr],
    )
    for tabel in (trend, trend_meedoen, trend_ruimtes):
        tabel.grafiek = grafiek(tabel)
    meedoen = Tabel(
        "meedoen",
        _("Meedoen in deze periode"),
        [cijfer, waarde],
        [
            [_("Nieuwe bewoners"), A(m["nieuwe_bewoners"])],
            [_("Nieuwe bewoners verwelkomd"), A(m["verwelkomd"])],
            [_("Profielen afgemaakt"), A(m["profielen_compleet"])],
            [_("Nieuwe leden van initiatieven"), A(m["nieuwe_leden"])],
            [_("Leden van initiatieven (nu, uniek)"), A(m["leden"])],
            [_("Aanmeldingen voor bijeenkomsten"), A(m["aanmeldingen"])],
            [_("Aanwezig"), A(m["gekomen"])],
            [_("Aangemeld maar niet gekomen"), A(m["niet_gekomen"])],
            [
                _("Deel dat niet kwam"),
                _procent(m["niet_gekomen_ratio"], m["gekomen"] + m["niet_gekomen"]),
            ],
            [_("Actieve initiatieven (met een bijeenkomst)"), A(m["actieve_initiatieven"])],
        ],
    )
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
        [
            [
                r["naam"],
                A(r["boekingen"]),
                A(r["door_initiatieven"]),
                A(r["door_bewoners"]),
                A(r["geannuleerd"]),
                _getal(r["geboekte_uren"]),
                _getal(r["openingsuren"]),
                _procent_1(r["bezetting"]),
            ]
            for r in a["per_accommodatie"]
        ],
    )
    soorten = dict(Contactmoment.Soort.choices)
    coordinatie = Tabel(
        "coordinatie",
        _("Werk van de buurtassistenten"),
        [cijfer, waarde],
        [
            [_("Contactmomenten"), A(c["contactmomenten"])],
            *[
                [
                    _("Contactmomenten: %(soort)s")
                    % {"soort": soorten.get(r["soort"], r["soort"])},
                    A(r["n"]),
                ]
                for r in c["contactmomenten_per_soort"]
            ],
            [_("Intakes"), A(c["intakes"])],
            [_("Dingen gedaan namens een bewoner"), A(c["namens_acties"])],
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
                A(r["n"]),
            ]
            for r in c["doorverwijzingen"]
        ],
    )
    return [
        Sectie("hulp", _("Hulp"), [hulp_overzicht, trend, per_categorie, per_buurt]),
        Sectie("meedoen", _("Meedoen"), [meedoen, trend_meedoen]),
        Sectie("accommodaties", _("Ruimtes"), [ruimtes, trend_ruimtes]),
        Sectie("coordinatie", pgettext("rapport", "Coördinatie"), [coordinatie, verwijzingen]),
    ]


def grafiek(trend: Tabel, hoogte: int = 120, breedte_per_maand: int = 48) -> dict:
    """Bar geometry for the inline SVG of a month-by-month table with two counts (suppressed
    counts draw no bar). The legend is the table's column names."""
    waarden = [(rij[0], int(rij[1]), int(rij[2])) for rij in trend.rijen]
    hoogste = max([max(n, g) for _m, n, g in waarden if n >= KLEIN or g >= KLEIN] or [1])
    staven = []
    for i, (maand, nieuw, gematcht) in enumerate(waarden):
        x = i * breedte_per_maand + 8
        for j, (n, soort) in enumerate(((nieuw, "a"), (gematcht, "b"))):
            h = 0 if n < KLEIN else round(n / hoogste * hoogte)
            staven.append(
                {"x": x + j * 18, "y": hoogte - h + 4, "hoogte": h, "soort": soort, "label": maand}
            )
    return {
        "legenda": trend.kolommen[1:3],
        "staven": staven,
        "breedte": max(len(waarden), 1) * breedte_per_maand + 16,
        "hoogte": hoogte + 24,
        "labels": [
            {"x": i * breedte_per_maand + 8, "y": hoogte + 20, "tekst": rij[0][:3]}
            for i, rij in enumerate(trend.rijen)
        ],
    }
