"""Coöperaties on one installation (issue 14, first step): the model, its own choices, which
coöperatie a host name belongs to, the current coöperatie, and creating one."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.models import Cooperatie, Domein, Module
from cooperaties.selectors import adres_van, cooperatie_voor_host, kale_host
from cooperaties.services import cooperatie_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def eerste():
    """The coöperatie the data migration made (named after WIJK_NAAM)."""
    return Cooperatie.objects.get()


@pytest.fixture
def oost():
    return cooperatie_create(naam="Wijkcoöperatie Oost", domeinen=["Oost-Wijk.nl"])


def test_the_data_migration_made_the_first_cooperatie_from_the_installation_name(eerste):
    assert eerste.naam == settings.WIJK_NAAM
    assert eerste.slug == "wijkcooperatie-de-buurt"
    assert eerste.actief
    assert eerste.modules == list(Module.values)
    assert eerste.gewichten == settings.WIJK_MATCHING["GEWICHTEN"]


@pytest.mark.parametrize(
    ("host", "kaal"),
    [
        ("Oost.Localhost:8000", "oost.localhost"),
        ("wijk.example.nl.", "wijk.example.nl"),
        ("[::1]:8000", "[::1]"),
        ("", ""),
    ],
)
def test_a_host_loses_its_port_case_and_final_dot(host, kaal):
    assert kale_host(host) == kaal


def test_a_host_names_its_cooperatie(eerste, oost):
    assert cooperatie_voor_host("oost-wijk.nl") == oost  # its own domain, stored in lower case
    assert cooperatie_voor_host("OOST-WIJK.NL:443") == oost
    assert cooperatie_voor_host("wijkcooperatie-oost.localhost:8000") == oost  # its subdomain
    assert cooperatie_voor_host("wijkcooperatie-de-buurt.localhost") == eerste
    # The installation itself opens the first coöperatie.
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]", "testserver"):
        assert cooperatie_voor_host(host) == eerste


@pytest.mark.parametrize(
    "host",
    ["onbekend.localhost", "a.b.localhost", "elders.nl", "localhost.evil.nl", "", ".localhost"],
)
def test_an_unknown_host_names_no_cooperatie(eerste, oost, host):
    assert cooperatie_voor_host(host) is None


def test_an_inactive_cooperatie_answers_on_no_host(eerste, oost):
    Cooperatie.objects.filter(pk=oost.pk).update(actief=False)
    assert cooperatie_voor_host("oost-wijk.nl") is None
    assert cooperatie_voor_host("wijkcooperatie-oost.localhost") is None
    Cooperatie.objects.filter(pk=eerste.pk).update(actief=False)
    assert cooperatie_voor_host("127.0.0.1") is None  # nothing active: nothing opens


def test_links_use_the_own_domain_else_the_subdomain(eerste, oost):
    assert adres_van(oost) == "oost-wijk.nl"
    assert adres_van(eerste) == "wijkcooperatie-de-buurt.localhost"


def test_the_current_cooperatie_is_set_for_a_block_and_put_back(eerste, oost):
    voor = huidige()  # the test's own (conftest), like any caller's
    with in_cooperatie(None):
        assert huidige() is None
    with in_cooperatie(eerste):
        assert huidige() == eerste
        with pytest.raises(RuntimeError), in_cooperatie(oost):
            assert huidige() == oost
            raise RuntimeError("fout in het werk")
        assert huidige() == eerste  # back after the error
    assert huidige() == voor


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"naam": ""}, "naam"),
        ({"naam": "Oost", "slug": "Met Spaties"}, "slug"),
        ({"naam": "Oost", "kleur": "groen"}, "kleur"),
        ({"naam": "Oost", "modules": ["hulp", "schaken"]}, "modules"),
        ({"naam": "Oost", "modules": "hulp"}, "modules"),
        ({"naam": "Oost", "gewichten": {"categorie": 1}}, "gewichten"),
        ({"naam": "Oost", "matching_k": 0}, "matching_k"),
        ({"naam": "Oost", "paginagrootte": 1000}, "paginagrootte"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_saves_nothing(eerste, velden, veld):
    with pytest.raises(ValidationError) as fout:
        cooperatie_create(**velden)
    assert veld in fout.value.message_dict
    assert Cooperatie.objects.count() == 1


def test_weights_outside_zero_to_ten_are_refused(eerste):
    gewichten = {**settings.WIJK_MATCHING["GEWICHTEN"], "taal": 11}
    with pytest.raises(ValidationError) as fout:
        cooperatie_create(naam="Oost", gewichten=gewichten)
    assert "0 tot en met 10" in str(fout.value.message_dict["gewichten"])


@pytest.mark.parametrize("host", ["https://oost.nl", "oost.nl/pad", "oost_wijk.nl", "-oost.nl"])
def test_a_malformed_domain_is_refused_and_nothing_is_saved(eerste, host):
    with pytest.raises(ValidationError):
        cooperatie_create(naam="Oost", domeinen=[host])
    assert Cooperatie.objects.count() == 1
    assert not Domein.objects.exists()


def test_a_domain_or_slug_belongs_to_one_cooperatie(eerste, oost):
    with pytest.raises(ValidationError):
        cooperatie_create(naam="Ander", domeinen=["oost-wijk.nl"])
    with pytest.raises(ValidationError):
        cooperatie_create(naam="Wijkcoöperatie Oost")  # the same slug
    assert Cooperatie.objects.count() == 2


def test_the_command_creates_one(eerste, capsys):
    call_command("cooperatie_aanmaken", "--naam", "Dorp Noord", "--domein", "noord.nl")
    noord = Cooperatie.objects.get(slug="dorp-noord")
    assert [d.host for d in noord.domeinen.all()] == ["noord.nl"]
    assert "http://noord.nl" in capsys.readouterr().out


def test_the_command_says_what_is_wrong_and_creates_nothing(eerste):
    with pytest.raises(CommandError, match="kleine letters"):
        call_command("cooperatie_aanmaken", "--naam", "Noord", "--domein", "http://noord.nl")
    assert Cooperatie.objects.count() == 1


def test_the_platform_beheerder_manages_them_in_the_admin(admin_client, eerste):
    lijst = admin_client.get(reverse("admin:cooperaties_cooperatie_changelist"))
    assert lijst.status_code == 200
    assert settings.WIJK_NAAM in lijst.content.decode()
    wijzig = admin_client.get(reverse("admin:cooperaties_cooperatie_change", args=[eerste.pk]))
    assert wijzig.status_code == 200
    nieuw = admin_client.get(reverse("admin:cooperaties_cooperatie_add"))
    assert nieuw.status_code == 200


def test_others_cannot_open_the_admin_pages(client_for, bewoner, eerste):
    antwoord = client_for(bewoner).get(reverse("admin:cooperaties_cooperatie_changelist"))
    assert antwoord.status_code == 302  # the admin's login page
