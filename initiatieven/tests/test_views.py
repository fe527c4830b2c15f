"""Pages for initiatives, activities and meetings: who sees and may do what, bad input, the
agenda's filters and query count, the printable week, and the waiting list through the pages."""

from datetime import date, timedelta
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from initiatieven import permissions, services
from initiatieven.models import (
    Aanmelding,
    Activiteit,
    Bijeenkomst,
    Initiatief,
    Lidmaatschap,
    Thema,
)
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import START, op, wekelijks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def organisator(db):
    return UserFactory(
        first_name="Olaf",
        last_name="Olsen",
        email="olaf@example.org",
        profiel__telefoon="06-12345678",
    )


@pytest.fixture
def wandelgroep(organisator, bewoner, buurt):
    groep = InitiatiefFactory(
        naam="Wandelgroep De Linde",
        slug="wandelgroep-de-linde",
        contact="Mail ons: wandelen@example.org",
        organisatoren=[organisator],
        leden=[bewoner],
    )
    groep.buurten.add(buurt)
    return groep


# The series of ``hulp.wekelijks``, under another title.
wekelijks = partial(wekelijks, titel="Samen wandelen")


@pytest.fixture
def activiteit(wandelgroep, organisator):
    return wekelijks(wandelgroep, organisator)


@pytest.fixture
def keer(activiteit):
    """The first meeting: Tuesday 5 March 2030, 10:00-11:30."""
    return activiteit.bijeenkomsten.order_by("begin").first()


def url(naam, *args):
    return reverse(f"initiatieven:{naam}", args=args)


def inhoud(response) -> str:
    return response.content.decode()


