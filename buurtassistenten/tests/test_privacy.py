"""Export and erasure of what buurtassistenten record (``privacy_registrations``)."""

import json
from datetime import date, timedelta

import pytest

from bewoners import privacy
from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory
from buurtassistenten import permissions, services
from buurtassistenten.models import (
    Behoefte,
    Contactmoment,
    Doorverwijzing,
    Intake,
    Inzage,
    Kanaal,
    Namens,
    Vervolg,
    Wijkpartner,
)
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from tests.tijd import START

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

GEVOELIG = "Maakt zich zorgen over de schulden."
GEWOON = "Belt terug over de boodschappen."


@pytest.fixture
def collega(buurt, assistent_van):
    """Aisha follows Oud-Zuid too."""
    return assistent_van(buurt, first_name="Aisha", last_name="Collega", email="aisha@example.org")


@pytest.fixture
def huisarts(db):
    return Wijkpartner.objects.create(
        naam="Huisartsenpraktijk De Linde", soort=Wijkpartner.Soort.HUISARTS
    )


@pytest.fixture
def dossier(assistent, collega, bewoner, huisarts, klok):
    """What Bas and Aisha recorded about Bep, over a few days."""
    services.contactmoment_create(
        door=assistent,
        bewoner=bewoner,
        kanaal=Kanaal.HUISBEZOEK,
        soort=Contactmoment.Soort.WELKOM,
        notitie=GEVOELIG,
        gevoelig=True,
    )
    klok.shift(timedelta(days=1))
    services.contactmoment_create(
        door=collega,
        bewoner=bewoner,
        kanaal=Kanaal.TELEFOON,
        notitie=GEWOON,
        vervolg_op=date(2030, 3, 12),
    )
    verwijzing = services.doorverwijzing_create(
        door=assistent, bewoner=bewoner, partner=huisarts, behoefte=Behoefte.GELD
    )
    klok.shift(timedelta(days=1))
    services.doorverwijzing_set_status(
        verwijzing=verwijzing, door=assistent, status=Doorverwijzing.Status.OPGEPAKT
    )
    Intake.objects.create(
        bewoner=bewoner, door=assistent, toestemming_hoe=Intake.Toestemming.MONDELING
    )
    services.namens_record(
        door=assistent,
        voor=bewoner,
        wat=Namens.Wat.AANMELDING,
        object_id=7,
        omschrijving="Koffieochtend",
    )
    services.inzage_record(door=assistent, bewoner=bewoner)
    klok.shift(timedelta(hours=2))
    services.inzage_record(door=collega, bewoner=bewoner)
    return verwijzing


def test_the_export_holds_everything_recorded_about_the_resident_and_who_looked(
    dossier, bewoner, helper, assistent
):
    data = privacy.export_user_data(bewoner)["buurtassistenten"]

    momenten = data["contactmomenten"]
    # The sensitive note's text is the resident's own data; its author is named by role only
    # (docs/toegang.md, decision on AVG art. 15).
    assert [(m["soort"], m["kanaal"], m["door"]) for m in momenten] == [
        ("welkom", "huisbezoek", "een buurtassistent"),
        ("gewoon", "telefoon", "Aisha"),
    ]
    # The sensitive note too: it is the resident's own data.
    assert (momenten[0]["notitie"], momenten[0]["gevoelig"]) == (GEVOELIG, True)
    assert momenten[0]["datum"] == START
    assert data["vervolgafspraken"] == [
        {"datum": date(2030, 3, 12), "reden": "afspraak", "gedaan_op": None}
    ]
    [verwijzing] = data["doorverwijzingen"]
    assert verwijzing["partner"] == "Huisartsenpraktijk De Linde"
    assert (verwijzing["soort_vraag"], verwijzing["status"]) == ("geld", "opgepakt")
    assert verwijzing["verwezen_op"] == START + timedelta(days=1)
    assert verwijzing["bijgewerkt_op"] == START + timedelta(days=2)
    assert data["intake"]["toestemming_hoe"] == "mondeling"
    assert data["intake"]["toestemming_op"] == START + timedelta(days=2)
    assert data["intake"]["door"] == "Bas"
    assert data["namens"] == [
        {
            "wat": "aanmelding",
            "omschrijving": "Koffieochtend",
            "op": START + timedelta(days=2),
            "door": "Bas",
        }
    ]
    # The access log: who opened Bep's coordination page, and when.
    assert data["inzages"] == [
        {"geopend_door": "Bas", "op": START + timedelta(days=2), "wat": "coördinatiepagina"},
        {
            "geopend_door": "Aisha",
            "op": START + timedelta(days=2, hours=2),
            "wat": "coördinatiepagina",
        },
    ]
    json.loads(privacy.export_user_json(bewoner))  # serialisable
    # Henk's export holds nothing of Bep's.
    henk = privacy.export_user_data(helper)["buurtassistenten"]
    assert henk["contactmomenten"] == henk["inzages"] == henk["doorverwijzingen"] == []
    assert henk["intake"] is None


