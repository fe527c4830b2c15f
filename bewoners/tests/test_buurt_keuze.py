"""Issue 15, point 2: a chosen buurt and a postcode of another buurt — ask, never decide silently."""

import pytest
from django.urls import reverse

from bewoners.models import Profiel
from bewoners.tests.factories import UserFactory
from bewoners.tests.test_profiel import _profiel_post


@pytest.mark.django_db
def test_chosen_buurt_and_postcode_of_another_buurt_asks_and_saves_nothing(
    client, bewoner, buurt, andere_buurt
):
    client.force_login(bewoner)
    before = Profiel.objects.filter(pk=bewoner.profiel.pk).values().get()
    response = client.post(
        reverse("bewoners:profiel_edit"), _profiel_post(postcode="3543 XY", buurt=buurt.pk)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Postcode 3543 XY hoort bij buurt Nieuwland, maar je koos Oud-Zuid." in html
    assert "Welke buurt klopt?" in html
    assert f'type="radio" name="buurt_keuze" value="{andere_buurt.pk}"' in html
    assert f'type="radio" name="buurt_keuze" value="{buurt.pk}"' in html
    assert "Nieuwland (hoort bij je postcode)" in html
    assert "Oud-Zuid (die koos je zelf)" in html
    assert Profiel.objects.filter(pk=bewoner.profiel.pk).values().get() == before


@pytest.mark.django_db
@pytest.mark.parametrize("keuze", ["postcode", "zelf"])
def test_the_answer_decides_the_buurt(client, bewoner, buurt, andere_buurt, keuze):
    client.force_login(bewoner)
    gekozen = andere_buurt if keuze == "postcode" else buurt
    response = client.post(
        reverse("bewoners:profiel_edit"),
        _profiel_post(postcode="3543 XY", buurt=buurt.pk, buurt_keuze=gekozen.pk),
    )
    assert response.status_code == 302
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.buurt == gekozen
    assert bewoner.profiel.postcode == "3543 XY"
    # Confirmed once: saving the profile again does not ask again, nor change the buurt.
    response = client.post(
        reverse("bewoners:profiel_edit"),
        _profiel_post(postcode="3543 XY", buurt=gekozen.pk, wat_wil_je="Iets anders"),
    )
    assert response.status_code == 302
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.buurt == gekozen


@pytest.mark.django_db
def test_an_answer_that_does_not_fit_asks_again(client, bewoner, buurt, andere_buurt):
    derde = type(buurt).objects.create(naam="Derde", slug="derde", postcodes="3549")
    client.force_login(bewoner)
    for antwoord in (derde.pk, "x", ""):
        response = client.post(
            reverse("bewoners:profiel_edit"),
            _profiel_post(postcode="3543 XY", buurt=buurt.pk, buurt_keuze=antwoord),
        )
        assert response.status_code == 200
        assert "Welke buurt klopt?" in response.content.decode()
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.buurt == buurt


@pytest.mark.django_db
def test_no_buurt_chosen_follows_the_postcode_and_says_so(client, bewoner, andere_buurt):
    client.force_login(bewoner)
    response = client.post(
        reverse("bewoners:profiel_edit"), _profiel_post(postcode="3543 XY"), follow=True
    )
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.buurt == andere_buurt
    assert "Je postcode hoort bij buurt Nieuwland. Die buurt staat nu in je profiel." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_same_buurt_as_the_postcode_asks_nothing(client, bewoner, buurt):
    client.force_login(bewoner)
    response = client.post(
        reverse("bewoners:profiel_edit"), _profiel_post(postcode="3541 AB", buurt=buurt.pk)
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_welcome_flow_asks_too(client, buurt, andere_buurt):
    user = UserFactory(email="nieuw@example.org", first_name="", profiel__nieuw=True)
    client.force_login(user)
    client.post(reverse("bewoners:onboarding_stap", args=[1]), {"toestemming": "on"})
    stap2 = reverse("bewoners:onboarding_stap", args=[2])
    data = {"first_name": "Nina", "postcode": "3543 AA", "buurt": buurt.pk}
    response = client.post(stap2, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Postcode 3543 AA hoort bij buurt Nieuwland, maar je koos Oud-Zuid." in html
    assert Profiel.objects.get(user=user).buurt is None
    response = client.post(stap2, {**data, "buurt_keuze": buurt.pk})
    assert response["Location"] == reverse("bewoners:onboarding_stap", args=[3])
    assert Profiel.objects.get(user=user).buurt == buurt


@pytest.mark.django_db
def test_availability_grid_has_short_weekdays_and_the_full_name_for_screen_readers(client, bewoner):
    client.force_login(bewoner)
    html = client.get(reverse("bewoners:profiel_edit")).content.decode()
    assert (
        '<th scope="row"><span class="dag-lang">Donderdag</span>'
        '<span class="dag-kort" aria-hidden="true">Do</span></th>'
    ) in html