def berichten(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- public pages ------------------------------------------------------------------------------


def test_public_pages_are_readable_without_login(client, wandelgroep, activiteit, keer):
    for adres in (
        url("list"),
        wandelgroep.get_absolute_url(),
        activiteit.get_absolute_url(),
        keer.get_absolute_url(),
        url("agenda"),
        url("week"),
    ):
        response = client.get(adres)
        assert response.status_code == 200, adres
        assert "Wandelgroep De Linde" in inhoud(response), adres

    pagina = inhoud(client.get(wandelgroep.get_absolute_url()))
    assert "Bewegen" in pagina and "Oud-Zuid" in pagina
    assert "wandelen@example.org" in pagina  # the contact the initiative chose to publish
    assert "Samen wandelen" in pagina and "Nog 2 plekken vrij" in pagina
    assert "Inloggen om mee te doen" in pagina
    # Anonymous visitors see how many members, not who.
    assert "Dit initiatief heeft 2 leden." in pagina
    assert "Bep" not in pagina and "Olaf" not in pagina and "bep@example.org" not in pagina

    keer_pagina = inhoud(client.get(keer.get_absolute_url()))
    assert "Inloggen om je aan te melden" in keer_pagina
    assert "Bep" not in keer_pagina


def test_actions_need_a_login(client, wandelgroep, keer):
    for adres in (
        url("nieuw"),
        url("mijn"),
        url("bewerken", wandelgroep.slug),
        url("leden", wandelgroep.slug),
        url("activiteit_nieuw", wandelgroep.slug),
    ):
        response = client.get(adres)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    response = client.post(url("aanmelden", keer.pk))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Aanmelding.objects.exists()


def test_changes_only_by_post(client_for, bewoner, wandelgroep, keer):
    client = client_for(bewoner)
    assert client.get(url("aanmelden", keer.pk)).status_code == 405
    assert client.get(url("lid_worden", wandelgroep.slug)).status_code == 405
    assert not Aanmelding.objects.exists()


def test_a_stopped_initiative_is_gone_except_for_its_organisers(
    client, client_for, wandelgroep, organisator, outsider, keer
):
    Initiatief.objects.filter(pk=wandelgroep.pk).update(status=Initiatief.Status.GESTOPT)
    assert client.get(wandelgroep.get_absolute_url()).status_code == 404
    assert client.get(keer.get_absolute_url()).status_code == 404
    assert client_for(outsider).get(wandelgroep.get_absolute_url()).status_code == 404
    assert "Wandelgroep De Linde" not in inhoud(client.get(url("list")))
    response = client_for(organisator).get(wandelgroep.get_absolute_url())
    assert response.status_code == 200 and "is gestopt" in inhoud(response)


def test_the_list_filters_on_theme_and_neighbourhood(client, wandelgroep, andere_buurt):
    eetclub = InitiatiefFactory(naam="Eetclub Nieuwland", thema=Thema.ETEN)
    eetclub.buurten.add(andere_buurt)
    alles = inhoud(client.get(url("list")))
    assert "Wandelgroep De Linde" in alles and "Eetclub Nieuwland" in alles

    eten = inhoud(client.get(url("list"), {"thema": "eten"}))
    assert "Eetclub Nieuwland" in eten and "Wandelgroep De Linde" not in eten
    buurt = inhoud(client.get(url("list"), {"buurt": andere_buurt.pk}))
    assert "Eetclub Nieuwland" in buurt and "Wandelgroep De Linde" not in buurt

    partial = inhoud(client.get(url("list"), {"thema": "eten"}, HTTP_HX_REQUEST="true"))
    assert '<section id="initiatieven-lijst"' in partial and "<html" not in partial


# --- members and what they see of each other ---------------------------------------------------


def test_members_see_first_names_unless_someone_chose_to_show_more(
    client_for, wandelgroep, bewoner, helper, outsider
):
    Lidmaatschap.objects.create(
        initiatief=wandelgroep, user=helper, toon_naam_en_contact=True, lid_sinds=START
    )
    als_bep = inhoud(client_for(bewoner).get(wandelgroep.get_absolute_url()))
    assert "Henk de Vries" in als_bep and "henk@example.org" in als_bep  # opted in
    assert "Olaf" in als_bep and "Olsen" not in als_bep  # first name only
    assert "olaf@example.org" not in als_bep
    assert "Bep Jansen" in als_bep  # herself

    als_henk = inhoud(client_for(helper).get(wandelgroep.get_absolute_url()))
    assert "Bep" in als_henk
    assert "Jansen" not in als_henk and "bep@example.org" not in als_henk

    als_olga = inhoud(client_for(outsider).get(wandelgroep.get_absolute_url()))
    assert "Dit initiatief heeft 3 leden." in als_olga
    assert "Bep" not in als_olga and "Henk" not in als_olga
    assert "Lid worden" in als_olga


def test_members_change_their_own_choices(client_for, wandelgroep, bewoner, outsider):
    response = client_for(bewoner).post(
        url("lid_instellingen", wandelgroep.slug),
        {"toon_naam_en_contact": "on"},
    )
    assert response.status_code == 302
    lid = Lidmaatschap.objects.get(initiatief=wandelgroep, user=bewoner)
    assert lid.toon_naam_en_contact is True and lid.nieuwe_activiteiten_melden is False

    # Someone who is not a member has no choices to change.
    response = client_for(outsider).post(
        url("lid_instellingen", wandelgroep.slug), {"toon_naam_en_contact": "on"}
    )
    assert response.status_code == 404
    assert not Lidmaatschap.objects.filter(user=outsider).exists()


def test_organisers_see_every_member_with_contact(client_for, wandelgroep, organisator):
    response = client_for(organisator).get(url("leden", wandelgroep.slug))
    assert response.status_code == 200
    pagina = inhoud(response)
    assert "Bep Jansen" in pagina and "bep@example.org" in pagina
    assert "Olaf Olsen" in pagina and "06-12345678" in pagina


def test_join_an_open_initiative_and_leave_it(client_for, wandelgroep, outsider):
    client = client_for(outsider)
    response = client.post(url("lid_worden", wandelgroep.slug), follow=True)
    assert "Je bent nu lid van Wandelgroep De Linde." in berichten(response)[0]
    assert permissions.is_lid(outsider, wandelgroep)
    assert "Je bent lid van dit initiatief." in inhoud(response)

    response = client.post(url("opzeggen", wandelgroep.slug), follow=True)
    assert "Je bent geen lid meer" in berichten(response)[0]
    assert not permissions.is_lid(outsider, wandelgroep)


def test_join_on_approval_says_so_and_the_organiser_decides(
    client_for, organisator, outsider, helper
):
    groep = InitiatiefFactory(
        naam="Buurtacademie", aanmelden="goedkeuring", organisatoren=[organisator]
    )
    client = client_for(outsider)
    assert "Vraag aan om lid te worden" in inhoud(client.get(groep.get_absolute_url()))
    response = client.post(url("lid_worden", groep.slug), follow=True)
    assert "Je aanvraag is verstuurd." in berichten(response)[0]
    assert "Je aanvraag wacht op een organisator." in inhoud(response)
    client_for(helper).post(url("lid_worden", groep.slug))

    organisator_client = client_for(organisator)
    pagina = inhoud(organisator_client.get(url("leden", groep.slug)))
    assert "2 aanvragen wachten op jou" in pagina and "Olga Buiten" in pagina
    aanvraag = Lidmaatschap.objects.get(initiatief=groep, user=outsider)
    response = organisator_client.post(
        url("lid_besluit", groep.slug, aanvraag.pk), {"besluit": "goedkeuren"}
    )
    assert response.status_code == 302
    assert permissions.is_lid(outsider, groep)
    andere = Lidmaatschap.objects.get(initiatief=groep, user=helper)
    organisator_client.post(url("lid_besluit", groep.slug, andere.pk), {"besluit": "afwijzen"})
    assert not Lidmaatschap.objects.filter(initiatief=groep, user=helper).exists()


def test_the_only_organiser_cannot_leave(client_for, wandelgroep, organisator):
    client = client_for(organisator)
    assert "Geen lid meer zijn" not in inhoud(client.get(wandelgroep.get_absolute_url()))
    response = client.post(url("opzeggen", wandelgroep.slug), follow=True)
    assert "Je bent de enige organisator." in berichten(response)[0]
    assert permissions.is_organisator(organisator, wandelgroep)


# --- starting and changing an initiative -------------------------------------------------------


def nieuw_initiatief(**anders):
    data = {
        "naam": "Repair Café Oud-Zuid",
        "thema": "leren",
        "beschrijving": "Samen spullen repareren.",
        "aanmelden": "open",
        "contact": "",
        "accommodatie": "",
        "adres": "Lindelaan 1",
    }
    data.update(anders)
    return data


def test_a_resident_starts_an_initiative_and_organises_it(client_for, bewoner, buurt):
    response = client_for(bewoner).post(url("nieuw"), nieuw_initiatief(buurten=[buurt.pk]))
    initiatief = Initiatief.objects.get(naam="Repair Café Oud-Zuid")
    assert response.status_code == 302 and response["Location"] == initiatief.get_absolute_url()
    assert initiatief.slug == "repair-cafe-oud-zuid"
    assert list(initiatief.buurten.all()) == [buurt]
    assert permissions.is_organisator(bewoner, initiatief) and permissions.is_lid(
        bewoner, initiatief
    )


def test_without_consent_a_friendly_explanation_instead_of_the_form(client_for, db):
    zonder = UserFactory(profiel__toestemming_op=None)
    client = client_for(zonder)
    response = client.get(url("nieuw"))
    assert "Eerst je toestemming" in inhoud(response) and "<form method" not in inhoud(response)
    client.post(url("nieuw"), nieuw_initiatief())
    assert not Initiatief.objects.exists()


@pytest.mark.parametrize("woord", ["agenda", "nieuw", "mijn", "activiteiten", "bijeenkomsten"])
def test_a_name_like_a_word_of_the_website_gets_a_number(client_for, bewoner, woord):
    client_for(bewoner).post(url("nieuw"), nieuw_initiatief(naam=woord.capitalize()))
    assert Initiatief.objects.get(naam=woord.capitalize()).slug == f"{woord}-2"


def test_the_address_is_made_from_the_name_and_no_field(client_for, bewoner, wandelgroep):
    client = client_for(bewoner)
    assert 'name="slug"' not in inhoud(client.get(url("nieuw")))
    client.post(url("nieuw"), nieuw_initiatief(naam="Wandelgroep De Linde"))
    assert Initiatief.objects.filter(slug="wandelgroep-de-linde-2").exists()
    client.post(url("nieuw"), nieuw_initiatief(naam="Wandelgroep De Linde", slug="eigen-adres"))
    assert Initiatief.objects.filter(slug="wandelgroep-de-linde-3").exists()
    assert not Initiatief.objects.filter(slug="eigen-adres").exists()


def test_a_name_without_letters_or_digits_is_refused_kindly(client_for, bewoner):
    response = client_for(bewoner).post(url("nieuw"), nieuw_initiatief(naam="!!! ???"))
    assert response.status_code == 400
    assert "Gebruik ook letters of cijfers in de naam." in response.context["form"].errors["naam"]
    assert not Initiatief.objects.exists()


def test_organisers_change_the_initiative(client_for, wandelgroep, organisator):
    data = nieuw_initiatief(naam="Wandelclub De Linde", status="gepauzeerd")
    response = client_for(organisator).post(url("bewerken", wandelgroep.slug), data)
    assert response.status_code == 302
    wandelgroep.refresh_from_db()
    assert wandelgroep.naam == "Wandelclub De Linde"
    assert wandelgroep.status == Initiatief.Status.GEPAUZEERD
    assert wandelgroep.slug == "wandelgroep-de-linde"  # the address stays


# --- who is refused ----------------------------------------------------------------------------


def test_members_and_outsiders_may_not_organise(
    client_for, wandelgroep, activiteit, keer, bewoner, outsider, klok
):
    aanvraag = Lidmaatschap.objects.create(
        initiatief=wandelgroep, user=UserFactory(), status=Lidmaatschap.Status.AANGEVRAAGD
    )
    verzoeken = [
        ("get", url("bewerken", wandelgroep.slug), {}),
        ("post", url("bewerken", wandelgroep.slug), nieuw_initiatief(naam="Overgenomen")),
        ("get", url("leden", wandelgroep.slug), {}),
        ("post", url("lid_besluit", wandelgroep.slug, aanvraag.pk), {"besluit": "goedkeuren"}),
        ("get", url("activiteit_nieuw", wandelgroep.slug), {}),
        ("post", url("activiteit_nieuw", wandelgroep.slug), activiteit_data()),
        ("get", url("activiteit_bewerken", activiteit.pk), {}),
        ("post", url("activiteit_bewerken", activiteit.pk), {"titel": "Weg", "capaciteit": 1}),
        ("post", url("annuleren", keer.pk), {"annuleren-reden": "Zomaar"}),
        ("get", url("verplaatsen", keer.pk), {}),
        (
            "post",
            url("verplaatsen", keer.pk),
            {"datum": "2030-03-06", "van": "14:00", "tot": "15:00"},
        ),
    ]
    for wie in (bewoner, outsider):
        client = client_for(wie)
        for methode, adres, data in verzoeken:
            response = getattr(client, methode)(adres, data)
            assert response.status_code == 403, (wie, methode, adres)

    # Attendance, once the meeting has begun: refused too.
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    klok.move_to(op(1, 12))
    for wie in (bewoner, outsider):
        client = client_for(wie)
        assert client.get(url("aanwezigheid", keer.pk)).status_code == 403
        data = {f"aanwezig_{bewoner.pk}": "nee"}
        assert client.post(url("aanwezigheid", keer.pk), data).status_code == 403

    # Nothing changed.
    wandelgroep.refresh_from_db()
    activiteit.refresh_from_db()
    keer.refresh_from_db()
    aanvraag.refresh_from_db()
    assert wandelgroep.naam == "Wandelgroep De Linde"
    assert aanvraag.status == Lidmaatschap.Status.AANGEVRAAGD
    assert Activiteit.objects.count() == 1 and activiteit.titel == "Samen wandelen"
    assert keer.status == Bijeenkomst.Status.GEPLAND and keer.begin == op(1, 10)
    assert keer.aanmeldingen.get(user=bewoner).aanwezig is None


def test_an_organiser_of_another_initiative_is_refused(client_for, wandelgroep, keer, helper):
    InitiatiefFactory(naam="Eetclub", organisatoren=[helper])
    client = client_for(helper)
    assert client.get(url("leden", wandelgroep.slug)).status_code == 403
    assert client.post(url("annuleren", keer.pk), {"annuleren-reden": "x"}).status_code == 403
    keer.refresh_from_db()
    assert keer.status == Bijeenkomst.Status.GEPLAND


def test_what_does_not_exist_is_a_404(client_for, organisator):
    client = client_for(organisator)
    assert client.get(url("detail", "bestaat-niet")).status_code == 404
    assert client.get(url("activiteit", 999)).status_code == 404
    assert client.get(url("bijeenkomst", 999)).status_code == 404
    assert client.post(url("annuleren", 999)).status_code == 404


# --- planning an activity ----------------------------------------------------------------------


def activiteit_data(**anders):
    data = {
        "titel": "Samen wandelen",
        "beschrijving": "Een rondje door het park.",
        "datum": "2030-03-05",
        "van": "10:00",
        "tot": "11:30",
        "herhaling": "wekelijks",
        "tot_en_met": "2030-04-30",
        "locatie": "Bij de kerk",
        "accommodatie": "",
        "capaciteit": "8",
        "aanmelden_nodig": "on",
    }
    data.update(anders)
    return data


def test_an_organiser_plans_a_weekly_activity(client_for, wandelgroep, organisator):
    response = client_for(organisator).post(
        url("activiteit_nieuw", wandelgroep.slug), activiteit_data(), follow=True
    )
    activiteit = Activiteit.objects.get()
    assert response.redirect_chain[-1][0] == activiteit.get_absolute_url()
    assert "De activiteit staat 9 keer in de agenda." in berichten(response)
    eerste = activiteit.bijeenkomsten.order_by("begin").first()
    assert eerste.begin == op(1, 10) and eerste.einde == op(1, 11, 30)
    assert activiteit.capaciteit == 8 and activiteit.locatie == "Bij de kerk"
    assert "dinsdag 5 maart" in inhoud(response)


@pytest.mark.parametrize(
    ("anders", "veld", "bericht"),
    [
        ({"tot": "09:00"}, "tot", "Het einde moet na het begin liggen."),
        ({"datum": "2030-03-01"}, "van", "Dit moment is al voorbij."),
        ({"tot_en_met": ""}, "tot_en_met", "Tot wanneer herhaalt het?"),
        ({"tot_en_met": "2032-06-01"}, "tot_en_met", "Een reeks loopt hoogstens twee jaar"),
        (
            {"herhaling": "geen", "datum": "2032-06-01", "tot_en_met": ""},
            "van",
            "Plan hoogstens twee jaar vooruit.",
        ),
        ({"capaciteit": "0"}, "capaciteit", "Vul minstens 1 in, of laat het leeg."),
        ({"titel": ""}, "titel", "Dit veld is verplicht."),
        ({"datum": "morgen"}, "datum", "Vul een datum in"),
    ],
)
def test_bad_input_on_the_activity_form_is_told_in_dutch_and_nothing_is_saved(
    client_for, wandelgroep, organisator, anders, veld, bericht
):
    response = client_for(organisator).post(
        url("activiteit_nieuw", wandelgroep.slug), activiteit_data(**anders)
    )
    assert response.status_code == 400
    assert bericht in " ".join(response.context["form"].errors[veld])
    assert "Er is iets niet goed ingevuld" in inhoud(response)
    assert 'value="Bij de kerk"' in inhoud(response)  # the input is kept
    assert not Activiteit.objects.exists() and not Bijeenkomst.objects.exists()


def test_fewer_places_than_signed_up_is_refused_on_the_form(
    client_for, wandelgroep, organisator, klok
):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=3)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    for _ in range(3):
        services.aanmelding_create(bijeenkomst=keer, user=UserFactory())
    response = client_for(organisator).post(
        url("activiteit_bewerken", activiteit.pk),
        {"titel": "Wandelen", "capaciteit": "2", "aanmelden_nodig": "on"},
    )
    assert response.status_code == 400
    assert "al 3 mensen aangemeld" in " ".join(response.context["form"].errors["capaciteit"])
    activiteit.refresh_from_db()
    assert activiteit.capaciteit == 3 and activiteit.titel == "Samen wandelen"


