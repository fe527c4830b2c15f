import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meldingen import soorten
from meldingen.models import Instellingen, Kanaal, Melding, Voorkeur
from meldingen.tests.factories import MeldingFactory

INBOX = reverse("meldingen:inbox")
VOORKEUREN = reverse("meldingen:preferences")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _articles(response) -> int:
    return response.content.decode().count("<article ")


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, name, args",
    [
        ("get", "inbox", []),
        ("get", "open", [1]),
        ("post", "mark_read", [1]),
        ("post", "mark_all_read", []),
        ("get", "preferences", []),
        ("post", "preferences", []),
    ],
)
def test_anonymous_is_sent_to_login(client, db, method, name, args):
    url = reverse(f"meldingen:{name}", args=args)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_outsider_cannot_open_or_mark_someone_elses_melding(client_for, bewoner, outsider):
    melding = MeldingFactory(ontvanger=bewoner, url="/profiel/")
    client = client_for(outsider)

    assert client.get(reverse("meldingen:open", args=[melding.pk])).status_code == 404
    assert client.post(reverse("meldingen:mark_read", args=[melding.pk])).status_code == 404
    client.post(reverse("meldingen:mark_all_read"))

    melding.refresh_from_db()
    assert melding.gelezen_op is None
    assert melding.titel not in client.get(INBOX).content.decode()


def test_changes_need_post(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner)
    client = client_for(bewoner)

    assert client.get(reverse("meldingen:mark_read", args=[melding.pk])).status_code == 405
    assert client.get(reverse("meldingen:mark_all_read")).status_code == 405
    melding.refresh_from_db()
    assert melding.gelezen_op is None


# --- Inbox ---------------------------------------------------------------------------------


def test_inbox_shows_own_meldingen_with_unread_marked_in_words(client_for, bewoner, prive_tekst):
    MeldingFactory(ontvanger=bewoner, titel="Ongelezen bericht", tekst=prive_tekst)
    MeldingFactory(ontvanger=bewoner, titel="Gelezen bericht", gelezen=True)

    response = client_for(bewoner).get(INBOX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Meldingen</h1>" in html
    assert prive_tekst in html  # the tekst is for the inbox, after login
    assert html.count('<span class="badge">nieuw</span>') == 1
    assert html.index("nieuw</span>") < html.index("Ongelezen bericht")
    assert "Je hebt 1 nieuwe melding." in html


def test_inbox_empty(client_for, bewoner):
    response = client_for(bewoner).get(INBOX)

    assert "Je hebt nog geen meldingen." in response.content.decode()
    assert "Zet alles op gelezen" not in response.content.decode()


def test_filter_only_unread_works_without_javascript(client_for, bewoner):
    MeldingFactory(ontvanger=bewoner, titel="Nog niet gezien")
    MeldingFactory(ontvanger=bewoner, titel="Al gezien", gelezen=True)

    response = client_for(bewoner).get(INBOX, {"ongelezen": "1"})

    html = response.content.decode()
    assert "Nog niet gezien" in html
    assert "Al gezien" not in html
    assert 'name="ongelezen" value="1" checked' in html


def test_htmx_request_gets_only_the_list(client_for, bewoner):
    MeldingFactory(ontvanger=bewoner, titel="Nog niet gezien")

    response = client_for(bewoner).get(INBOX, {"ongelezen": "1"}, **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="meldingen-lijst"')
    assert "<html" not in html
    assert "Nog niet gezien" in html
    assert "HX-Request" in response["Vary"]


def test_pagination(client_for, bewoner, settings):
    settings.WIJK_PAGE_SIZE = 10
    MeldingFactory.create_batch(25, ontvanger=bewoner)
    client = client_for(bewoner)

    first = client.get(INBOX)
    last = client.get(INBOX, {"page": "3"})
    beyond = client.get(INBOX, {"page": "99"})

    assert _articles(first) == 10
    assert "Pagina 1 van 3" in first.content.decode()
    assert f'href="{INBOX}?page=2"' in first.content.decode()
    assert 'aria-current="page"' in first.content.decode()
    assert _articles(last) == 5
    assert 'rel="next"' not in last.content.decode()
    assert _articles(beyond) == 5  # past the end: the last page


def test_pagination_keeps_the_filter(client_for, bewoner, settings):
    settings.WIJK_PAGE_SIZE = 2
    MeldingFactory.create_batch(3, ontvanger=bewoner)

    response = client_for(bewoner).get(INBOX, {"ongelezen": "1"})

    assert f'href="{INBOX}?ongelezen=1&amp;page=2"' in response.content.decode()


def test_inbox_query_count_does_not_grow_with_the_number_of_meldingen(
    client_for, bewoner, django_assert_num_queries
):
    client = client_for(bewoner)
    pages = [
        lambda: client.get(INBOX),
        lambda: client.get(INBOX, {"ongelezen": "1", "page": "5"}, **HTMX),
    ]
    MeldingFactory(ontvanger=bewoner)
    measured = []
    for page in pages:
        # warm: the layout's per-person answers come from the cache (bewoners.per_persoon)
        page()
        with CaptureQueriesContext(connection) as queries:
            assert page().status_code == 200
        measured.append(len(queries))

    Melding.objects.bulk_create(
        [Melding(ontvanger=bewoner, soort="welkom", titel=f"M {i}") for i in range(199)]
    )
    for page, count in zip(pages, measured, strict=True):
        # warm: the layout's per-person answers come from the cache (bewoners.per_persoon)
        page()
        with django_assert_num_queries(count):
            response = page()
        assert _articles(response) >= 1


# --- Open and mark read --------------------------------------------------------------------


def test_open_marks_read_and_follows_the_link(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner, url="/profiel/")

    response = client_for(bewoner).get(reverse("meldingen:open", args=[melding.pk]))

    assert response.status_code == 302
    assert response.url == "/profiel/"
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


@pytest.mark.parametrize("url", ["", "https://kwaad.example.com/", "//kwaad.example.com/"])
def test_open_without_safe_link_goes_to_the_inbox(client_for, bewoner, url):
    melding = MeldingFactory(ontvanger=bewoner, url=url)

    response = client_for(bewoner).get(reverse("meldingen:open", args=[melding.pk]))

    assert response.url == INBOX
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


def test_mark_read_without_javascript_redirects_back(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner)
    next_url = f"{INBOX}?page=2"

    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]), {"next": next_url}
    )

    assert response.status_code == 302
    assert response.url == next_url
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


