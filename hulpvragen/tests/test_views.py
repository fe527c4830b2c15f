"""The hulpvragen pages through the test client: who sees what, forms with bad input, actions,
htmx partials and a constant number of queries for every list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bewoners.models import Categorie
from bewoners.tests.factories import UserFactory
from hulpvragen.models import Aanbod, Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
from hulpvragen.tests.hulp import na_begin

pytestmark = pytest.mark.django_db

PRIVE = "Sleutel ligt onder de mat bij Kastanjelaan 7"
TELEFOON = "06 98765432"
ADRES = "Kastanjelaan 7"
EMAIL = "bep@example.org"


def url(name, *args):
    return reverse(f"hulpvragen:{name}", args=args)


@pytest.fixture
def bewoner_met_contact(bewoner):
    profiel = bewoner.profiel
    profiel.telefoon = TELEFOON
    profiel.adres = ADRES
    profiel.postcode = "3541 AB"
    profiel.woonplaats = "Wijkstad"
    profiel.save()
    return bewoner


@pytest.fixture
def hulpvraag(bewoner_met_contact):
    return HulpvraagFactory(
        aanvrager=bewoner_met_contact, prive_details=PRIVE, titel="Naar de tandarts"
    )


@pytest.fixture
def match(hulpvraag, helper):
    helper.profiel.telefoon = "06 11122233"
    helper.profiel.save()
    return MatchFactory(
        hulpvraag=hulpvraag, helper=helper, uitleg=["zelfde buurt", "Vervoer", "hielp eerder"]
    )


def geldige_hulpvraag(**extra):
    data = {
        "categorie": Categorie.objects.get(slug="vervoer").pk,
        "titel": "Boodschappen dragen",
        "beschrijving": "Ik kan niet goed tillen.",
        "prive_details": "",
        "wanneer": "datum",
        "datum": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "tijd_van": "10:00",
        "tijd_tot": "11:30",
        "urgentie": "normaal",
    }
    data.update(extra)
    return data


def geldig_aanbod(**extra):
    data = {
        "titel": "Klussen op zaterdag",
        "beschrijving": "Ik heb gereedschap.",
        "categorieen": [Categorie.objects.get(slug="klussen").pk],
        "beschikbaarheid": ["5-0", "5-1"],
        "bereik": "eigen_buurt",
        "max_per_week": "2",
        "actief": "on",
    }
    data.update(extra)
    return data


# --- pages render for the right people ---------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "hulpvraag_list",
        "hulpvraag_create",
        "aanbod_list",
        "aanbod_create",
        "mijn_hulpvragen",
        "mijn_aanbod",
        "mijn_matches",
    ],
)
def test_pages_render_for_a_resident(client_for, bewoner, name):
    response = client_for(bewoner).get(url(name))
    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.parametrize(
    "name", ["hulpvraag_list", "aanbod_list", "mijn_matches", "hulpvraag_create"]
)
def test_pages_need_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_nav_and_start_page_link_to_help(client_for, helper, match):
    client = client_for(helper)
    start = client.get(reverse("bewoners:start")).content.decode()
    assert url("hulpvraag_create") in start
    assert url("aanbod_create") in start
    assert url("mijn_matches") in start
    assert "1 wacht op jouw antwoord" in start
    page = client.get(url("hulpvraag_list")).content.decode()
    assert f'href="{url("hulpvraag_list")}" aria-current="page"' in page
    assert "Mijn hulp" in page


def test_start_page_query_count_does_not_grow_with_proposals(
    client_for, helper, django_assert_max_num_queries
):
    client = client_for(helper)
    MatchFactory(helper=helper)
    # Each count after a warm request: the layout's per-person answers are kept in the cache
    # and counted again after a change (a new proposal is a new melding).
    client.get(reverse("bewoners:start"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("bewoners:start"))
    MatchFactory.create_batch(5, helper=helper)
    client.get(reverse("bewoners:start"))
    with CaptureQueriesContext(connection) as more:
        response = client.get(reverse("bewoners:start"))
    assert "6 wachten op jouw antwoord" in response.content.decode()
    assert len(more) == len(one)


# --- public list and detail never leak private data ---------------------------------------------


def test_public_list_and_detail_show_no_private_data(client_for, outsider, hulpvraag):
    client = client_for(outsider)
    for page in (url("hulpvraag_list"), url("hulpvraag_detail", hulpvraag.pk)):
        content = client.get(page).content.decode()
        assert "Naar de tandarts" in content
        for secret in (PRIVE, TELEFOON, ADRES, EMAIL, "3541 AB", "Jansen"):
            assert secret not in content, (page, secret)


def test_offer_list_shows_no_contact_details(client_for, outsider, helper):
    helper.profiel.telefoon = "06 55544433"
    helper.profiel.adres = "Eikenlaan 3"
    helper.profiel.save()
    AanbodFactory(helper=helper, titel="Ik rijd graag")
    content = client_for(outsider).get(url("aanbod_list")).content.decode()
    assert "Ik rijd graag" in content
    for secret in ("06 55544433", "Eikenlaan 3", "henk@example.org", "de Vries"):
        assert secret not in content


def test_requester_sees_private_details_and_matches(client_for, bewoner, hulpvraag, match):
    content = client_for(bewoner).get(url("hulpvraag_detail", hulpvraag.pk)).content.decode()
    assert PRIVE in content
    assert "Henk" in content and "Voorgesteld" in content
    assert url("hulpvraag_withdraw", hulpvraag.pk) in content


def test_closed_request_only_for_those_involved(
    client_for, outsider, helper, bewoner, hulpvraag, match
):
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=Hulpvraag.Status.AFGEROND)
    assert client_for(outsider).get(url("hulpvraag_detail", hulpvraag.pk)).status_code == 404
    assert client_for(helper).get(url("hulpvraag_detail", hulpvraag.pk)).status_code == 200
    assert client_for(bewoner).get(url("hulpvraag_detail", hulpvraag.pk)).status_code == 200
    # and closed requests are not in the public list
    assert b"Naar de tandarts" not in client_for(outsider).get(url("hulpvraag_list")).content


# --- outsiders are refused and change nothing ---------------------------------------------------


def test_outsider_cannot_see_or_act_on_a_match(client_for, outsider, match):
    client = client_for(outsider)
    assert client.get(url("match_detail", match.pk)).status_code == 404
    for name, data in (
        ("match_accept", {}),
        ("match_decline", {"reden": "nee"}),
        ("match_complete", {"uren": "1"}),
        ("match_cancel", {"reden": "weg"}),
    ):
        response = client.post(url(name, match.pk), data)
        assert response.status_code in (403, 404), name
    match.refresh_from_db()
    assert match.status == Match.Status.VOORGESTELD
    assert match.hulpvraag.status == Hulpvraag.Status.OPEN


def test_outsider_cannot_complete_or_cancel_an_accepted_match(client_for, outsider, match):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.GEACCEPTEERD)
    client = client_for(outsider)
    assert client.post(url("match_complete", match.pk), {"uren": "2"}).status_code == 404
    assert client.post(url("match_cancel", match.pk), {"reden": "x"}).status_code == 404
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD


def test_requester_cannot_accept_for_the_helper(client_for, bewoner, match):
    response = client_for(bewoner).post(url("match_accept", match.pk))
    assert response.status_code == 403
    match.refresh_from_db()
    assert match.status == Match.Status.VOORGESTELD


def test_outsider_cannot_edit_or_withdraw_someone_elses_request(client_for, outsider, hulpvraag):
    client = client_for(outsider)
    assert client.get(url("hulpvraag_edit", hulpvraag.pk)).status_code == 403
    response = client.post(url("hulpvraag_edit", hulpvraag.pk), geldige_hulpvraag(titel="Gekaapt"))
    assert response.status_code == 403
    assert client.post(url("hulpvraag_withdraw", hulpvraag.pk)).status_code == 403
    hulpvraag.refresh_from_db()
    assert hulpvraag.titel == "Naar de tandarts"
    assert hulpvraag.status == Hulpvraag.Status.OPEN


def test_outsider_gets_404_for_closed_request_actions(client_for, outsider, hulpvraag):
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=Hulpvraag.Status.GEMATCHT)
    client = client_for(outsider)
    assert client.get(url("hulpvraag_edit", hulpvraag.pk)).status_code == 404
    assert client.post(url("hulpvraag_withdraw", hulpvraag.pk)).status_code == 404
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.GEMATCHT


def test_outsider_cannot_edit_or_pause_someone_elses_offer(client_for, outsider, helper):
    aanbod = AanbodFactory(helper=helper, titel="Origineel")
    client = client_for(outsider)
    assert client.get(url("aanbod_edit", aanbod.pk)).status_code == 404
    assert (
        client.post(url("aanbod_edit", aanbod.pk), geldig_aanbod(titel="Gekaapt")).status_code
        == 404
    )
    assert client.post(url("aanbod_pause", aanbod.pk), {"pauze": "1"}).status_code == 404
    aanbod.refresh_from_db()
    assert aanbod.titel == "Origineel"
    assert aanbod.actief is True


def test_paused_offer_of_someone_else_is_not_visible(client_for, outsider, helper):
    aanbod = AanbodFactory(helper=helper, gepauzeerd=True)
    assert client_for(outsider).get(url("aanbod_detail", aanbod.pk)).status_code == 404
    assert client_for(helper).get(url("aanbod_detail", aanbod.pk)).status_code == 200


# --- the match page: why, accept, contact, complete, cancel, decline -----------------------------


def test_contact_details_only_after_accept(
    client_for, bewoner, helper, match, django_capture_on_commit_callbacks
):
    helper_client = client_for(helper)
    before = helper_client.get(url("match_detail", match.pk)).content.decode()
    assert "zelfde buurt · Vervoer · hielp eerder" in before
    assert "Ja, ik help" in before
    for secret in (TELEFOON, ADRES, EMAIL, PRIVE):
        assert secret not in before

    with django_capture_on_commit_callbacks(execute=True):
        response = helper_client.post(url("match_accept", match.pk))
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD

    after = helper_client.get(url("match_detail", match.pk)).content.decode()
    for secret in (TELEFOON, ADRES, EMAIL, PRIVE):
        assert secret in after

    requester_page = client_for(bewoner).get(url("match_detail", match.pk)).content.decode()
    assert "06 11122233" in requester_page
    assert "henk@example.org" in requester_page


def test_requester_does_not_see_helper_contact_before_accept(client_for, bewoner, match):
    content = client_for(bewoner).get(url("match_detail", match.pk)).content.decode()
    assert "06 11122233" not in content
    assert "henk@example.org" not in content


def test_decline_with_reason(client_for, helper, match):
    response = client_for(helper).post(
        url("match_decline", match.pk), {"reden": "Die dag kan ik niet"}
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.AFGEWEZEN
    assert match.reden == "Die dag kan ik niet"


def test_decline_reason_too_long_keeps_input(client_for, helper, match):
    reden = "x" * 301
    response = client_for(helper).post(url("match_decline", match.pk), {"reden": reden})
    assert response.status_code == 200
    assert "Dit is te lang: gebruik hoogstens 300 tekens (nu 301)." in response.content.decode()
    assert reden in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.VOORGESTELD


def test_complete_with_hours_and_thanks(client_for, bewoner, match):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.GEACCEPTEERD)
    Hulpvraag.objects.filter(pk=match.hulpvraag_id).update(status=Hulpvraag.Status.GEMATCHT)
    with na_begin(match):
        response = client_for(bewoner).post(
            url("match_complete", match.pk), {"uren": "1,5", "bedankje": "Super, dank je!"}
        )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.AFGEROND
    assert str(match.uren) == "1.50"
    assert match.hulpvraag.status == Hulpvraag.Status.AFGEROND


def test_complete_with_bad_hours_is_refused(client_for, helper, match):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.GEACCEPTEERD)
    with na_begin(match):
        response = client_for(helper).post(
            url("match_complete", match.pk), {"uren": "500", "bedankje": "Graag gedaan"}
        )
    assert response.status_code == 200
    assert "Graag gedaan" in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD


def test_cancel_needs_a_reason_and_reopens_the_request(client_for, helper, match):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.GEACCEPTEERD)
    Hulpvraag.objects.filter(pk=match.hulpvraag_id).update(status=Hulpvraag.Status.GEMATCHT)
    client = client_for(helper)
    response = client.post(url("match_cancel", match.pk), {"reden": ""})
    assert response.status_code == 200
    assert "Schrijf kort op waarom het niet doorgaat." in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD

    response = client.post(url("match_cancel", match.pk), {"reden": "Ik ben ziek"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.GEANNULEERD
    assert match.hulpvraag.status == Hulpvraag.Status.OPEN


def test_accept_after_someone_else_won_shows_a_friendly_message(client_for, helper, match):
    other = MatchFactory(hulpvraag=match.hulpvraag, geaccepteerd=True)
    Hulpvraag.objects.filter(pk=match.hulpvraag_id).update(status=Hulpvraag.Status.GEMATCHT)
    response = client_for(helper).post(url("match_accept", match.pk), follow=True)
    assert "Iemand anders helpt al" in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.VOORGESTELD
    assert other.status == Match.Status.GEACCEPTEERD


# --- posting and editing a request ---------------------------------------------------------------


def test_post_a_request(client_for, bewoner):
    response = client_for(bewoner).post(url("hulpvraag_create"), geldige_hulpvraag())
    hulpvraag = Hulpvraag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == hulpvraag.get_absolute_url()
    assert hulpvraag.aanvrager == bewoner
    assert hulpvraag.buurt == bewoner.profiel.buurt
    assert hulpvraag.dagdelen


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"datum": "2001-01-01"}, "Deze datum is al voorbij"),
        (
            {"tijd_van": "14:00", "tijd_tot": "13:00"},
            "De eindtijd moet later zijn dan de begintijd.",
        ),
        ({"titel": ""}, "Dit veld is verplicht."),
        ({"titel": "t" * 101}, "hoogstens 100"),
        ({"beschrijving": "b" * 2001}, "hoogstens 2000"),
        ({"datum": ""}, "Kies de dag waarop je hulp nodig hebt."),
        ({"wanneer": "flexibel", "uiterlijk": ""}, "Vul in vóór welke datum het klaar moet zijn."),
        (
            {"wanneer": "wekelijks", "weekdag": ""},
            "Kies op welke dag van de week je hulp nodig hebt.",
        ),
    ],
)
def test_bad_request_input_is_shown_and_nothing_saved(client_for, bewoner, data, fout):
    invoer = geldige_hulpvraag(**{"beschrijving": "Mijn eigen woorden blijven staan.", **data})
    response = client_for(bewoner).post(url("hulpvraag_create"), invoer)
    content = response.content.decode()
    assert response.status_code == 200
    assert fout in content
    assert 'class="error-summary"' in content
    if "beschrijving" not in data:
        assert "Mijn eigen woorden blijven staan." in content
    assert Hulpvraag.objects.count() == 0


def test_all_errors_are_shown_at_once(client_for, bewoner):
    response = client_for(bewoner).post(
        url("hulpvraag_create"), geldige_hulpvraag(titel="", tijd_van="12:00", tijd_tot="11:00")
    )
    content = response.content.decode()
    assert "Dit veld is verplicht." in content
    assert "De eindtijd moet later zijn dan de begintijd." in content


def test_posting_needs_consent(client_for):
    user = UserFactory(profiel__zonder_toestemming=True)
    client = client_for(user)
    for name in ("hulpvraag_create", "aanbod_create"):
        response = client.get(url(name))
        assert response.status_code == 200
        assert reverse("bewoners:onboarding") in response.content.decode()
        assert "toestemming" in response.content.decode()
    client.post(url("hulpvraag_create"), geldige_hulpvraag())
    client.post(url("aanbod_create"), geldig_aanbod())
    assert Hulpvraag.objects.count() == 0
    assert Aanbod.objects.count() == 0


def test_edit_a_request(client_for, bewoner, hulpvraag):
    client = client_for(bewoner)
    page = client.get(url("hulpvraag_edit", hulpvraag.pk)).content.decode()
    assert 'value="Naar de tandarts"' in page
    assert 'type="date"' in page and 'type="time"' in page
    response = client.post(
        url("hulpvraag_edit", hulpvraag.pk), geldige_hulpvraag(titel="Naar de huisarts")
    )
    assert response.status_code == 302
    hulpvraag.refresh_from_db()
    assert hulpvraag.titel == "Naar de huisarts"


def test_edit_with_a_new_past_date_is_refused(client_for, bewoner, hulpvraag):
    response = client_for(bewoner).post(
        url("hulpvraag_edit", hulpvraag.pk), geldige_hulpvraag(datum="2001-01-01")
    )
    assert response.status_code == 200
    assert "Deze datum is al voorbij" in response.content.decode()
    hulpvraag.refresh_from_db()
    assert hulpvraag.datum != timezone.localdate().replace(year=2001, month=1, day=1)
    assert hulpvraag.titel == "Naar de tandarts"


def test_withdraw_only_by_owner(client_for, bewoner, helper, hulpvraag, match):
    assert client_for(helper).post(url("hulpvraag_withdraw", hulpvraag.pk)).status_code == 403
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.OPEN

    response = client_for(bewoner).post(url("hulpvraag_withdraw", hulpvraag.pk))
    assert response.status_code == 302
    hulpvraag.refresh_from_db()
    match.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.INGETROKKEN
    assert match.status == Match.Status.GEANNULEERD


def test_withdraw_needs_post(client_for, bewoner, hulpvraag):
    assert client_for(bewoner).get(url("hulpvraag_withdraw", hulpvraag.pk)).status_code == 405


# --- offers ----------------------------------------------------------------------------------------


def test_post_an_offer(client_for, helper):
    response = client_for(helper).post(url("aanbod_create"), geldig_aanbod())
    aanbod = Aanbod.objects.get()
    assert response.status_code == 302
    assert aanbod.helper == helper
    assert list(aanbod.categorieen.values_list("slug", flat=True)) == ["klussen"]
    assert aanbod.beschikbaarheid == (1 << 15) | (1 << 16)


def test_offer_form_uses_the_availability_widget(client_for, helper):
    content = client_for(helper).get(url("aanbod_create")).content.decode()
    assert 'class="beschikbaarheid"' in content
    assert 'type="radio" name="bereik"' in content
    assert 'type="checkbox" name="categorieen"' in content


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"categorieen": []}, "Kies minstens één onderwerp."),
        ({"titel": ""}, "Dit veld is verplicht."),
        ({"titel": "t" * 101}, "hoogstens 100"),
        ({"max_per_week": "0"}, "1"),
    ],
)
def test_bad_offer_input(client_for, helper, data, fout):
    response = client_for(helper).post(
        url("aanbod_create"), geldig_aanbod(**{"beschrijving": "Blijft staan", **data})
    )
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert "Blijft staan" in response.content.decode()
    assert Aanbod.objects.count() == 0


def test_offer_buurten_only_kept_for_bereik_buurten(client_for, helper, andere_buurt):
    client = client_for(helper)
    client.post(url("aanbod_create"), geldig_aanbod(buurten=[andere_buurt.pk]))
    assert list(Aanbod.objects.get().buurten.all()) == []
    client.post(
        url("aanbod_create"),
        geldig_aanbod(titel="Twee", bereik="buurten", buurten=[andere_buurt.pk]),
    )
    assert list(Aanbod.objects.get(titel="Twee").buurten.all()) == [andere_buurt]


def test_pause_and_resume_an_offer(client_for, helper):
    aanbod = AanbodFactory(helper=helper)
    client = client_for(helper)
    response = client.post(url("aanbod_pause", aanbod.pk), {"pauze": "1", "next": "mijn"})
    assert response.status_code == 302
    assert response["Location"] == url("mijn_aanbod")
    aanbod.refresh_from_db()
    assert aanbod.actief is False and aanbod.gepauzeerd_op is not None
    assert b"Weer aanzetten" in client.get(url("mijn_aanbod")).content

    client.post(url("aanbod_pause", aanbod.pk), {"pauze": "0"})
    aanbod.refresh_from_db()
    assert aanbod.actief is True and aanbod.gepauzeerd_op is None


def test_edit_an_offer(client_for, helper):
    aanbod = AanbodFactory(helper=helper)
    client = client_for(helper)
    assert client.get(url("aanbod_edit", aanbod.pk)).status_code == 200
    response = client.post(
        url("aanbod_edit", aanbod.pk), geldig_aanbod(titel="Nieuwe titel", max_per_week="4")
    )
    assert response.status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.titel == "Nieuwe titel" and aanbod.max_per_week == 4


# --- lists: filters without JS, htmx partial, pagination ------------------------------------------


def test_request_list_filters_with_plain_get(client_for, outsider, bewoner, andere_buurt):
    HulpvraagFactory(aanvrager=bewoner, titel="Rit naar Utrecht")
    klussen = Categorie.objects.get(slug="klussen")
    HulpvraagFactory(
        aanvrager=bewoner, titel="Lamp ophangen", categorie=klussen, beschrijving="Plafondlamp"
    )
    HulpvraagFactory(aanvrager=outsider, titel="Kast in elkaar", categorie=klussen, flexibel=True)
    HulpvraagFactory(
        aanvrager=outsider, titel="Elke week wandelen", wekelijks=True, urgentie="hoog"
    )
    client = client_for(outsider)

    def titels(**params):
        content = client.get(url("hulpvraag_list"), params).content.decode()
        return {
            t
            for t in ("Rit naar Utrecht", "Lamp ophangen", "Kast in elkaar", "Elke week wandelen")
            if t in content
        }

    assert titels() == {"Rit naar Utrecht", "Lamp ophangen", "Kast in elkaar", "Elke week wandelen"}
    assert titels(categorie=klussen.pk) == {"Lamp ophangen", "Kast in elkaar"}
    assert titels(buurt=andere_buurt.pk) == {"Kast in elkaar", "Elke week wandelen"}
    assert titels(q="plafondlamp") == {"Lamp ophangen"}
    assert titels(wanneer="flexibel") == {"Kast in elkaar"}
    assert titels(wanneer="wekelijks") == {"Elke week wandelen"}
    assert titels(wanneer="week") == {"Rit naar Utrecht", "Lamp ophangen", "Elke week wandelen"}
    assert titels(urgentie="hoog") == {"Elke week wandelen"}
    assert titels(categorie=klussen.pk, q="kast") == {"Kast in elkaar"}


def test_own_buurt_is_listed_first_and_marked(client_for, bewoner, andere_buurt):
    content = client_for(bewoner).get(url("hulpvraag_list")).content.decode()
    eigen = content.index("Oud-Zuid (jouw buurt)")
    assert eigen < content.index(f'<option value="{andere_buurt.pk}">Nieuwland</option>')
    assert '<option value="" selected>Alle buurten</option>' in content


def test_offer_list_filters(client_for, outsider, helper, andere_buurt):
    AanbodFactory(helper=helper, titel="Rijden in Oud-Zuid")
    klussen = Categorie.objects.get(slug="klussen")
    AanbodFactory(
        helper=outsider,
        titel="Klussen overal",
        bereik="overal",
        categorieen=[klussen],
        beschikbaarheid=1 << 15,
    )
    client = client_for(outsider)

    def titels(**params):
        content = client.get(url("aanbod_list"), params).content.decode()
        return {t for t in ("Rijden in Oud-Zuid", "Klussen overal") if t in content}

    assert titels() == {"Rijden in Oud-Zuid", "Klussen overal"}
    assert titels(categorie=klussen.pk) == {"Klussen overal"}
    assert titels(buurt=andere_buurt.pk) == {"Klussen overal"}
    assert titels(dag=0) == {"Rijden in Oud-Zuid"}
    assert titels(q="rijden") == {"Rijden in Oud-Zuid"}


def test_htmx_gets_only_the_partial(client_for, bewoner, hulpvraag):
    client = client_for(bewoner)
    for name, marker in (
        ("hulpvraag_list", 'id="hulpvragen-lijst"'),
        ("aanbod_list", 'id="aanbod-lijst"'),
    ):
        response = client.get(url(name), {"q": "tandarts"}, headers={"HX-Request": "true"})
        content = response.content.decode()
        assert response.status_code == 200
        assert marker in content
        assert "<html" not in content
        assert "HX-Request" in response["Vary"]
        full = client.get(url(name), {"q": "tandarts"}).content.decode()
        assert "<html" in full and marker in full


def test_pagination_keeps_the_filters(client_for, bewoner, settings):
    settings.WIJK_PAGE_SIZE = 2
    HulpvraagFactory.create_batch(5, aanvrager=bewoner, beschrijving="fiets")
    content = (
        client_for(bewoner).get(url("hulpvraag_list"), {"q": "fiets", "page": 2}).content.decode()
    )
    assert "Pagina 2 van 3" in content
    assert "?q=fiets&amp;page=3" in content
    assert 'href="/hulp/?q=fiets"' in content  # page 1


# --- a constant number of queries with 1 and with 200 rows ----------------------------------------


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context), response


def _compare(client, path, make_more, rows_marker):
    # Each count after a warm request: the layout's per-person answers are kept in the cache
    # and counted again after a change (a match made below is a new melding).
    client.get(path)
    few, response = _count_queries(client, path)
    assert response.content.decode().count(rows_marker) == 1
    make_more()
    client.get(path)
    many, response = _count_queries(client, path)
    assert response.content.decode().count(rows_marker) == 200
    assert many == few, f"{path}: {few} queries with 1 row, {many} with 200"
    return few


def test_query_counts_do_not_grow_with_rows(client_for, bewoner, helper, settings):
    settings.WIJK_PAGE_SIZE = 500
    klussen = Categorie.objects.get(slug="klussen")
    buurt = bewoner.profiel.buurt
    client = client_for(bewoner)
    anderen = UserFactory.create_batch(3, profiel__buurt=buurt)
    counts = {}

    # Public request list.
    HulpvraagFactory(aanvrager=anderen[0])
    counts["hulpvraag_list"] = _compare(
        client,
        url("hulpvraag_list"),
        lambda: [
            HulpvraagFactory(
                aanvrager=anderen[i % 3],
                categorie=klussen if i % 2 else Categorie.objects.get(slug="vervoer"),
            )
            for i in range(199)
        ],
        'class="kaart"',
    )

    # Public offer list.
    AanbodFactory(helper=anderen[0])
    counts["aanbod_list"] = _compare(
        client,
        url("aanbod_list"),
        lambda: [
            AanbodFactory(helper=anderen[i % 3], bereik="buurten", buurten=[buurt])
            for i in range(199)
        ],
        'class="kaart"',
    )

    # My requests, each with a match.
    eerste = HulpvraagFactory(aanvrager=bewoner)
    MatchFactory(hulpvraag=eerste, helper=helper)

    def meer_vragen():
        for i in range(199):
            MatchFactory(hulpvraag=HulpvraagFactory(aanvrager=bewoner), helper=anderen[i % 3])

    counts["mijn_hulpvragen"] = _compare(
        client, url("mijn_hulpvragen"), meer_vragen, 'class="kaart"'
    )

    # My offers.
    AanbodFactory(helper=bewoner)
    counts["mijn_aanbod"] = _compare(
        client,
        url("mijn_aanbod"),
        lambda: [
            AanbodFactory(helper=bewoner, bereik="buurten", buurten=[buurt]) for _ in range(199)
        ],
        'class="kaart"',
    )

    # My matches (as helper): the requester's matches above would also count, so use the helper.
    helper_client = client_for(helper)
    counts["mijn_matches"] = _compare(
        helper_client,
        url("mijn_matches"),
        lambda: [
            MatchFactory(helper=helper, hulpvraag=HulpvraagFactory(aanvrager=anderen[i % 3]))
            for i in range(199)
        ],
        'class="kaart"',
    )
    print("query counts:", counts)
