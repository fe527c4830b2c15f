"""Assisted intake, acting on a resident's behalf, and matching a request by hand: the pages.

Each action done for someone is recorded (``Namens``: who, for whom, what); residents, the board
and the buurtassistent of another buurt are refused and nothing changes; bad input saves nothing
and keeps the input with a Dutch message.
"""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accommodaties.models import Reservering
from accommodaties.tests.factories import AccommodatieFactory
from bewoners.models import Categorie, User
from bewoners.tests.factories import UserFactory
from buurtassistenten import services
from buurtassistenten.models import Contactmoment, Intake, Inzage, Namens
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
from initiatieven import services as initiatieven_services
from initiatieven.models import Aanmelding
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = pytest.mark.django_db

MORGEN = 1


@pytest.fixture
def andere_assistent(andere_buurt, assistent_van):
    """The buurtassistent of Nieuwland: not for the residents of Oud-Zuid."""
    return assistent_van(andere_buurt, first_name="Anna", email="anna@example.org")


@pytest.fixture
def truus(assistent, buurt):
    """A resident without e-mail, entered by the buurtassistent."""
    return services.intake_create(
        door=assistent,
        first_name="Truus",
        last_name="de Boer",
        telefoon="030 1234567",
        adres="Lindelaan 3",
        postcode="3541 AB",
        woonplaats="Utrecht",
        buurt=buurt,
        toestemming_hoe="telefonisch",
    )


def bewoner_pagina(user) -> str:
    return reverse("buurtassistenten:bewoner", args=[user.pk])


def intake_data(**anders):
    data = {
        "first_name": "Truus",
        "last_name": "de Boer",
        "telefoon": "030 1234567",
        "adres": "Lindelaan 3",
        "postcode": "3541ab",
        "woonplaats": "Utrecht",
        "buurt": "",
        "nieuw_in_wijk": "on",
        "toestemming_hoe": "mondeling",
        "kanaal": "huisbezoek",
        "notitie": "Wil graag meedoen met de wandelgroep.",
    }
    data.update(anders)
    return {k: v for k, v in data.items() if v is not None}


def hulpvraag_data(**anders):
    data = {
        "categorie": Categorie.objects.get(slug="vervoer").pk,
        "titel": "Naar de huisarts",
        "beschrijving": "Truus moet om 10 uur bij de huisarts zijn.",
        "prive_details": "Loopt met een rollator.",
        "wanneer": "datum",
        "datum": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "tijd_van": "09:30",
        "tijd_tot": "11:00",
        "uiterlijk": "",
        "weekdag": "",
        "herhalen_tot": "",
        "urgentie": "normaal",
    }
    data.update(anders)
    return data


def berichten(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def namens_rijen():
    return list(Namens.objects.order_by("id").values_list("wat", "door_id", "voor_id", "object_id"))


# --- the whole way: intake, a request on their behalf, a helper confirmed by phone ---------------


def test_intake_then_request_on_behalf_then_a_helper_confirmed_after_a_phone_call(
    client_for, assistent, helper, buurt
):
    helper.profiel.telefoon = "06 12121212"
    helper.profiel.save()
    AanbodFactory(helper=helper, titel="Ik rijd je graag")
    client = client_for(assistent)

    response = client.post(reverse("buurtassistenten:intake"), intake_data())
    truus = User.objects.get(first_name="Truus")
    assert response.status_code == 302
    assert response["Location"] == bewoner_pagina(truus)
    assert not truus.email and not truus.has_usable_password()
    profiel = truus.profiel
    assert profiel.buurt == buurt  # found through the postcode
    assert profiel.postcode == "3541 AB"
    assert profiel.telefoon == "030 1234567"
    assert profiel.heeft_toestemming
    assert profiel.nieuw_in_wijk_sinds == timezone.localdate()
    intake = Intake.objects.get(bewoner=truus)
    assert (intake.door, intake.toestemming_hoe) == (assistent, "mondeling")
    moment = Contactmoment.objects.get(bewoner=truus)
    assert (moment.soort, moment.kanaal, moment.door) == ("intake", "huisbezoek", assistent)

    response = client.post(
        reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk]), hulpvraag_data()
    )
    hulpvraag = Hulpvraag.objects.get(aanvrager=truus)
    assert response.status_code == 302
    assert response["Location"] == reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])
    assert hulpvraag.ingevoerd_door == assistent
    assert hulpvraag.buurt == buurt

    # The match page: the request with its private details, the engine's candidate and why.
    response = client.get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Loopt met een rollator." in content
    assert "Henk de Vries" in content
    assert "06 12121212" in content
    assert "zelfde buurt · Vervoer" in content
    assert "Ik rijd je graag" in content

    response = client.post(
        reverse("buurtassistenten:voorstellen", args=[hulpvraag.pk]),
        {"helper": helper.pk, "bevestigd": "1"},
    )
    assert response.status_code == 302
    assert berichten(response) == ["Henk helpt Truus. Beiden krijgen bericht met de gegevens."]
    match = Match.objects.get(hulpvraag=hulpvraag)
    assert (match.helper, match.status, match.voorgesteld_door) == (
        helper,
        Match.Status.GEACCEPTEERD,
        assistent,
    )
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.GEMATCHT

    # Who did what for whom.
    assert namens_rijen() == [
        (Namens.Wat.HULPVRAAG, assistent.pk, truus.pk, hulpvraag.pk),
        (Namens.Wat.MATCH, assistent.pk, truus.pk, match.pk),
    ]
    assert Namens.objects.get(wat=Namens.Wat.MATCH).omschrijving == "Naar de huisarts → Henk"

    response = client.get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk]))
    assert "Geaccepteerd" in response.content.decode()
    assert "Afzeggen en iemand anders zoeken" in response.content.decode()