def test_mark_read_ignores_a_next_to_another_site(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner)

    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]), {"next": "https://kwaad.example.com/"}
    )

    assert response.url == INBOX


def test_mark_read_with_htmx_returns_the_list_and_a_status(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner, titel="Lees mij")

    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]), {"next": INBOX}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lees mij" in html
    assert "nieuw</span>" not in html
    assert 'hx-swap-oob="innerHTML">De melding staat nu op gelezen.' in html


def test_mark_read_with_htmx_keeps_the_filter(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner, titel="Lees mij")
    MeldingFactory(ontvanger=bewoner, titel="Nog niet")

    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]),
        {"next": f"{INBOX}?ongelezen=1"},
        **HTMX,
    )

    html = response.content.decode()
    assert "Nog niet" in html
    assert "Lees mij" not in html


def test_mark_all_read(client_for, bewoner):
    MeldingFactory.create_batch(3, ontvanger=bewoner)
    client = client_for(bewoner)

    response = client.post(reverse("meldingen:mark_all_read"), {"next": INBOX}, follow=True)

    assert not Melding.objects.for_user(bewoner).unread().exists()
    assert "3 meldingen staan nu op gelezen." in response.content.decode()


def test_mark_all_read_with_htmx_returns_the_list(client_for, bewoner):
    MeldingFactory.create_batch(2, ontvanger=bewoner)

    response = client_for(bewoner).post(reverse("meldingen:mark_all_read"), **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "2 meldingen staan nu op gelezen." in html
    assert "nieuw</span>" not in html


# --- Preferences ---------------------------------------------------------------------------


def test_preferences_form_shows_every_kind_with_current_choice(client_for, bewoner):
    Voorkeur.objects.create(user=bewoner, soort="welkom", kanaal=Kanaal.UIT)

    response = client_for(bewoner).get(VOORKEUREN)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Welkom in de wijk" in html
    assert "Berichten van de buurtassistent" in html
    assert "<fieldset" in html and "<legend" in html
    [uit] = re.findall(r'<input type="radio" name="kanaal_welkom" value="uit"[^>]*>', html)
    assert " checked" in uit
    assert 'name="dagelijkse_samenvatting"' in html


def test_preferences_form_saves(client_for, bewoner):
    # Every kind keeps its default (not stored), except "welkom".
    data = {f"kanaal_{s.code}": s.standaard for s in soorten.all_soorten()}
    data.update({"kanaal_welkom": "in_app", "dagelijkse_samenvatting": "on"})
    response = client_for(bewoner).post(VOORKEUREN, data, follow=True)

    assert response.redirect_chain == [(VOORKEUREN, 302)]
    assert "Je keuzes zijn opgeslagen." in response.content.decode()
    assert dict(Voorkeur.objects.filter(user=bewoner).values_list("soort", "kanaal")) == {
        "welkom": "in_app"
    }
    assert Instellingen.objects.get(user=bewoner).dagelijkse_samenvatting is True


def test_preferences_bad_input_gives_a_dutch_error_and_saves_nothing(client_for, bewoner):
    response = client_for(bewoner).post(
        VOORKEUREN,
        {
            "kanaal_welkom": "sms",
            "kanaal_buurtassistent_bericht": "uit",
            "dagelijkse_samenvatting": "on",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een van de mogelijkheden hieronder." in html
    assert 'aria-invalid="true"' in html
    assert "<title>Fout:" in html
    assert not Voorkeur.objects.exists()
    assert not Instellingen.objects.exists()


def test_preferences_missing_choice_is_an_error(client_for, bewoner):
    response = client_for(bewoner).post(VOORKEUREN, {"kanaal_welkom": "uit"})

    assert "Kies hoe je dit wilt horen." in response.content.decode()
    assert not Voorkeur.objects.exists()


def test_preferences_are_per_person(client_for, bewoner, outsider):
    data = {f"kanaal_{s.code}": s.standaard for s in soorten.all_soorten()}
    data.update({"kanaal_welkom": "uit", "kanaal_buurtassistent_bericht": "uit"})
    client_for(outsider).post(VOORKEUREN, data)

    assert not Voorkeur.objects.filter(user=bewoner).exists()
    assert Voorkeur.objects.filter(user=outsider).count() == 2
