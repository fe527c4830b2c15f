"""A resident's new initiative waits for the beheerder's approval: only its organisers and the
beheerder see it until then, in no list, agenda, feed or search; the beheerder approves or
refuses it in the admin and the organisers hear it; the web address is made once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Initiatief
from initiatieven.tests.hulp import wekelijks
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

WACHT = "Je initiatief wacht op goedkeuring door de beheerder."


@pytest.fixture
def nieuw(bewoner, beheerder):
    """Bep's new initiative, with a weekly activity planned while it waits."""
    initiatief = services.initiatief_create(
        door=bewoner,
        naam="Repair Café",
        beschrijving="Samen spullen repareren.",
        thema="leren",
    )
    wekelijks(initiatief, bewoner, titel="Repareren")
    return initiatief


def url(naam, *args):
    return reverse(f"initiatieven:{naam}", args=args)


def inhoud(response) -> str:
    return response.content.decode()


def actie(client, actie: str, *initiatieven, **extra):
    data = {"action": actie, "_selected_action": [i.pk for i in initiatieven], **extra}
    return client.post(reverse("admin:initiatieven_initiatief_changelist"), data)


def test_a_residents_new_initiative_waits_and_the_beheerder_hears_of_it(nieuw, beheerder):
    assert nieuw.status == Initiatief.Status.WACHT
    assert nieuw.slug == "repair-cafe"
    melding = Melding.objects.get(ontvanger=beheerder, soort="initiatief_te_keuren")
    assert "Repair Café" in melding.titel
    assert (
        melding.url == reverse("admin:initiatieven_initiatief_changelist") + "?status__exact=wacht"
    )


def test_a_beheerders_new_initiative_is_public_at_once(beheerder):
    initiatief = services.initiatief_create(
        door=beheerder, naam="Buurtkrant", beschrijving="Een krant.", thema="cultuur"
    )
    assert initiatief.status == Initiatief.Status.ACTIEF
    assert not Melding.objects.filter(soort="initiatief_te_keuren").exists()


def test_while_waiting_only_organisers_and_the_beheerder_see_it(
    client, client_for, nieuw, bewoner, helper, beheerder
):
    keer = nieuw.activiteiten.get().bijeenkomsten.first()
    activiteit = keer.activiteit
    eigen = [
        url("detail", nieuw.slug),
        activiteit.get_absolute_url(),
        keer.get_absolute_url(),
    ]
    openbaar = [
        url("list"),
        url("agenda"),
        url("week") + "?week=2030-03-04",
        url("list") + "?thema=leren",
    ]
    feeds = [url("feed_initiatief", nieuw.slug), url("activiteit_ics", activiteit.pk)]
    for pad in eigen + feeds:
        assert client.get(pad).status_code == 404, pad  # anonymous
    for pad in openbaar:
        assert "Repair" not in inhoud(client.get(pad)), pad
    andere = client_for(helper)
    for pad in eigen + feeds:
        assert andere.get(pad).status_code == 404, pad
    for pad in openbaar:
        assert "Repair" not in inhoud(andere.get(pad)), pad

    organisator = client_for(bewoner)
    pagina = inhoud(organisator.get(url("detail", nieuw.slug)))
    assert WACHT in pagina and url("lid_worden", nieuw.slug) not in pagina
    assert organisator.get(keer.get_absolute_url()).status_code == 200
    assert "Wacht op goedkeuring" in inhoud(organisator.get(url("mijn")))

    pagina = inhoud(client_for(beheerder).get(url("detail", nieuw.slug)))
    assert "Dit initiatief wacht op goedkeuring door de beheerder." in pagina
    assert "Keur het goed of af in het beheer" in pagina


def test_nobody_joins_or_signs_up_while_it_waits(nieuw, helper):
    with pytest.raises(ValidationError):
        services.lidmaatschap_create(initiatief=nieuw, user=helper)
    keer = nieuw.activiteiten.get().bijeenkomsten.first()
    with pytest.raises(ValidationError):
        services.aanmelding_create(bijeenkomst=keer, user=helper)


def test_organisers_cannot_approve_their_own(client_for, nieuw, bewoner):
    with pytest.raises(PermissionDenied):
        services.initiatief_approve(initiatief=nieuw, door=bewoner)
    client = client_for(bewoner)
    assert 'name="status"' not in inhoud(client.get(url("bewerken", nieuw.slug)))
    data = {
        "naam": "Repair Café",
        "thema": "leren",
        "beschrijving": "Samen repareren.",
        "aanmelden": "open",
        "status": "actief",
    }
    assert client.post(url("bewerken", nieuw.slug), data).status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.WACHT and nieuw.beschrijving == "Samen repareren."
    assert actie(client, "goedkeuren", nieuw).status_code == 302  # to the admin's login
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.WACHT