def test_ask_a_helper_then_confirm_the_proposal_after_a_phone_call(
    client_for, assistent, truus, helper
):
    AanbodFactory(helper=helper)
    hulpvraag = HulpvraagFactory(aanvrager=truus, ingevoerd_door=assistent)
    client = client_for(assistent)

    response = client.post(
        reverse("buurtassistenten:voorstellen", args=[hulpvraag.pk]), {"helper": helper.pk}
    )
    assert berichten(response) == ["Henk is gevraagd en krijgt bericht. Henk zegt zelf ja of nee."]
    match = Match.objects.get(hulpvraag=hulpvraag)
    assert match.status == Match.Status.VOORGESTELD

    # The helper is no longer a candidate; the proposal can be confirmed.
    content = client.get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])).content
    assert b"Vraag deze helper" not in content
    assert b"Gevraagd door Bas" in content

    client.post(reverse("buurtassistenten:voorstel_bevestigen", args=[hulpvraag.pk, match.pk]))
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD
    assert [(w, d, v) for w, d, v, _o in namens_rijen()] == [
        (Namens.Wat.MATCH, assistent.pk, truus.pk),
        (Namens.Wat.MATCH, assistent.pk, truus.pk),
    ]


def test_an_engine_proposal_is_confirmed_for_the_helper(client_for, assistent, truus, helper):
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper)
    response = client_for(assistent).post(
        reverse("buurtassistenten:voorstel_bevestigen", args=[hulpvraag.pk, match.pk])
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD
    namens = Namens.objects.get()
    assert (namens.wat, namens.door, namens.voor, namens.object_id) == (
        Namens.Wat.MATCH,
        assistent,
        truus,
        match.pk,
    )


# --- the intake form -------------------------------------------------------------------------------


def test_two_residents_without_email_can_be_entered(client_for, assistent, truus):
    response = client_for(assistent).post(
        reverse("buurtassistenten:intake"), intake_data(first_name="Kees")
    )
    assert response.status_code == 302
    assert User.objects.filter(first_name="Kees").exists()


def test_intake_without_consent_is_refused(client_for, assistent):
    response = client_for(assistent).post(
        reverse("buurtassistenten:intake"), intake_data(toestemming_hoe=None)
    )
    assert response.status_code == 200
    assert "Zonder toestemming kun je iemand niet inschrijven." in response.content.decode()
    assert not User.objects.filter(first_name="Truus").exists()
    assert not Intake.objects.exists() and not Contactmoment.objects.exists()


@pytest.mark.parametrize(
    ("anders", "veld", "fout"),
    [
        ({"first_name": ""}, "first_name", "Vul een voornaam in."),
        ({"toestemming_hoe": "geknikt"}, "toestemming_hoe", "Kies een van de manieren"),
        ({"postcode": "35411"}, "postcode", "Vul een postcode in zoals 3541 AB"),
        ({"telefoon": "bel me"}, "telefoon", "minstens 10 cijfers"),
        ({"kanaal": "duif"}, "kanaal", "Kies een van de manieren"),
        ({"notitie": "x" * 1001}, "notitie", "Dit is te lang"),
    ],
)
def test_intake_with_bad_input_saves_nothing(client_for, assistent, anders, veld, fout):
    response = client_for(assistent).post(reverse("buurtassistenten:intake"), intake_data(**anders))
    assert response.status_code == 200
    form = response.context["form"]
    assert fout in " ".join(form.errors[veld])
    assert User.objects.count() == 1  # only the buurtassistent
    assert not Intake.objects.exists()
    assert 'value="Lindelaan 3"' in response.content.decode()  # the input is kept


def test_intake_in_a_buurt_of_another_buurtassistent_is_refused(
    client_for, assistent, andere_assistent, andere_buurt
):
    client = client_for(assistent)
    # Nieuwland is not in the list of buurten to choose from...
    response = client.post(
        reverse("buurtassistenten:intake"), intake_data(buurt=andere_buurt.pk, postcode="")
    )
    assert "buurt" in response.context["form"].errors
    # ... nor through its postcode.
    response = client.post(reverse("buurtassistenten:intake"), intake_data(postcode="3543 AA"))
    assert "Deze postcode hoort bij Nieuwland." in " ".join(
        response.context["form"].errors["postcode"]
    )
    assert not Intake.objects.exists()


def test_the_intake_form_shows_the_consent_choices(client_for, assistent):
    response = client_for(assistent).get(reverse("buurtassistenten:intake"))
    assert response.status_code == 200
    content = response.content.decode()
    for keuze in ("Mondeling, bij een bezoek", "Telefonisch", "Op papier getekend"):
        assert keuze in content


# --- on their behalf: a request, a sign-up, a booking ------------------------------------------


def test_a_request_on_behalf_with_bad_input_saves_nothing(client_for, assistent, truus):
    response = client_for(assistent).post(
        reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk]),
        hulpvraag_data(titel="", datum="2001-01-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "titel" in errors and "datum" in errors
    assert not Hulpvraag.objects.exists() and not Namens.objects.exists()


@pytest.fixture
def wandelen(helper):
    """A walk tomorrow with one place."""
    initiatief = InitiatiefFactory(naam="Wandelgroep Oud-Zuid", organisatoren=[helper])
    begin = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=MORGEN), time(10))
    )
    activiteit = initiatieven_services.activiteit_create(
        initiatief=initiatief,
        door=helper,
        titel="Ommetje",
        begin=begin,
        einde=begin + timedelta(hours=1),
        capaciteit=1,
    )
    return activiteit.bijeenkomsten.get()