def test_more_places_move_the_waiting_list_up(client_for, wandelgroep, organisator, helper):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=1)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=UserFactory())
    services.aanmelding_create(bijeenkomst=keer, user=helper)
    response = client_for(organisator).post(
        url("activiteit_bewerken", activiteit.pk),
        {"titel": "Wandelen", "capaciteit": "2", "aanmelden_nodig": "on", "locatie": ""},
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.titel == "Wandelen" and activiteit.capaciteit == 2
    assert keer.aanmeldingen.get(user=helper).status == Aanmelding.Status.AANGEMELD


# --- signing up and the waiting list through the pages ----------------------------------------


def test_sign_up_waiting_list_cancel_and_moved_up(
    client_for, wandelgroep, organisator, bewoner, helper
):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=1)
    keer = activiteit.bijeenkomsten.order_by("begin").first()

    bep = client_for(bewoner)
    response = bep.post(url("aanmelden", keer.pk), follow=True)
    assert "Je bent aangemeld" in berichten(response)[0]
    assert "Je bent aangemeld" in inhoud(response)
    assert "Vol" in inhoud(response)

    henk = client_for(helper)
    pagina = inhoud(henk.get(keer.get_absolute_url()))
    assert "Deze keer is vol." in pagina and "Zet me op de wachtlijst" in pagina
    response = henk.post(url("aanmelden", keer.pk), follow=True)
    assert "Je staat op de wachtlijst, nummer 1." in berichten(response)[0]
    assert "Je staat op de wachtlijst, nummer 1" in inhoud(response)

    # The organiser sees who signed up and who waits.
    pagina = inhoud(client_for(organisator).get(keer.get_absolute_url()))
    assert "Bep Jansen" in pagina and "Henk de Vries" in pagina
    assert "1 op de wachtlijst" in pagina

    bep = client_for(bewoner)
    response = bep.post(url("afmelden", keer.pk), follow=True)
    assert "Je bent afgemeld." in berichten(response)[0]
    assert "Aanmelden" in inhoud(response)

    pagina = inhoud(client_for(helper).get(keer.get_absolute_url()))
    assert "Je bent aangemeld" in pagina and "wachtlijst, nummer" not in pagina
    assert keer.aanmeldingen.get(user=helper).status == Aanmelding.Status.AANGEMELD