def test_the_beheerder_approves_in_the_admin_and_the_organisers_hear_it(
    client, client_for, nieuw, bewoner, beheerder
):
    beheer = client_for(beheerder)
    lijst = beheer.get(
        reverse("admin:initiatieven_initiatief_changelist"), {"status__exact": "wacht"}
    )
    assert lijst.status_code == 200 and "Repair Café" in inhoud(lijst)

    response = actie(beheer, "goedkeuren", nieuw)

    assert response.status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.ACTIEF
    melding = Melding.objects.get(ontvanger=bewoner, soort="initiatief_keuring")
    assert "goedgekeurd" in melding.titel and melding.url == nieuw.get_absolute_url()
    client.logout()
    assert "Repair Café" in inhoud(client.get(url("list")))
    assert "Repareren" in inhoud(client.get(url("agenda")))
    assert client.get(url("feed_initiatief", nieuw.slug)).status_code == 200
    # Approving again changes nothing and tells nobody twice.
    assert not services.initiatief_approve(initiatief=nieuw, door=beheerder)
    assert Melding.objects.filter(soort="initiatief_keuring").count() == 1


def test_refusing_asks_a_reason_and_a_changed_initiative_waits_again(
    client_for, nieuw, bewoner, beheerder
):
    beheer = client_for(beheerder)
    vraag = actie(beheer, "afwijzen", nieuw)
    assert vraag.status_code == 200 and 'name="reden"' in inhoud(vraag)
    leeg = actie(beheer, "afwijzen", nieuw, bevestigd="ja", reden="  ")
    assert leeg.status_code == 400 and "Schrijf kort op waarom" in inhoud(leeg)
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.WACHT

    reden = "Zeg erbij waar jullie repareren."
    assert actie(beheer, "afwijzen", nieuw, bevestigd="ja", reden=reden).status_code == 302

    nieuw.refresh_from_db()
    assert (nieuw.status, nieuw.reden_afwijzing) == (Initiatief.Status.AFGEWEZEN, reden)
    melding = Melding.objects.get(ontvanger=bewoner, soort="initiatief_keuring")
    assert reden in melding.tekst
    organisator = client_for(bewoner)
    pagina = inhoud(organisator.get(url("detail", nieuw.slug)))
    assert "nog niet goedgekeurd" in pagina and reden in pagina
    data = {
        "naam": "Repair Café",
        "thema": "leren",
        "beschrijving": "In het buurthuis.",
        "aanmelden": "open",
        "adres": "Buurthuis",
    }
    response = organisator.post(url("bewerken", nieuw.slug), data, follow=True)
    assert "De beheerder kijkt er opnieuw naar." in inhoud(response)
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.WACHT
    assert Melding.objects.filter(ontvanger=beheerder, soort="initiatief_te_keuren").count() == 2


def test_a_reason_too_long_is_refused(nieuw, beheerder):
    with pytest.raises(ValidationError):
        services.initiatief_reject(initiatief=nieuw, door=beheerder, reden="x" * 501)
    nieuw.refresh_from_db()
    assert nieuw.status == Initiatief.Status.WACHT


def test_in_the_admin_the_address_stays_and_a_waiting_status_is_for_the_actions(
    client_for, nieuw, beheerder
):
    pagina = inhoud(
        client_for(beheerder).get(reverse("admin:initiatieven_initiatief_change", args=[nieuw.pk]))
    )
    assert 'name="slug"' not in pagina and 'name="status"' not in pagina


def test_stopping_through_the_form_cancels_the_coming_meetings(client_for, bewoner, beheerder):
    initiatief = services.initiatief_create(
        door=bewoner, naam="Eetclub", beschrijving="Samen eten.", thema="eten", goedgekeurd=True
    )
    activiteit = wekelijks(initiatief, bewoner)
    data = {
        "naam": "Eetclub",
        "thema": "eten",
        "beschrijving": "Samen eten.",
        "aanmelden": "open",
        "status": "gestopt",
    }
    assert client_for(bewoner).post(url("bewerken", initiatief.slug), data).status_code == 302
    assert not activiteit.bijeenkomsten.komend().exists()


def test_two_residents_with_the_same_name_get_two_addresses(bewoner, helper):
    een = services.initiatief_create(
        door=bewoner, naam="Moestuin", beschrijving="x", thema="natuur"
    )
    twee = services.initiatief_create(
        door=helper, naam="Moestuin", beschrijving="x", thema="natuur"
    )
    drie = services.initiatief_create(
        door=UserFactory(), naam="Moestuin!", beschrijving="x", thema="natuur"
    )
    assert [een.slug, twee.slug, drie.slug] == ["moestuin", "moestuin-2", "moestuin-3"]