def test_sign_up_on_behalf_and_the_waiting_list(client_for, assistent, truus, bewoner, wandelen):
    client = client_for(assistent)
    url = reverse("buurtassistenten:aanmelden_namens", args=[truus.pk])
    content = client.get(url).content.decode()
    assert "Ommetje (Wandelgroep Oud-Zuid) · nog 1 plek" in content

    initiatieven_services.aanmelding_create(bijeenkomst=wandelen, user=bewoner)  # now it is full
    assert "vol, wachtlijst" in client.get(url).content.decode()
    response = client.post(url, {"bijeenkomst": wandelen.pk})
    assert response.status_code == 302
    assert response["Location"] == bewoner_pagina(truus)
    aanmelding = Aanmelding.objects.get(user=truus)
    assert aanmelding.status == Aanmelding.Status.WACHTLIJST
    (bericht,) = berichten(response)
    assert "is vol. Truus staat op de wachtlijst, als nummer 1." in bericht
    assert namens_rijen() == [(Namens.Wat.AANMELDING, assistent.pk, truus.pk, wandelen.pk)]


@pytest.mark.parametrize("keuze", ["", "999999", "geen"])
def test_sign_up_on_behalf_with_bad_input_saves_nothing(
    client_for, assistent, truus, wandelen, keuze
):
    response = client_for(assistent).post(
        reverse("buurtassistenten:aanmelden_namens", args=[truus.pk]), {"bijeenkomst": keuze}
    )
    assert response.status_code == 200
    assert "bijeenkomst" in response.context["form"].errors
    assert not Aanmelding.objects.exists() and not Namens.objects.exists()