def test_signing_up_where_it_cannot_says_why(client_for, wandelgroep, organisator, bewoner):
    activiteit = wekelijks(wandelgroep, organisator, aanmelden_nodig=False)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    client = client_for(bewoner)
    assert "Aanmelden is niet nodig" in inhoud(client.get(keer.get_absolute_url()))
    response = client.post(url("aanmelden", keer.pk), follow=True)
    assert "Aanmelden is niet nodig" in berichten(response)[0]
    assert not Aanmelding.objects.exists()
    response = client.post(url("afmelden", keer.pk), follow=True)
    assert "Je was niet aangemeld" in berichten(response)[0]


# --- cancelling, moving, attendance ------------------------------------------------------------


def test_an_organiser_cancels_one_meeting_with_a_reason(
    client_for, organisator, activiteit, keer, bewoner
):
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    client = client_for(organisator)
    response = client.post(url("annuleren", keer.pk), {"annuleren-reden": ""})
    assert response.status_code == 400
    assert "Schrijf kort op waarom." in inhoud(response)
    keer.refresh_from_db()
    assert keer.status == Bijeenkomst.Status.GEPLAND

    client.post(url("annuleren", keer.pk), {"annuleren-reden": "Storm op komst"})
    keer.refresh_from_db()
    assert keer.is_geannuleerd and keer.reden == "Storm op komst"
    pagina = inhoud(client_for(bewoner).get(keer.get_absolute_url()))
    assert "Deze keer gaat niet door." in pagina and "Storm op komst" in pagina
    assert url("afmelden", keer.pk) not in pagina
    # The other meetings stay.
    assert activiteit.bijeenkomsten.gepland().count() == 8


