"""A known small data set, and every figure of the report checked exactly.

The clock stands still on 20 March 2026; the report covers March 2026. Residents are made in
January, so they do not count as new in March unless the test says so.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.models import Categorie
from bewoners.tests.factories import UserFactory
from buurtassistenten.models import (
    Contactmoment,
    Doorverwijzing,
    Intake,
    Kanaal,
    Namens,
    Wijkpartner,
)
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Lidmaatschap
from initiatieven.tests.factories import InitiatiefFactory
from rapportages import cijfers
from rapportages.cijfers import Periode
from rapportages.tests.gegevens import uur_bijeenkomst

TZ = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 3, 20, 12, 0, tzinfo=TZ)
MAART = Periode(van=date(2026, 3, 1), tot=date(2026, 4, 1))


def op(maand, dag, uur=10, minuut=0):
    return datetime(2026, maand, dag, uur, minuut, tzinfo=TZ)


@pytest.fixture
def data(db, buurt, andere_buurt):
    return bouw_data(buurt, andere_buurt)


def bouw_data(buurt, andere_buurt):
    """The data set; returns a dict of the objects the tests need."""
    S = Hulpvraag.Status
    M = Match.Status
    with time_machine.travel(op(1, 10), tick=False):
        x, y, z, w = (UserFactory(profiel__buurt=buurt) for _ in range(4))
        a, b, c, d = (UserFactory(profiel__buurt=buurt) for _ in range(4))
        assistent = UserFactory()
    with time_machine.travel(op(3, 10), tick=False):
        n1 = UserFactory(profiel__buurt=buurt)  # new, profile completed now
        n2 = UserFactory(profiel__buurt=buurt, profiel__nieuw=True)  # new, profile not done

    klussen = Categorie.objects.exclude(slug="vervoer").order_by("naam").first()

    def vraag(aanvrager, aangemaakt, status=S.OPEN, gematcht=None, **kw):
        return HulpvraagFactory(
            aanvrager=aanvrager, aangemaakt_op=aangemaakt, status=status, gematcht_op=gematcht, **kw
        )

    def match(hv, helper, voorgesteld, status=M.VOORGESTELD, **kw):
        return MatchFactory(
            hulpvraag=hv, helper=helper, aangemaakt_op=voorgesteld, status=status, **kw
        )

    h = timedelta(hours=1)
    # February request, matched on 1 March.
    hv0 = vraag(w, op(2, 20), S.GEMATCHT, op(3, 1, 9))
    match(hv0, d, op(2, 21), M.GEACCEPTEERD, geaccepteerd_op=op(3, 1, 9))
    # Six new requests in March.
    hv1 = vraag(x, op(3, 2), S.AFGEROND, op(3, 2) + 2 * h, afgerond_op=op(3, 5))
    match(
        hv1,
        a,
        op(3, 2) + h,
        M.AFGEROND,
        geaccepteerd_op=op(3, 2) + 2 * h,
        afgerond_op=op(3, 5),
        uren=Decimal("2.50"),
    )
    match(hv1, d, op(3, 2) + 5 * h, M.AFGEWEZEN)
    hv2 = vraag(x, op(3, 3), S.GEMATCHT, op(3, 3) + 4 * h)
    match(hv2, a, op(3, 3) + 2 * h, M.GEACCEPTEERD, geaccepteerd_op=op(3, 3) + 4 * h)
    hv3 = vraag(y, op(3, 4), S.GEMATCHT, op(3, 4) + 6 * h, categorie=klussen)
    match(hv3, b, op(3, 4) + 3 * h, M.GEACCEPTEERD, geaccepteerd_op=op(3, 4) + 6 * h)
    hv4 = vraag(z, op(3, 5), S.GEMATCHT, op(3, 5) + 60 * h)
    match(hv4, c, op(3, 5) + 4 * h, M.GEACCEPTEERD, geaccepteerd_op=op(3, 5) + 60 * h)
    hv5 = vraag(w, op(3, 6))
    match(hv5, b, op(3, 6) + 10 * h)
    vraag(n1, op(3, 19, 20), buurt=andere_buurt)  # open, not yet 48 hours old

    # Meedoen.
    for bewoner, datum, soort in [
        (n1, op(3, 11), Contactmoment.Soort.WELKOM),
        (n1, op(3, 12), Contactmoment.Soort.WELKOM),
        (n2, op(3, 13), Contactmoment.Soort.WELKOM),
        (x, op(3, 14), Contactmoment.Soort.GEWOON),
        (y, op(2, 14), Contactmoment.Soort.WELKOM),
    ]:
        Contactmoment.objects.create(
            bewoner=bewoner, door=assistent, datum=datum, kanaal=Kanaal.TELEFOON, soort=soort
        )
    i1 = InitiatiefFactory()
    i1.buurten.add(buurt)
    i2 = InitiatiefFactory()
    Lidmaatschap.objects.create(initiatief=i1, user=x, status="lid", lid_sinds=op(3, 5))
    Lidmaatschap.objects.create(initiatief=i1, user=y, status="lid", lid_sinds=op(1, 10))
    Lidmaatschap.objects.create(initiatief=i2, user=y, status="lid", lid_sinds=op(1, 10))
    Lidmaatschap.objects.create(initiatief=i1, user=z, status="aangevraagd")

    def bijeenkomst(initiatief, begin, status=Bijeenkomst.Status.GEPLAND):
        activiteit = Activiteit.objects.create(initiatief=initiatief, titel="Wandelen")
        return uur_bijeenkomst(activiteit, begin, status)

    b1 = bijeenkomst(i1, op(3, 10))
    b2 = bijeenkomst(i1, op(3, 12), Bijeenkomst.Status.GEANNULEERD)
    bijeenkomst(i2, op(2, 10))
    A = Aanmelding.Status
    for bk, user, status, aanwezig in [
        (b1, x, A.AANGEMELD, True),
        (b1, y, A.AANGEMELD, False),
        (b1, z, A.AANGEMELD, None),
        (b1, w, A.AFGEMELD, None),
        (b2, n1, A.AANGEMELD, None),
    ]:
        Aanmelding.objects.create(bijeenkomst=bk, user=user, status=status, aanwezig=aanwezig)

    # Accommodaties: "Buurthuis" open Monday to Friday 9-17, "Tuin" without opening hours.
    werkdagen = [(dag, time(9), time(17)) for dag in range(5)]
    huis = AccommodatieFactory(
        naam="Buurthuis", slug="buurthuis", openingstijden=werkdagen, buurt=buurt
    )
    AccommodatieFactory(naam="Tuin", slug="tuin", openingstijden=[], buurt=andere_buurt)
    R = ReserveringFactory
    R(accommodatie=huis, begin=op(3, 10), einde=op(3, 10, 12), namens="Wandelgroep")
    R(accommodatie=huis, begin=op(3, 11, 14), einde=op(3, 11, 15, 30))
    R(accommodatie=huis, begin=op(3, 12), status="geannuleerd")
    R(accommodatie=huis, begin=op(3, 13), status="aangevraagd")
    R(accommodatie=huis, begin=op(2, 13))

    # Coördinatie.
    with time_machine.travel(op(3, 9), tick=False):
        Intake.objects.create(bewoner=n2, door=assistent, toestemming_hoe="mondeling")
    Namens.objects.create(door=assistent, voor=n2, wat=Namens.Wat.HULPVRAAG, op=op(3, 9))
    huisarts = Wijkpartner.objects.create(naam="Huisarts Oost", soort=Wijkpartner.Soort.HUISARTS)
    wijkteam = Wijkpartner.objects.create(naam="Wijkteam", soort=Wijkpartner.Soort.WIJKTEAM)
    for partner, status, datum in [
        (huisarts, "verwezen", op(3, 3)),
        (huisarts, "verwezen", op(3, 4)),
        (huisarts, "afgerond", op(3, 5)),
        (wijkteam, "opgepakt", op(3, 6)),
        (wijkteam, "verwezen", op(2, 6)),
    ]:
        Doorverwijzing.objects.create(
            bewoner=x,
            partner=partner,
            behoefte="zorg",
            status=status,
            door=assistent,
            aangemaakt_op=datum,
        )
    return {"klussen": klussen, "buurt": buurt, "andere_buurt": andere_buurt}


def test_hulp(data):
    with time_machine.travel(NU, tick=False):
        h = cijfers.hulp(MAART)
    per_categorie = h.pop("per_categorie")
    per_buurt = h.pop("per_buurt")
    assert h == {
        "nieuw": 6,
        "nieuw_gematcht": 4,
        "gematcht": 5,
        "afgerond": 1,
        "open": 2,
        "niet_gematcht_48u": 2,
        "match_ratio": pytest.approx(4 / 6),
        "voorstel_n": 5,
        "voorstel_mediaan_uren": pytest.approx(3.0),
        "voorstel_p90_uren": pytest.approx(7.6),
        "akkoord_n": 4,
        "akkoord_mediaan_uren": pytest.approx(5.0),
        "akkoord_p90_uren": pytest.approx(43.8),
        "actieve_helpers": 4,
        "hulp_afgerond": 1,
        "uren": 2.5,
        "geholpen_bewoners": 4,
        "vaker_geholpen": 1,
    }
    assert per_categorie == sorted(
        [
            {"naam": "Vervoer", "nieuw": 5, "gematcht": 3, "open": 2},
            {"naam": data["klussen"].naam, "nieuw": 1, "gematcht": 1, "open": 0},
        ],
        key=lambda r: r["naam"],
    )
    assert per_buurt == [
        {"naam": "Nieuwland", "nieuw": 1, "gematcht": 0, "open": 1},
        {"naam": "Oud-Zuid", "nieuw": 5, "gematcht": 4, "open": 1},
    ]


def test_hulp_in_een_buurt(data):
    periode = Periode(van=MAART.van, tot=MAART.tot, buurt=data["andere_buurt"])
    with time_machine.travel(NU, tick=False):
        h = cijfers.hulp(periode)
    assert (h["nieuw"], h["gematcht"], h["open"], h["voorstel_n"]) == (1, 0, 1, 0)
    assert h["voorstel_mediaan_uren"] is None
    assert h["match_ratio"] == 0


def test_meedoen(data):
    assert cijfers.meedoen(MAART) == {
        "nieuwe_bewoners": 2,
        "profielen_compleet": 1,
        "verwelkomd": 2,
        "nieuwe_leden": 1,
        "leden": 2,
        "aanmeldingen": 3,
        "gekomen": 1,
        "niet_gekomen": 1,
        "niet_gekomen_ratio": 0.5,
        "actieve_initiatieven": 1,
    }


def test_accommodaties(data):
    a = cijfers.accommodaties(MAART)
    huis, tuin = a.pop("per_accommodatie")
    assert a == {"boekingen": 2, "door_initiatieven": 1, "door_bewoners": 1, "geannuleerd": 1}
    huis.pop("id")
    tuin.pop("id")
    # March 2026 has 22 weekdays of 8 opening hours.
    assert huis == {
        "naam": "Buurthuis",
        "boekingen": 2,
        "door_initiatieven": 1,
        "door_bewoners": 1,
        "geannuleerd": 1,
        "geboekte_uren": 3.5,
        "openingsuren": 176.0,
        "bezetting": pytest.approx(3.5 / 176),
    }
    assert tuin == {
        "naam": "Tuin",
        "boekingen": 0,
        "door_initiatieven": 0,
        "door_bewoners": 0,
        "geannuleerd": 0,
        "geboekte_uren": 0.0,
        "openingsuren": 0.0,
        "bezetting": None,
    }


def test_coordinatie(data):
    assert cijfers.coordinatie(MAART) == {
        "contactmomenten_per_soort": [
            {"soort": "gewoon", "n": 1},
            {"soort": "welkom", "n": 3},
        ],
        "contactmomenten": 4,
        "intakes": 1,
        "namens_acties": 1,
        "doorverwijzingen": [
            {"partner__soort": "huisarts", "status": "afgerond", "n": 1},
            {"partner__soort": "huisarts", "status": "verwezen", "n": 2},
            {"partner__soort": "wijkteam", "status": "opgepakt", "n": 1},
        ],
    }


def test_trend_per_maand(data):
    kwartaal = Periode(van=date(2026, 1, 1), tot=date(2026, 4, 1))
    assert cijfers.trend(kwartaal) == [
        {"maand": date(2026, 1, 1), "nieuw": 0, "gematcht": 0},
        {"maand": date(2026, 2, 1), "nieuw": 1, "gematcht": 0},
        {"maand": date(2026, 3, 1), "nieuw": 6, "gematcht": 5},
    ]


def test_percentile_cont_zoals_postgresql():
    assert cijfers._percentile_cont([1.0], 0.9) == 1.0
    assert cijfers._percentile_cont([1.0, 2.0, 3.0, 4.0, 10.0], 0.5) == 3.0
    assert cijfers._percentile_cont([1.0, 2.0, 3.0, 4.0, 10.0], 0.9) == pytest.approx(7.6)


def test_periode_maanden():
    assert Periode(van=date(2025, 11, 15), tot=date(2026, 2, 1)).maanden() == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]


def test_month_by_month_sign_ups_and_bookings(db, buurt):
    """The Meedoen and Ruimtes trends count per local month, cancelled meetings left out."""
    with time_machine.travel(NU, tick=False):
        groep = InitiatiefFactory()
        activiteit = Activiteit.objects.create(initiatief=groep, titel="Wandelen", capaciteit=None)

        def keer(maand, dag, status=Bijeenkomst.Status.GEPLAND):
            return uur_bijeenkomst(activiteit, op(maand, dag), status)

        jan, feb = keer(1, 14), keer(2, 11)
        afgelast = keer(2, 18, status=Bijeenkomst.Status.GEANNULEERD)
        mensen = [UserFactory(profiel__buurt=buurt) for _ in range(3)]
        for persoon, aanwezig in zip(mensen, (True, True, False), strict=True):
            Aanmelding.objects.create(
                bijeenkomst=jan, user=persoon, status="aangemeld", aanwezig=aanwezig
            )
        Aanmelding.objects.create(
            bijeenkomst=feb, user=mensen[0], status="aangemeld", aanwezig=True
        )
        Aanmelding.objects.create(bijeenkomst=feb, user=mensen[1], status="afgemeld")
        Aanmelding.objects.create(bijeenkomst=afgelast, user=mensen[2], status="aangemeld")

        zaal = AccommodatieFactory(buurt=buurt)
        ReserveringFactory(accommodatie=zaal, begin=op(1, 31, 23, 30))  # 31 Jan local time
        ReserveringFactory(accommodatie=zaal, begin=op(2, 3), status="geannuleerd")
        ReserveringFactory(accommodatie=zaal, begin=op(2, 5))

        periode = Periode(date(2026, 1, 1), date(2026, 3, 1))
        assert cijfers.trend_meedoen(periode) == [
            {"maand": date(2026, 1, 1), "aanmeldingen": 3, "gekomen": 2},
            {"maand": date(2026, 2, 1), "aanmeldingen": 1, "gekomen": 1},
        ]
        assert cijfers.trend_ruimtes(periode) == [
            {"maand": date(2026, 1, 1), "boekingen": 1, "geannuleerd": 0},
            {"maand": date(2026, 2, 1), "boekingen": 1, "geannuleerd": 1},
        ]


def test_new_residents_are_the_cooperaties_own(db, buurt):
    """Accounts belong to the installation: a coöperatie counts only the new accounts with a
    membership there, for the whole wijk as for a buurt (issue 14)."""
    from cooperaties.huidige import in_cooperatie
    from cooperaties.services import cooperatie_create

    with time_machine.travel(NU, tick=False):
        UserFactory(profiel__buurt=buurt)
        with in_cooperatie(cooperatie_create(naam="Oost", slug="oost")):
            UserFactory.create_batch(3)
            assert cijfers.meedoen(MAART)["nieuwe_bewoners"] == 3
        assert cijfers.meedoen(MAART)["nieuwe_bewoners"] == 1
        assert cijfers.meedoen(Periode(MAART.van, MAART.tot, buurt=buurt))["nieuwe_bewoners"] == 1