@pytest.fixture
def zaal(buurt):
    return AccommodatieFactory(naam="Buurtzaal De Linde", buurt=buurt, goedkeuring_nodig=False)


def boek_data(zaal, **anders):
    data = {
        "accommodatie": zaal.pk,
        "datum": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "van": "10:00",
        "tot": "12:00",
        "aantal_personen": "6",
        "doel": "Verjaardag van Truus",
    }
    data.update(anders)
    return data


def test_book_a_room_on_behalf(client_for, assistent, truus, zaal):
    response = client_for(assistent).post(
        reverse("buurtassistenten:reserveren_namens", args=[truus.pk]), boek_data(zaal)
    )
    assert response.status_code == 302
    assert response["Location"] == bewoner_pagina(truus)
    reservering = Reservering.objects.get()
    assert reservering.geboekt_door == truus
    assert reservering.status == Reservering.Status.BEVESTIGD
    assert berichten(response) == ["Buurtzaal De Linde is geboekt voor Truus."]
    assert namens_rijen() == [(Namens.Wat.RESERVERING, assistent.pk, truus.pk, reservering.pk)]


@pytest.mark.parametrize(
    ("anders", "veld", "fout"),
    [
        ({"aantal_personen": "50"}, "aantal_personen", "Er passen hoogstens 20 mensen"),
        ({"van": "06:00", "tot": "07:00"}, "van", "De ruimte is dan niet open."),
        ({"tot": "09:00"}, "tot", "Het einde moet na het begin liggen."),
        ({"datum": "2001-01-01"}, "van", "Dit moment is al voorbij."),
        ({"doel": ""}, "doel", "Dit veld is verplicht."),
        ({"accommodatie": ""}, "accommodatie", "Kies een ruimte."),
    ],
)
def test_book_on_behalf_with_bad_input_saves_nothing(
    client_for, assistent, truus, zaal, anders, veld, fout
):
    response = client_for(assistent).post(
        reverse("buurtassistenten:reserveren_namens", args=[truus.pk]), boek_data(zaal, **anders)
    )
    assert response.status_code == 200
    assert fout in " ".join(response.context["form"].errors[veld])
    assert not Reservering.objects.exists() and not Namens.objects.exists()


# --- handing over the account ------------------------------------------------------------------