def test_a_buurtassistent_exports_counts_of_their_work_never_the_residents(
    dossier, bewoner, assistent, collega
):
    data = privacy.export_user_data(assistent)["buurtassistenten"]

    assert data["contactmomenten"] == [] and data["inzages"] == []
    assert data["als_buurtassistent"] == {
        "buurten": ["Oud-Zuid"],
        "contactmomenten_vastgelegd": 1,
        "vervolgafspraken_gedaan": 0,
        "doorverwijzingen_gemaakt": 1,
        "intakes_gedaan": 1,
        "acties_namens_bewoners": {"aanmelding": 1},
        "paginas_van_bewoners_geopend": 1,
    }
    tekst = privacy.export_user_json(assistent)
    for over_bep in ("Bep", "Jansen", "bep@example.org", GEVOELIG, "Koffieochtend"):
        assert over_bep not in tekst
    assert (
        privacy.export_user_data(collega)["buurtassistenten"]["als_buurtassistent"][
            "contactmomenten_vastgelegd"
        ]
        == 1
    )


def test_an_intake_without_e_mail_says_how_consent_was_given_and_to_whom(assistent, buurt):
    bewoner = services.intake_create(
        door=assistent,
        first_name="Truus",
        buurt=buurt,
        toestemming_hoe=Intake.Toestemming.SCHRIFTELIJK,
        notitie="Ingeschreven aan de keukentafel.",
    )

    data = privacy.export_user_data(bewoner)["buurtassistenten"]

    assert data["intake"] == {
        "toestemming_hoe": "schriftelijk",
        "toestemming_op": START,
        "door": "Bas",
        "aangemaakt_op": START,
        "account_overgenomen_op": None,
    }
    assert [(m["soort"], m["notitie"]) for m in data["contactmomenten"]] == [
        ("intake", "Ingeschreven aan de keukentafel.")
    ]


def test_erasing_a_resident_deletes_their_records_and_keeps_the_access_log_without_them(
    dossier, bewoner, helper, assistent, collega
):
    services.contactmoment_create(door=assistent, bewoner=helper, kanaal=Kanaal.INLOOP)
    services.inzage_record(door=assistent, bewoner=helper)

    privacy.erase_user(bewoner)

    for model, veld in [
        (Contactmoment, "bewoner"),
        (Vervolg, "bewoner"),
        (Doorverwijzing, "bewoner"),
        (Intake, "bewoner"),
        (Namens, "voor"),
        (Inzage, "bewoner"),
    ]:
        assert not model.objects.filter(**{veld: bewoner}).exists(), model
    # The log keeps its three rows: two without the person, with who opened the page.
    assert Inzage.objects.count() == 3
    assert sorted(
        Inzage.objects.filter(bewoner__isnull=True).values_list("door__first_name", flat=True)
    ) == ["Aisha", "Bas"]
    # Henk's records stay.
    assert Contactmoment.objects.filter(bewoner=helper).count() == 1
    assert Inzage.objects.filter(bewoner=helper).count() == 1
    assert privacy.export_user_data(bewoner)["buurtassistenten"]["inzages"] == []


def test_erasing_a_buurtassistent_keeps_the_records_about_residents_without_them(
    dossier, bewoner, assistent, collega, buurt
):
    vervolg = Vervolg.objects.get(bewoner=bewoner)
    services.vervolg_complete(vervolg=vervolg, door=assistent)

    privacy.erase_user(assistent)

    assert Contactmoment.objects.filter(bewoner=bewoner).count() == 2
    assert list(Contactmoment.objects.values_list("door__first_name", flat=True)) == [
        "Aisha",
        None,
    ]
    assert Contactmoment.objects.get(door=None).notitie == GEVOELIG
    vervolg.refresh_from_db()
    assert vervolg.gedaan_op is not None and vervolg.gedaan_door is None
    dossier.refresh_from_db()
    assert dossier.door is None and dossier.status == Doorverwijzing.Status.OPGEPAKT
    assert Intake.objects.get(bewoner=bewoner).door is None
    assert Namens.objects.get(voor=bewoner).door is None
    assert list(Inzage.objects.values_list("door__first_name", flat=True)) == ["Aisha", None]
    assert Inzage.objects.filter(bewoner=bewoner).count() == 2
    assert list(buurt.buurtassistenten.all()) == [collega]
    # Bep's export names nobody for what Bas did.
    data = privacy.export_user_data(bewoner)["buurtassistenten"]
    assert data["intake"]["door"] is None
    assert [m["door"] for m in data["contactmomenten"]] == ["een buurtassistent", "Aisha"]


def test_a_buurt_whose_only_buurtassistent_is_erased_is_everyones_again(assistent, bewoner, buurt):
    anderen = UserFactory(
        first_name="Ans", email="ans@example.org", rollen=[Rol.BUURTASSISTENT], with_mfa=True
    )
    # While Bas follows Oud-Zuid, Ans does not work for its residents.
    assert not permissions.mag_bewoner_zien(anderen, bewoner)

    privacy.erase_user(assistent)

    assert not buurt.buurtassistenten.exists()
    assert permissions.mag_bewoner_zien(anderen, bewoner)


@pytest.mark.parametrize("wat", ["match", "afgezegd"])
def test_erasing_a_helper_takes_their_name_from_the_record_of_a_match_made_by_hand(
    assistent, bewoner, helper, wat
):
    hulpvraag = HulpvraagFactory(aanvrager=bewoner, titel="Naar de huisarts")
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper)
    services.namens_record(
        door=assistent,
        voor=bewoner,
        wat=wat,
        object_id=match.pk,
        omschrijving=f"{hulpvraag.titel} → {helper.display_name}",
    )

    privacy.erase_user(helper)

    namens = Namens.objects.get(voor=bewoner)
    assert namens.omschrijving == "Naar de huisarts"
    assert namens.door == assistent


def test_the_app_has_a_privacy_section():
    assert "buurtassistenten" in {s.name for s in privacy.sections()}
