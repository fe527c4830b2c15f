"""Issue 15, point 3: "Profiel" shows the person's own profile first, editing is one click away."""

import pytest
from django.urls import reverse

from bewoners.models import Categorie


@pytest.fixture
def bep(bewoner):
    profiel = bewoner.profiel
    profiel.telefoon = "06 11122233"
    profiel.adres = "Dorpsstraat 7"
    profiel.postcode = "3541 AB"
    profiel.woonplaats = "Wijkdorp"
    profiel.wat_wil_je = "Mensen leren kennen"
    profiel.wat_kun_je = "Taart bakken"
    profiel.wat_heb_je_nodig = "Hulp na mijn operatie"
    profiel.wat_heb_je_te_bieden = "Tijd op zaterdag"
    profiel.beschikbaarheid = 1  # maandag ochtend
    profiel.save()
    return bewoner


@pytest.mark.django_db
def test_own_profile_shows_everything_given_and_an_edit_button(client, bep):
    client.force_login(bep)
    response = client.get(reverse("bewoners:mijn_profiel"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Mijn profiel</h1>" in html
    for gegeven in (
        "Bep Jansen",
        "Oud-Zuid",
        "bep@example.org",
        "06 11122233",
        "Dorpsstraat 7",
        "3541 AB Wijkdorp",
        "Mensen leren kennen",
        "Taart bakken",
        "Hulp na mijn operatie",
        "Tijd op zaterdag",
        "maandag ochtend",
    ):
        assert gegeven in html, gegeven
    assert f'href="{reverse("bewoners:profiel_edit")}" role="button">Bewerken<' in html
    assert f'href="{reverse("bewoners:profiel_detail", args=[bep.pk])}"' in html
    assert "Zo zien anderen je profiel" in html


@pytest.mark.django_db
def test_without_consent_the_page_says_nobody_sees_it(client, bep):
    bep.profiel.withdraw_consent()
    client.force_login(bep)
    html = client.get(reverse("bewoners:mijn_profiel")).content.decode()
    assert "Andere bewoners zien je profiel daarom niet" in html
    assert "Zo zien anderen je profiel" not in html


@pytest.mark.django_db
def test_own_public_view_shows_what_another_resident_sees(client, bep, outsider):
    url = reverse("bewoners:profiel_detail", args=[bep.pk])
    client.force_login(outsider)
    als_buur = client.get(url).content.decode()
    client.force_login(bep)
    html = client.get(url).content.decode()
    assert "Zo zien anderen je profiel" in html
    for publiek in ("Mensen leren kennen", "Taart bakken", "Tijd op zaterdag", "Oud-Zuid"):
        assert publiek in html and publiek in als_buur
    for prive in ("06 11122233", "Dorpsstraat 7", "Hulp na mijn operatie", "bep@example.org"):
        assert prive not in html and prive not in als_buur


@pytest.mark.django_db
def test_saving_the_profile_returns_to_the_own_profile(client, bep):
    from bewoners.tests.test_profiel import _profiel_post

    client.force_login(bep)
    response = client.post(reverse("bewoners:profiel_edit"), _profiel_post())
    assert response["Location"] == reverse("bewoners:mijn_profiel")


@pytest.mark.django_db
def test_header_link_profiel_opens_the_own_profile(client, bep):
    client.force_login(bep)
    html = client.get(reverse("bewoners:start")).content.decode()
    assert f'<a href="{reverse("bewoners:mijn_profiel")}"' in html
    html = client.get(reverse("bewoners:mijn_profiel")).content.decode()
    assert f'<a href="{reverse("bewoners:mijn_profiel")}" aria-current="page">' in html


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("bewoners:mijn_profiel"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_own_profile_query_count_does_not_grow_with_categories(
    client, bep, django_assert_max_num_queries
):
    client.force_login(bep)
    url = reverse("bewoners:mijn_profiel")
    client.get(url)
    bep.profiel.kan_categorieen.set(Categorie.objects.all()[:1])
    bep.profiel.nodig_categorieen.set(Categorie.objects.all()[:1])
    client.get(url)
    with django_assert_max_num_queries(20) as weinig:
        client.get(url)
    bep.profiel.kan_categorieen.set(Categorie.objects.all())
    bep.profiel.nodig_categorieen.set(Categorie.objects.all())
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(url)