def test_claim_the_account_sends_the_password_link(client_for, assistent, truus):
    response = client_for(assistent).post(
        reverse("buurtassistenten:account_claimen", args=[truus.pk]),
        {"email": "Truus@Example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == bewoner_pagina(truus)
    truus.refresh_from_db()
    assert truus.email == "truus@example.org"
    assert [m.to for m in mail.outbox] == [["truus@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert Intake.objects.get(bewoner=truus).geclaimd_op is not None
    assert namens_rijen() == [(Namens.Wat.ACCOUNT, assistent.pk, truus.pk, None)]


@pytest.mark.parametrize(
    ("email", "fout"),
    [
        ("bep@example.org", "Dit e-mailadres hoort al bij een ander account."),
        ("BEP@example.org", "Dit e-mailadres hoort al bij een ander account."),
        ("geen-adres", "Vul een e-mailadres in, zoals naam@voorbeeld.nl."),
        ("", "Vul het e-mailadres van de bewoner in."),
    ],
)
def test_claim_with_a_taken_or_bad_address_changes_nothing(
    client_for, assistent, truus, bewoner, email, fout
):
    response = client_for(assistent).post(
        reverse("buurtassistenten:account_claimen", args=[truus.pk]), {"email": email}
    )
    assert response.status_code == 200
    assert fout in response.content.decode()
    truus.refresh_from_db()
    assert not truus.email
    assert mail.outbox == [] and not Namens.objects.exists()


def test_a_resident_with_an_address_already_gets_no_form(client_for, assistent, bewoner):
    response = client_for(assistent).post(
        reverse("buurtassistenten:account_claimen", args=[bewoner.pk]),
        {"email": "nieuw@example.org"},
    )
    assert response.status_code == 200
    assert "heeft al een e-mailadres" in response.content.decode()
    bewoner.refresh_from_db()
    assert bewoner.email == "bep@example.org" and mail.outbox == []


# --- matching by hand: reassign, close, errors ---------------------------------------------------


def test_reassign_calls_off_the_agreed_help_and_opens_the_request(
    client_for, assistent, truus, helper
):
    hulpvraag = HulpvraagFactory(aanvrager=truus, status=Hulpvraag.Status.GEMATCHT)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper, geaccepteerd=True)
    url = reverse("buurtassistenten:match_afzeggen", args=[hulpvraag.pk, match.pk])
    client = client_for(assistent)

    response = client.post(url, {"reden": ""})
    assert response.status_code == 400
    assert "Schrijf kort op waarom het niet doorgaat." in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD

    response = client.post(url, {"reden": "Henk is ziek."})
    assert response.status_code == 302
    match.refresh_from_db()
    hulpvraag.refresh_from_db()
    assert (match.status, match.reden) == (Match.Status.GEANNULEERD, "Henk is ziek.")
    assert hulpvraag.status == Hulpvraag.Status.OPEN
    assert Namens.objects.filter(door=assistent, voor=truus, wat="afgezegd").count() == 1


def test_close_the_request_on_behalf(client_for, assistent, truus, helper):
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper)
    url = reverse("buurtassistenten:hulpvraag_sluiten", args=[hulpvraag.pk])
    client = client_for(assistent)

    response = client.post(url)
    assert berichten(response) == ["De hulpvraag is gesloten. Wie gevraagd was, krijgt bericht."]
    hulpvraag.refresh_from_db()
    match.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.INGETROKKEN
    assert match.status == Match.Status.GEANNULEERD
    assert Namens.objects.filter(door=assistent, voor=truus, wat="gesloten").count() == 1

    response = client.post(url)
    assert berichten(response)[-1] == "Deze hulpvraag is al gesloten."

    content = client.get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])).content
    assert b"Wie kan helpen?" not in content and b"Hulpvraag sluiten" not in content


@pytest.mark.parametrize(
    ("wie", "fout"),
    [
        ("aanvrager", "De aanvrager kan niet zijn eigen helper zijn."),
        ("zonder_toestemming", "Deze persoon kan nu niet gevraagd worden"),
        ("al_gevraagd", "Deze helper is al eerder gevraagd voor deze hulpvraag."),
        ("niemand", "Kies een helper uit de lijst."),
    ],
)
def test_matching_by_hand_refuses_a_wrong_helper_in_dutch(
    client_for, assistent, truus, helper, wie, fout
):
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    kandidaat = {
        "aanvrager": truus.pk,
        "zonder_toestemming": UserFactory(profiel__zonder_toestemming=True).pk,
        "al_gevraagd": helper.pk,
        "niemand": "",
    }[wie]
    MatchFactory(hulpvraag=hulpvraag, helper=helper, status=Match.Status.AFGEWEZEN)
    response = client_for(assistent).post(
        reverse("buurtassistenten:voorstellen", args=[hulpvraag.pk]),
        {"helper": kandidaat, "bevestigd": "1"},
    )
    assert response.status_code == 302
    (bericht,) = berichten(response)
    assert fout in bericht
    assert Match.objects.count() == 1 and not Namens.objects.exists()


def test_a_helper_for_a_request_that_has_one_is_refused(client_for, assistent, truus, helper):
    hulpvraag = HulpvraagFactory(aanvrager=truus, status=Hulpvraag.Status.GEMATCHT)
    response = client_for(assistent).post(
        reverse("buurtassistenten:voorstellen", args=[hulpvraag.pk]), {"helper": helper.pk}
    )
    assert berichten(response) == ["Deze hulpvraag heeft al een helper of is gesloten."]
    assert not Match.objects.exists()


@pytest.mark.parametrize("aantal", [1, 12])
def test_match_page_queries_do_not_grow_with_candidates(
    client_for, assistent, truus, buurt, aantal, django_assert_max_num_queries
):
    for _i in range(aantal):
        AanbodFactory(helper=UserFactory(profiel__buurt=buurt))
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    for _i in range(aantal):
        MatchFactory(hulpvraag=hulpvraag, helper=UserFactory(), status=Match.Status.VERLOPEN)
    client = client_for(assistent)
    url = reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])
    # 12, plus writing the access log, plus what the viewer may see of the people on the page
    # (werkgebied, and the relations of the helpers outside it), plus why each helper fits
    # (``handmatig.beoordelen``) and the choices of the search form
    with django_assert_max_num_queries(23):
        response = client.get(url)
    assert response.content.decode().count("Vraag deze helper") == min(aantal, 10)
    # The page shows the requester's private details: the opening is logged.
    assert Inzage.objects.filter(door=assistent, bewoner=truus).count() == 1