def test_an_organiser_moves_one_meeting(client_for, organisator, activiteit, keer):
    client = client_for(organisator)
    assert 'value="2030-03-05"' in inhoud(client.get(url("verplaatsen", keer.pk)))
    response = client.post(
        url("verplaatsen", keer.pk), {"datum": "2030-03-06", "van": "14:00", "tot": "13:00"}
    )
    assert response.status_code == 400
    assert "Het einde moet na het begin liggen." in " ".join(response.context["form"].errors["tot"])
    response = client.post(
        url("verplaatsen", keer.pk), {"datum": "2030-03-01", "van": "14:00", "tot": "15:00"}
    )
    assert "al voorbij" in " ".join(response.context["form"].errors["van"])

    client.post(
        url("verplaatsen", keer.pk), {"datum": "2030-03-06", "van": "14:00", "tot": "15:00"}
    )
    keer.refresh_from_db()
    assert keer.begin == op(2, 14) and keer.is_verplaatst
    assert "deze keer is verplaatst" in inhoud(client.get(keer.get_absolute_url()))


def test_attendance_after_the_start(client_for, organisator, keer, bewoner, helper, klok):
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.aanmelding_create(bijeenkomst=keer, user=helper)
    client = client_for(organisator)
    response = client.get(url("aanwezigheid", keer.pk), follow=True)
    assert "Aanwezigheid vul je in als de activiteit begonnen is." in berichten(response)[0]

    klok.move_to(op(1, 12))
    pagina = inhoud(client.get(url("aanwezigheid", keer.pk)))
    assert "Bep Jansen" in pagina and "Henk de Vries" in pagina
    client.post(
        url("aanwezigheid", keer.pk),
        {f"aanwezig_{bewoner.pk}": "ja", f"aanwezig_{helper.pk}": "nee"},
    )
    assert keer.aanmeldingen.get(user=bewoner).aanwezig is True
    assert keer.aanmeldingen.get(user=helper).aanwezig is False


