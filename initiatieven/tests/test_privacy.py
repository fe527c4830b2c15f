"""Export and erasure of memberships, organiser roles and sign-ups (``privacy_registrations``)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from bewoners import privacy
from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import START, op
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

S = Aanmelding.Status


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf", email="olaf@example.org")


@pytest.fixture
def wandelgroep(organisator, bewoner, helper):
    """Organised by Olaf; Bep (who wants to hear of everything, and be seen) and Henk are members."""
    groep = InitiatiefFactory(
        naam="Wandelgroep De Linde", organisatoren=[organisator], leden=[helper]
    )
    Lidmaatschap.objects.create(
        initiatief=groep, user=bewoner, toon_naam_en_contact=True, lid_sinds=START
    )
    return groep


@pytest.fixture
def eetclub(bewoner):
    """Bep's own initiative: she is its only organiser."""
    return services.initiatief_create(
        door=bewoner,
        goedgekeurd=True,
        naam="Eetclub Samen aan Tafel",
        slug="eetclub",
        beschrijving="Elke vrijdag samen koken en eten.",
        thema="eten",
    )


def wandelen(initiatief, door, *, weken=2, capaciteit=1):
    return services.activiteit_create(
        initiatief=initiatief,
        door=door,
        titel="Wandelen",
        begin=op(1, 10),
        einde=op(1, 11),
        capaciteit=capaciteit,
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=op(7 * weken + 1, 10).date(),
    )


def voorbij(activiteit, dagen):
    begin = op(dagen, 10)
    return Bijeenkomst.objects.create(
        activiteit=activiteit, begin=begin, einde=begin + timedelta(hours=1), volgens_regel=begin
    )


def test_export_holds_memberships_organising_and_sign_ups_with_attendance(
    wandelgroep, eetclub, organisator, bewoner, helper
):
    activiteit = wandelen(wandelgroep, organisator)
    eerste, tweede, _derde = activiteit.bijeenkomsten.order_by("begin")
    services.aanmelding_create(bijeenkomst=eerste, user=helper)
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)  # waiting list
    services.aanmelding_create(bijeenkomst=tweede, user=bewoner)
    vorige_week = voorbij(activiteit, -6)
    Aanmelding.objects.create(
        bijeenkomst=vorige_week, user=bewoner, status=S.AANGEMELD, aanwezig=True
    )
    services.activiteit_create(
        initiatief=eetclub, door=bewoner, titel="Koken", begin=op(4, 17), einde=op(4, 20)
    )

    data = privacy.export_user_data(bewoner)["initiatieven"]

    leden = {lid["initiatief"]: lid for lid in data["lidmaatschappen"]}
    assert set(leden) == {"Wandelgroep De Linde", "Eetclub Samen aan Tafel"}
    assert leden["Wandelgroep De Linde"]["toon_naam_en_contact"] is True
    assert leden["Wandelgroep De Linde"]["nieuwe_activiteiten_melden"] is True
    assert leden["Wandelgroep De Linde"]["status"] == "lid"
    assert data["organisator_van"] == ["Eetclub Samen aan Tafel"]
    assert [a["titel"] for a in data["activiteiten_aangemaakt"]] == ["Koken"]
    assert [(a["begin"], a["status"], a["aanwezig"]) for a in data["aanmeldingen"]] == [
        (vorige_week.begin, "aangemeld", True),
        (eerste.begin, "wachtlijst", None),
        (tweede.begin, "aangemeld", None),
    ]
    assert data["aanmeldingen"][0]["activiteit"] == "Wandelen"
    assert data["aanmeldingen"][0]["initiatief"] == "Wandelgroep De Linde"
    # Henk's sign-up is his, not part of Bep's export.
    assert len(privacy.export_user_data(helper)["initiatieven"]["aanmeldingen"]) == 1
    json.loads(privacy.export_user_json(bewoner))  # serialisable


def test_an_outsider_gets_only_their_own_export(client, wandelgroep, bewoner, outsider):
    client.force_login(outsider)

    response = client.get(reverse("bewoners:export"))

    data = json.loads(response.content)
    assert data["gebruiker_id"] == outsider.pk
    assert data["initiatieven"] == {
        "lidmaatschappen": [],
        "organisator_van": [],
        "activiteiten_aangemaakt": [],
        "aanmeldingen": [],
    }
    assert "Wandelgroep De Linde" not in response.content.decode()


