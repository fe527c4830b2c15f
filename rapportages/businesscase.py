"""The maatschappelijke business case: what the work of the coöperatie is worth to society.

For a period, three volumes come from the report itself (``voorberekend.rapport_voor``: the same
computed report, numbers and hidden cells as the report page) and are multiplied by the values
the board sets in the app (``models.Waardering``):

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

Privacy: a count is shown as the report shows it (``onderdrukking``: 1 to 4 as "<5", and "x" when
the report hides it beside a small one), and an amount made from a hidden count is hidden too
(the amount divided by the value would give the count back); the grand total is then hidden as
well (it minus the other amounts would give the hidden one). Hours are shown as they are, as on
the report page. The amounts here are exact Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from . import cijfers
from .models import Waardering
from .onderdrukking import VERBORGEN, Aantal, is_verborgen, toon, verborgen_tekst
from .voorberekend import rapport_voor

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
    aantal: Aantal | None  # the count as the report shows it; None for hours
    bedrag: Decimal  # euro per unit, set by the board
    toelichting: str  # the board's assumption
    ingesteld: bool  # False while the board has not set this value yet

    @property
    def totaal(self) -> Decimal:
        return (self.volume * self.bedrag).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def verborgen(self) -> bool:
        """The count is hidden in the report, so the amount made from it is hidden too."""
        return self.aantal is not None and is_verborgen(self.aantal)

    @property
    def verborgen_tekst(self) -> str:
        """What stands in place of a hidden amount: "te weinig" beside "<5", else "x"."""
        return verborgen_tekst(self.aantal)

    @property
    def volume_tekst(self) -> str:
        """The volume as the page shows it: counts through ``toon``, hours with 2 decimals."""
        if self.aantal is not None:
            return toon(self.aantal)
        return number_format(self.volume, 2)


@dataclass(frozen=True)
class BusinessCase:
    periode: cijfers.Periode
    posten: list[Post]
    berekend_op: datetime | None = None  # when the report the volumes come from was computed

    @property
    def totaal(self) -> Decimal:
        return sum((p.totaal for p in self.posten), Decimal("0.00"))

    @property
    def totaal_verborgen(self) -> bool:
        return any(p.verborgen for p in self.posten)

    @property
    def totaal_verborgen_tekst(self) -> str:
        return VERBORGEN

    @property
    def compleet(self) -> bool:
        return all(p.ingesteld for p in self.posten)


# The report's counts the volumes are (keys of ``weergave.rapport``).
AANTAL = {
    S.VOORKOMEN_ZORGCONTACT: "hulp.hulp_afgerond",  # "Keren hulp afgerond"
    S.ACTIVITEIT_DEELNAME: "meedoen.gekomen",  # "Aanwezig"
}


def waarderingen() -> dict[str, Waardering]:
    """The board's values by key (one query); keys without a row are missing."""
    return {w.sleutel: w for w in Waardering.objects.all()}


def bereken(periode: cijfers.Periode) -> BusinessCase:
    """The business case of a period, from the report as computed for it (the counts with how
    the report shows them, so an amount is hidden exactly when the report hides its count)."""
    rapport = rapport_voor(periode)
    waarden = waarderingen()
    posten = []
    for sleutel in S.values:
        waarde = waarden.get(sleutel)
        aantal = rapport.aantallen[AANTAL[sleutel]] if sleutel in AANTAL else None
        volume = (
            Decimal(int(aantal))
            if aantal is not None
            else Decimal(str(rapport.uren_hulp)).quantize(CENT)
        )
        posten.append(
            Post(
                sleutel=sleutel,
                naam=str(NAAM[sleutel]),
                eenheid=str(EENHEID[sleutel]),
                grondslag=str(GRONDSLAG[sleutel]),
                volume=volume,
                aantal=aantal,
                bedrag=waarde.bedrag if waarde else Decimal("0.00"),
                toelichting=waarde.toelichting if waarde else "",
                ingesteld=waarde is not None,
            )
        )
    return BusinessCase(periode=periode, posten=posten, berekend_op=rapport.berekend_op)
