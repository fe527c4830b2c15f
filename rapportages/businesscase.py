"""The maatschappelijke business case: what the work of the coöperatie is worth to society.

For a period, three volumes come from the report's own figures (``rapportages.cijfers``) and are
multiplied by the values the board sets in the app (``models.Waardering``):

``vrijwilligersuur``
    The hours of help given by volunteers: the hours recorded on helps that were completed in the
    period (``cijfers.hulp()["uren"]``, "Gegeven uren hulp" in the report).
``voorkomen_zorgcontact``
    The helps completed in the period (``cijfers.hulp()["hulp_afgerond"]``), each counted as one
    prevented contact with formal care. This is an assumption, and a debatable one: not every
    help replaces a visit to the huisarts or the wijkteam. We do *not* count referrals
    ("doorverwijzingen") here, not even the completed ones: a referral to a partner is itself a
    contact with formal care, so counting it as a prevented one would turn the figure upside down.
    The same help also counts in the hours above; the board chooses the values so that the two
    lines do not count the same benefit twice.
``activiteit_deelname``
    The times residents came to a planned meeting of an initiative in the period
    (``cijfers.meedoen()["gekomen"]``, "Aanwezig" in the report).

Each line carries two texts that the page prints beside its amount: how we count the volume
(fixed, ``grondslag``) and the board's own assumption for the value (``toelichting``).

Privacy: a count from 1 to 4 is hidden on the page ("<5"), and so is the amount made from it
(the amount divided by the value would give the count back); the grand total is then hidden too.
Hours are shown as they are, as on the report page. The amounts here are exact Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from . import cijfers
from .models import Waardering
from .weergave import KLEIN, toon

CENT = Decimal("0.01")
S = Waardering.Sleutel

GRONDSLAG = {
    S.VRIJWILLIGERSUUR: _(
        "Aantal uren hulp van vrijwilligers: de uren bij hulp die in deze periode is afgerond."
    ),
    S.VOORKOMEN_ZORGCONTACT: _(
        "Elke hulp die in deze periode is afgerond, telt als één voorkomen contact met formele "
        "zorg. Doorverwijzingen tellen niet mee: die zijn juist een contact met formele zorg. "
        "Deze hulp telt ook mee bij de uren, dus let op dat je niet dubbel telt."
    ),
    S.ACTIVITEIT_DEELNAME: _(
        "Aantal keren dat een bewoner naar een bijeenkomst van een initiatief kwam in deze "
        "periode (aanwezig)."
    ),
}

NAAM = {
    S.VRIJWILLIGERSUUR: _("Uren vrijwilligerswerk"),
    S.VOORKOMEN_ZORGCONTACT: _("Voorkomen contacten met formele zorg"),
    S.ACTIVITEIT_DEELNAME: _("Deelnames aan activiteiten"),
}

EENHEID = {
    S.VRIJWILLIGERSUUR: _("uren"),
    S.VOORKOMEN_ZORGCONTACT: _("keer hulp afgerond"),
    S.ACTIVITEIT_DEELNAME: _("keer aanwezig"),
}


@dataclass(frozen=True)
class Post:
    """One line of the business case: volume × the board's value."""

    sleutel: str
    naam: str
    eenheid: str
    grondslag: str
    volume: Decimal
    is_aantal: bool  # a count of events (hidden from 1 to 4), not hours
    bedrag: Decimal  # euro per unit, set by the board
    toelichting: str  # the board's assumption
    ingesteld: bool  # False while the board has not set this value yet

    @property
    def totaal(self) -> Decimal:
        return (self.volume * self.bedrag).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def verborgen(self) -> bool:
        return self.is_aantal and 0 < self.volume < KLEIN

    @property
    def volume_tekst(self) -> str:
        """The volume as the page shows it: counts through ``toon``, hours with 2 decimals."""
        if self.is_aantal:
            return toon(int(self.volume))
        return number_format(self.volume, 2)


@dataclass(frozen=True)
class BusinessCase:
    periode: cijfers.Periode
    posten: list[Post]

    @property
    def totaal(self) -> Decimal:
        return sum((p.totaal for p in self.posten), Decimal("0.00"))

    @property
    def totaal_verborgen(self) -> bool:
        return any(p.verborgen for p in self.posten)

    @property
    def compleet(self) -> bool:
        return all(p.ingesteld for p in self.posten)


def volumes(periode: cijfers.Periode) -> dict[str, Decimal]:
    """The three volumes of a period, from the report's own aggregate figures."""
    h = cijfers.hulp(periode)
    m = cijfers.meedoen(periode)
    return {
        S.VRIJWILLIGERSUUR: Decimal(str(h["uren"])).quantize(CENT),
        S.VOORKOMEN_ZORGCONTACT: Decimal(h["hulp_afgerond"]),
        S.ACTIVITEIT_DEELNAME: Decimal(m["gekomen"]),
    }


def waarderingen() -> dict[str, Waardering]:
    """The board's values by key (one query); keys without a row are missing."""
    return Waardering.objects.in_bulk(field_name="sleutel")


def bereken(periode: cijfers.Periode) -> BusinessCase:
    aantallen = volumes(periode)
    waarden = waarderingen()
    posten = []
    for sleutel in S.values:
        waarde = waarden.get(sleutel)
        posten.append(
            Post(
                sleutel=sleutel,
                naam=str(NAAM[sleutel]),
                eenheid=str(EENHEID[sleutel]),
                grondslag=str(GRONDSLAG[sleutel]),
                volume=aantallen[sleutel],
                is_aantal=sleutel != S.VRIJWILLIGERSUUR,
                bedrag=waarde.bedrag if waarde else Decimal("0.00"),
                toelichting=waarde.toelichting if waarde else "",
                ingesteld=waarde is not None,
            )
        )
    return BusinessCase(periode=periode, posten=posten)