# --- who may ---------------------------------------------------------------------------------


def _urls(truus, hulpvraag, match):
    return [
        ("get", reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk])),
        ("post", reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk])),
        ("get", reverse("buurtassistenten:aanmelden_namens", args=[truus.pk])),
        ("post", reverse("buurtassistenten:aanmelden_namens", args=[truus.pk])),
        ("get", reverse("buurtassistenten:reserveren_namens", args=[truus.pk])),
        ("post", reverse("buurtassistenten:reserveren_namens", args=[truus.pk])),
        ("get", reverse("buurtassistenten:account_claimen", args=[truus.pk])),
        ("post", reverse("buurtassistenten:account_claimen", args=[truus.pk])),
        ("get", reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])),
        ("post", reverse("buurtassistenten:voorstellen", args=[hulpvraag.pk])),
        (
            "post",
            reverse("buurtassistenten:voorstel_bevestigen", args=[hulpvraag.pk, match.pk]),
        ),
        ("post", reverse("buurtassistenten:match_afzeggen", args=[hulpvraag.pk, match.pk])),
        ("post", reverse("buurtassistenten:hulpvraag_sluiten", args=[hulpvraag.pk])),
    ]


@pytest.mark.parametrize("wie", ["bewoner", "bestuurslid"])
def test_only_buurtassistenten_do_intakes(request, client_for, wie):
    client = client_for(request.getfixturevalue(wie))
    assert client.get(reverse("buurtassistenten:intake")).status_code == 403
    response = client.post(reverse("buurtassistenten:intake"), intake_data())
    assert response.status_code == 403
    assert not User.objects.filter(first_name="Truus").exists()


@pytest.mark.parametrize("wie", ["bewoner", "bestuurslid", "andere_assistent"])
def test_others_are_refused_and_nothing_changes(
    request, client_for, assistent, truus, helper, wie, zaal, wandelen
):
    user = request.getfixturevalue(wie)
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper)
    client = client_for(user)
    gegevens = {
        **hulpvraag_data(),
        **boek_data(zaal),
        "bijeenkomst": wandelen.pk,
        "email": "truus@example.org",
        "helper": helper.pk,
        "bevestigd": "1",
        "reden": "Zomaar.",
    }
    for methode, url in _urls(truus, hulpvraag, match):
        response = client.get(url) if methode == "get" else client.post(url, gegevens)
        assert response.status_code == 403, (wie, methode, url)
    assert Hulpvraag.objects.get() == hulpvraag
    hulpvraag.refresh_from_db()
    match.refresh_from_db()
    truus.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.OPEN
    assert match.status == Match.Status.VOORGESTELD
    assert Match.objects.count() == 1
    assert not truus.email
    assert not Aanmelding.objects.exists() and not Reservering.objects.exists()
    assert not Namens.objects.exists() and mail.outbox == []


def test_the_buurtassistent_of_another_buurt_may_act_for_residents_nobody_follows(
    client_for, andere_assistent, bewoner, buurt
):
    """Oud-Zuid without an assigned buurtassistent: its residents are everyone's."""
    assert not buurt.buurtassistenten.exists()
    response = client_for(andere_assistent).get(
        reverse("buurtassistenten:hulpvraag_namens", args=[bewoner.pk])
    )
    assert response.status_code == 200


def test_pages_need_a_login(client, truus):
    hulpvraag = HulpvraagFactory(aanvrager=truus)
    for url in (
        reverse("buurtassistenten:intake"),
        reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk]),
        reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_or_inactive_resident_is_not_found(client_for, assistent, truus):
    truus.is_active = False
    truus.save()
    client = client_for(assistent)
    assert (
        client.get(reverse("buurtassistenten:hulpvraag_namens", args=[truus.pk])).status_code == 404
    )
    assert client.get(reverse("buurtassistenten:hulpvraag_namens", args=[99999])).status_code == 404