def test_without_login_there_is_no_export(client, wandelgroep):
    response = client.get(reverse("bewoners:export"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_erasure_cancels_what_is_to_come_and_keeps_attendance_anonymously(
    wandelgroep, organisator, bewoner, helper, django_capture_on_commit_callbacks
):
    activiteit = wandelen(wandelgroep, organisator)
    eerste, tweede, derde = activiteit.bijeenkomsten.order_by("begin")
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)
    services.aanmelding_create(bijeenkomst=eerste, user=helper)  # waiting list behind Bep
    services.aanmelding_create(bijeenkomst=tweede, user=organisator)
    services.aanmelding_create(bijeenkomst=tweede, user=bewoner)  # Bep waits herself
    services.aanmelding_create(bijeenkomst=derde, user=bewoner)
    services.aanmelding_create(bijeenkomst=derde, user=helper)
    services.bijeenkomst_cancel(bijeenkomst=derde, door=organisator)
    vorige_week = voorbij(activiteit, -6)
    geweest = Aanmelding.objects.create(
        bijeenkomst=vorige_week, user=bewoner, status=S.AANGEMELD, aanwezig=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_user(bewoner)

    def status(bijeenkomst, user):
        return Aanmelding.objects.get(bijeenkomst=bijeenkomst, user=user).status

    assert status(eerste, bewoner) == S.AFGEMELD
    assert status(eerste, helper) == S.AANGEMELD  # moved up, and told so
    assert Melding.objects.filter(ontvanger=helper, soort="activiteit_doorgeschoven").count() == 1
    assert status(tweede, bewoner) == S.AFGEMELD
    assert status(derde, bewoner) == S.AFGEMELD
    # Nobody moves up for a meeting that does not go on.
    assert status(derde, helper) == S.WACHTLIJST
    # The past keeps its figures: one attendee, now an anonymous account.
    geweest.refresh_from_db()
    assert (geweest.status, geweest.aanwezig, geweest.user_id) == (S.AANGEMELD, True, bewoner.pk)
    bewoner.refresh_from_db()
    assert bewoner.email is None and not bewoner.first_name
    assert vorige_week.aanmeldingen.filter(aanwezig=True).count() == 1


def test_erasure_removes_memberships_and_organising_and_pauses_an_initiative_left_alone(
    wandelgroep, eetclub, organisator, bewoner, helper
):
    samen = InitiatiefFactory(naam="Repair Café", organisatoren=[bewoner, organisator])
    gestopt = InitiatiefFactory(
        naam="Oude club", organisatoren=[bewoner], status=Initiatief.Status.GESTOPT
    )
    koken = services.activiteit_create(
        initiatief=eetclub, door=bewoner, titel="Koken", begin=op(4, 17), einde=op(4, 20)
    )

    privacy.erase_user(bewoner)

    assert not Lidmaatschap.objects.filter(user=bewoner).exists()
    assert not bewoner.georganiseerde_initiatieven.exists()
    eetclub.refresh_from_db()
    assert eetclub.status == Initiatief.Status.GEPAUZEERD  # kept, waiting for a new organiser
    assert not eetclub.organisatoren.exists()
    samen.refresh_from_db()
    gestopt.refresh_from_db()
    assert samen.status == Initiatief.Status.ACTIEF
    assert list(samen.organisatoren.all()) == [organisator]
    assert gestopt.status == Initiatief.Status.GESTOPT
    koken.refresh_from_db()
    assert koken.aangemaakt_door is None and koken.bijeenkomsten.count() == 1
    # Other people keep their memberships.
    assert Lidmaatschap.objects.filter(initiatief=wandelgroep, user=helper).exists()
    assert privacy.export_user_data(bewoner)["initiatieven"] == {
        "lidmaatschappen": [],
        "organisator_van": [],
        "activiteiten_aangemaakt": [],
        "aanmeldingen": [],
    }


def test_the_app_has_a_privacy_section():
    assert "initiatieven" in {s.name for s in privacy.sections()}