# --- the agenda --------------------------------------------------------------------------------


@pytest.fixture
def eetclub(andere_buurt, helper):
    groep = InitiatiefFactory(
        naam="Eetclub Nieuwland", slug="eetclub", thema=Thema.ETEN, organisatoren=[helper]
    )
    groep.buurten.add(andere_buurt)
    return groep


def test_the_agenda_shows_coming_meetings_and_filters(
    client, wandelgroep, organisator, eetclub, helper, andere_buurt
):
    wandelen = wekelijks(wandelgroep, organisator, capaciteit=1, tot_en_met=date(2030, 3, 19))
    eten = services.activiteit_create(
        initiatief=eetclub,
        door=helper,
        titel="Samen koken",
        begin=op(3, 18),  # Thursday 7 March
        einde=op(3, 20),
    )
    eerste, tweede, derde = wandelen.bijeenkomsten.order_by("begin")
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())  # full now
    services.bijeenkomst_cancel(bijeenkomst=derde, door=organisator, reden="Vakantie")
    gepauzeerd = InitiatiefFactory(naam="Schaakclub", status=Initiatief.Status.GEPAUZEERD)
    schaken = Activiteit.objects.create(initiatief=gepauzeerd, titel="Schaken")
    Bijeenkomst.objects.create(
        activiteit=schaken, begin=op(2, 19), einde=op(2, 21), volgens_regel=op(2, 19)
    )

    def keren(**params):
        response = client.get(url("agenda"), params)
        assert response.status_code == 200
        return [b.pk for b in response.context["page_obj"]]

    assert keren() == [eerste.pk, eten.bijeenkomsten.get().pk, tweede.pk]  # in time order
    pagina = inhoud(client.get(url("agenda")))
    assert "Schaken" not in pagina  # paused initiative
    assert "Vakantie" not in pagina  # cancelled meeting
    assert "dinsdag 5 maart" in pagina and "donderdag 7 maart" in pagina
    assert keren(thema="eten") == [eten.bijeenkomsten.get().pk]
    assert keren(buurt=andere_buurt.pk) == [eten.bijeenkomsten.get().pk]
    assert keren(met_plek="on") == [eten.bijeenkomsten.get().pk, tweede.pk]
    assert keren(van="2030-03-07", tot="2030-03-07") == [eten.bijeenkomsten.get().pk]
    assert keren(van="2030-03-08") == [tweede.pk]
    assert keren(van="nonsens") == keren()  # a date that is none is ignored

    partial = inhoud(client.get(url("agenda"), {"thema": "eten"}, HTTP_HX_REQUEST="true"))
    assert '<section id="agenda-lijst"' in partial and "<html" not in partial
    assert "Samen koken" in partial


