"""One login, a membership per coöperatie (issue 14): a profile and roles in each coöperatie a
person takes part in; export and erasure cover all of them."""

import json

import pytest
from django.urls import reverse

from bewoners import privacy
from bewoners.models import Profiel, User
from bewoners.permissions import is_buurtassistent
from bewoners.roles import Rol, assign_role, has_role, remove_role
from bewoners.services import lid_worden
from bewoners.tests.factories import BuurtFactory, UserFactory
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.services import cooperatie_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def oost():
    return cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")


@pytest.fixture
def vrijwilliger(oost):
    """Bas: buurtassistent here, a resident in Oost (he volunteers in the next village)."""
    bas = UserFactory(
        first_name="Bas", email="bas@example.org", rollen=[Rol.BUURTASSISTENT], with_mfa=True
    )
    with in_cooperatie(oost):
        buurt = BuurtFactory(naam="Haven", slug="haven")
        profiel = lid_worden(bas)
        profiel.buurt = buurt
        profiel.wat_kun_je = "Fietsen maken in Oost."
        profiel.save()
    return User.objects.get(pk=bas.pk)


def test_a_person_has_a_profile_and_roles_per_cooperatie(vrijwilliger, oost):
    hier = vrijwilliger.profiel
    assert has_role(vrijwilliger, Rol.BUURTASSISTENT)
    assert is_buurtassistent(vrijwilliger)
    with in_cooperatie(oost):
        daar = User.objects.get(pk=vrijwilliger.pk)
        assert daar.profiel.pk != hier.pk
        assert daar.profiel.wat_kun_je == "Fietsen maken in Oost."
        assert has_role(daar, Rol.BEWONER)
        assert not has_role(daar, Rol.BUURTASSISTENT)  # a resident there, nothing more
        assert list(User.objects.hier().filter(pk=daar.pk)) == [daar]
    with over_alle_cooperaties():
        assert Profiel.objects.alle_cooperaties().filter(user=vrijwilliger).count() == 2


def test_roles_are_given_and_taken_per_cooperatie(vrijwilliger, oost):
    with in_cooperatie(oost):
        daar = User.objects.get(pk=vrijwilliger.pk)
        assign_role(daar, Rol.BESTUUR)
        assert has_role(daar, Rol.BESTUUR)
    hier = User.objects.get(pk=vrijwilliger.pk)
    assert not has_role(hier, Rol.BESTUUR)
    remove_role(hier, Rol.BUURTASSISTENT)
    assert not has_role(hier, Rol.BUURTASSISTENT)
    with in_cooperatie(oost):
        assert has_role(User.objects.get(pk=vrijwilliger.pk), Rol.BESTUUR)


def test_a_lookup_through_the_profile_means_the_membership_here(vrijwilliger, oost):
    haven = BuurtFactory(naam="Haven", slug="haven")  # a buurt of the same name here
    assert not User.objects.filter(pk=vrijwilliger.pk, profiel__buurt=haven).exists()
    with in_cooperatie(oost):
        assert User.objects.filter(pk=vrijwilliger.pk, profiel__buurt__slug="haven").exists()
        assert (
            User.objects.select_related("profiel").get(pk=vrijwilliger.pk).profiel.wat_kun_je
            == "Fietsen maken in Oost."
        )


def test_the_export_holds_every_membership(vrijwilliger, oost, client):
    data = privacy.export_user_data(vrijwilliger)
    assert "profiel" in data["bewoners"]
    oost_deel = data["andere_cooperaties"]["oost"]
    assert oost_deel["naam"] == "Wijkcoöperatie Oost"
    assert oost_deel["bewoners"]["profiel"]["wat_kun_je"] == "Fietsen maken in Oost."
    assert oost_deel["bewoners"]["profiel"]["rollen"] == ["bewoner"]
    client.force_login(vrijwilliger)
    antwoord = json.loads(client.get(reverse("bewoners:export")).content)
    oost_profiel = antwoord["andere_cooperaties"]["oost"]["bewoners"]["profiel"]
    assert oost_profiel["wat_kun_je"] == "Fietsen maken in Oost."


def test_erasure_covers_every_membership(vrijwilliger, oost):
    privacy.erase_user(vrijwilliger)
    with over_alle_cooperaties():
        assert not Profiel.objects.alle_cooperaties().filter(user=vrijwilliger).exists()
    assert huidige() is not None  # the caller's coöperatie is back


def test_the_admin_of_a_cooperatie_shows_only_its_own_people(vrijwilliger, oost, admin_client):
    alleen_hier = UserFactory(first_name="Hanna", email="hanna@example.org")
    lijst = admin_client.get(reverse("admin:bewoners_user_changelist"))
    assert b"hanna@example.org" in lijst.content
    assert b"bas@example.org" in lijst.content
    with in_cooperatie(oost):
        elders = admin_client.get(
            reverse("admin:bewoners_user_changelist"), headers={"host": "oost.localhost"}
        )
    assert elders.status_code == 200
    assert b"bas@example.org" in elders.content
    assert b"hanna@example.org" not in elders.content
    assert (
        admin_client.get(
            reverse("admin:bewoners_user_change", args=[alleen_hier.pk]),
            headers={"host": "oost.localhost"},
        ).status_code
        == 302  # "not found" in the admin: back to the list
    )
