"""The matching search table follows a helper's profile through every page that changes its buurt
or skills (``bewoners.services.profiel_gewijzigd``, with ``zoekindex.follow_profiel`` registered
at start-up), without signals."""

import pytest
from django.urls import reverse

from bewoners.availability import ALL
from bewoners.models import Profiel
from hulpvragen import services
from hulpvragen.models import Zoekregel
from hulpvragen.tests.hulp import cat

pytestmark = pytest.mark.django_db


def rows(helper):
    return set(
        Zoekregel.objects.filter(helper=helper).values_list(
            "categorie__slug", "buurt_id", "expliciet"
        )
    )


@pytest.fixture
def aanbod(helper):
    return services.aanbod_create(
        helper=helper,
        titel="Ik klus graag",
        beschrijving="Ik heb gereedschap.",
        categorieen=[cat("klussen")],
        beschikbaarheid=ALL,
        bereik="eigen_buurt",
        max_per_week=2,
    )


def test_profile_page_moves_the_offer_and_adds_the_skill(client_for, helper, aanbod, andere_buurt):
    response = client_for(helper).post(
        reverse("bewoners:profiel_edit"),
        {
            "first_name": "Henk",
            "last_name": "de Vries",
            "postcode": "3543 XY",  # Nieuwland
            "kan_categorieen": [cat("vervoer").pk],
            "beschikbaarheid": ["0-0"],
            "talen": ["nl"],
        },
    )

    assert response.status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.buurt == andere_buurt
    assert rows(helper) == {("klussen", andere_buurt.pk, True), ("vervoer", andere_buurt.pk, False)}


def test_onboarding_step_with_the_skills(client_for, helper, aanbod, buurt):
    response = client_for(helper).post(
        reverse("bewoners:onboarding_stap", kwargs={"stap": 3}),
        {"kan_categorieen": [cat("vervoer").pk, cat("tuin").pk]},
    )

    assert response.status_code == 302
    assert rows(helper) == {
        ("klussen", buurt.pk, True),
        ("vervoer", buurt.pk, False),
        ("tuin", buurt.pk, False),
    }


def test_admin_profile_change(client_for, admin_user, helper, aanbod, andere_buurt):
    profiel = Profiel.objects.get(user=helper)

    response = client_for(admin_user).post(
        reverse("admin:bewoners_profiel_change", args=[profiel.pk]),
        {
            "user": helper.pk,
            "buurt": andere_buurt.pk,
            "kan_categorieen": [cat("vervoer").pk],
            "beschikbaarheid": ALL,
            "talen": "[]",
            "onboarding_stap": 4,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    aanbod.refresh_from_db()
    assert aanbod.buurt == andere_buurt
    assert rows(helper) == {("klussen", andere_buurt.pk, True), ("vervoer", andere_buurt.pk, False)}


def test_a_profile_change_that_touches_neither_buurt_nor_skills_leaves_the_rows(
    client_for, helper, aanbod, buurt
):
    voor = list(Zoekregel.objects.filter(helper=helper).values_list("pk", flat=True))

    response = client_for(helper).post(
        reverse("bewoners:onboarding_stap", kwargs={"stap": 4}),
        {"beschikbaarheid": ["0-0", "1-1"], "talen": ["nl"]},
    )

    assert response.status_code == 302
    assert list(Zoekregel.objects.filter(helper=helper).values_list("pk", flat=True)) == voor