def test_the_agenda_keeps_its_query_count(
    client, wandelgroep, organisator, django_assert_num_queries
):
    """1 meeting or 500 (on many days, with sign-ups): the same number of queries."""
    activiteit = Activiteit.objects.create(initiatief=wandelgroep, titel="Wandelen", capaciteit=3)
    mensen = [UserFactory() for _ in range(3)]

    def maak(n):
        Bijeenkomst.objects.all().delete()
        momenten = [op(1 + i // 10, 8) + timedelta(minutes=30 * (i % 10)) for i in range(n)]
        keren = Bijeenkomst.objects.bulk_create(
            Bijeenkomst(
                activiteit=activiteit, begin=m, einde=m + timedelta(minutes=30), volgens_regel=m
            )
            for m in momenten
        )
        Aanmelding.objects.bulk_create(
            Aanmelding(bijeenkomst=k, user=mensen[i % 3], status=Aanmelding.Status.AANGEMELD)
            for i, k in enumerate(keren)
        )

    maak(1)
    params = {"met_plek": "on", "thema": "bewegen"}
    client.get(url("agenda"), params)  # warm up
    with CaptureQueriesContext(connection) as een:
        assert client.get(url("agenda"), params).status_code == 200
    maak(500)
    with django_assert_num_queries(len(een.captured_queries)):
        response = client.get(url("agenda"), params)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 500


# --- the printable week ------------------------------------------------------------------------


def test_the_week_on_paper_groups_meetings_by_day(
    client, wandelgroep, organisator, eetclub, helper
):
    wekelijks(wandelgroep, organisator, tot_en_met=date(2030, 3, 19))
    services.activiteit_create(
        initiatief=eetclub, door=helper, titel="Samen koken", begin=op(3, 18), einde=op(3, 20)
    )
    vrijdag = services.activiteit_create(
        initiatief=eetclub, door=helper, titel="Soep", begin=op(4, 12), einde=op(4, 13)
    ).bijeenkomsten.get()
    services.bijeenkomst_cancel(bijeenkomst=vrijdag, door=helper, reden="Ziek")

    response = client.get(url("week"), {"week": "2030-03-06"})  # a Wednesday: its week
    assert response.status_code == 200
    dagen = response.context["dagen"]
    assert [dag for dag, _ in dagen] == [date(2030, 3, 4) + timedelta(days=n) for n in range(7)]
    titels = {dag.isoformat(): [b.activiteit.titel for b in keren] for dag, keren in dagen}
    assert titels["2030-03-05"] == ["Samen wandelen"]
    assert titels["2030-03-07"] == ["Samen koken"]
    assert titels["2030-03-08"] == []  # the cancelled soup
    assert "2030-03-12" not in titels  # the next week
    pagina = inhoud(response)
    assert "Activiteiten van maandag 4 maart tot en met zondag 10 maart" in pagina
    assert pagina.index("dinsdag 5 maart") < pagina.index("Samen wandelen")
    assert pagina.index("Samen wandelen") < pagina.index("donderdag 7 maart")
    assert pagina.index("donderdag 7 maart") < pagina.index("Samen koken")
    assert "Gebruik Afdrukken in je browser" in pagina
    assert "Niets gepland." in pagina

    volgende = client.get(response.context["volgende_week_url"])
    assert volgende.context["maandag"] == date(2030, 3, 11)
    # A date that is none shows this week.
    assert client.get(url("week"), {"week": "2030-02-31"}).context["maandag"] == date(2030, 3, 4)


# --- mine --------------------------------------------------------------------------------------


def test_my_activities_show_sign_ups_waiting_list_places_and_initiatives(
    client_for, wandelgroep, organisator, bewoner, helper
):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=1)
    eerste, tweede = activiteit.bijeenkomsten.order_by("begin")[:2]
    services.aanmelding_create(bijeenkomst=eerste, user=helper)
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)  # number 2 on the waiting list
    services.aanmelding_create(bijeenkomst=tweede, user=bewoner)
    response = client_for(bewoner).get(url("mijn"))
    pagina = inhoud(response)
    assert "Wachtlijst, nummer 2" in pagina
    assert "dinsdag 12 maart" in pagina and "Aangemeld" in pagina
    assert "Wandelgroep De Linde" in pagina
    organisator_pagina = inhoud(client_for(organisator).get(url("mijn")))
    assert "organisator" in organisator_pagina
    assert "Je hebt je nergens voor aangemeld." in organisator_pagina


def test_my_activities_page_gives_the_secret_calendar_link(client_for, bewoner):
    from accommodaties.models import AgendaSleutel

    inhoud = client_for(bewoner).get(reverse("initiatieven:mijn")).content.decode()
    sleutel = AgendaSleutel.objects.get(user=bewoner).sleutel
    assert reverse("initiatieven:feed_mijn", args=[sleutel]) in inhoud


def test_my_activities_page_has_a_plain_title(client_for, bewoner):
    inhoud = client_for(bewoner).get(reverse("initiatieven:mijn")).content.decode()
    titel = inhoud.split("<title>", 1)[1].split("</title>", 1)[0]
    assert titel.startswith("Mijn activiteiten") and "<" not in titel
