"""A coöperatie exported, removed and loaded again as a whole (issue 14, point 5)."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from bewoners.models import Buurt, Profiel, User
from bewoners.roles import Rol, assign_role, has_role
from bewoners.services import lid_worden
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie, Domein
from hulpvragen.models import Hulpvraag
from hulpvragen.tests.factories import HulpvraagFactory
from netwerk.services import (
    cooperatie_export_data,
    cooperatie_exporteren,
    cooperatie_importeren,
    cooperatie_opzetten,
    cooperatie_verwijderen,
    tenant_modellen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def noord():
    """A second coöperatie with its own buurt, two residents (one also a member here) and a
    help request of each; the coöperatie the test works for keeps its own rows."""
    noord = cooperatie_opzetten(
        naam="Dorp Noord", domeinen=["noord.nl"], buurten=[("De Linde", "3541")]
    )
    with in_cooperatie(noord):
        alleen = UserFactory(email="alleen@noord.nl", first_name="Alie", with_mfa=True)
        assign_role(alleen, Rol.BUURTASSISTENT)
        HulpvraagFactory(aanvrager=alleen, titel="Hulp in Noord")
    return noord


@pytest.fixture
def gedeeld(noord, bewoner):
    """``bewoner`` (a member here) is a member of Noord too, with a request there."""
    with in_cooperatie(noord):
        lid_worden(bewoner)
        HulpvraagFactory(aanvrager=bewoner, titel="Vraag van Bep in Noord")
    return bewoner


def _modellen(data) -> dict[str, int]:
    tel: dict[str, int] = {}
    for rij in data["objecten"]:
        tel[rij["model"]] = tel.get(rij["model"], 0) + 1
    return tel


def test_the_export_holds_every_row_of_the_cooperatie_and_nothing_of_another(noord, gedeeld):
    HulpvraagFactory(aanvrager=gedeeld, titel="Vraag hier")  # in the coöperatie of the test
    data = cooperatie_export_data(noord)
    tekst = json.dumps(data, default=str)
    with in_cooperatie(noord):
        for model in tenant_modellen():
            assert data["aantallen"][model._meta.label_lower] == model.objects.count()
    assert data["aantallen"]["hulpvragen.hulpvraag"] == 2
    assert "Hulp in Noord" in tekst and "Vraag van Bep in Noord" in tekst
    assert "Vraag hier" not in tekst
    cooperatie_pks = {
        r["fields"]["cooperatie"] for r in data["objecten"] if "cooperatie" in r["fields"]
    }
    assert cooperatie_pks == {noord.pk}
    assert _modellen(data)["cooperaties.domein"] == 1
    # The accounts its rows name, without what lets anyone log in as them.
    accounts = {
        r["fields"]["email"]: r["fields"] for r in data["objecten"] if r["model"] == "bewoners.user"
    }
    assert set(accounts) == {"alleen@noord.nl", gedeeld.email}
    assert all(velden["password"] == "!" for velden in accounts.values())
    assert "mfa.authenticator" not in _modellen(data)
    assert Authenticator.objects.filter(user__email="alleen@noord.nl").exists()
    # Roles by name, to load where the groups have other ids.
    rollen = [r["fields"]["rollen"] for r in data["objecten"] if r["model"] == "bewoners.profiel"]
    assert ["buurtassistent"] in sum(rollen, [])


def test_removal_takes_every_row_and_the_accounts_that_were_only_there(noord, gedeeld):
    HulpvraagFactory(aanvrager=gedeeld, titel="Vraag hier")
    hier = Hulpvraag.objects.count()
    aantallen = cooperatie_verwijderen(noord)
    assert not Cooperatie.objects.filter(pk=noord.pk).exists()
    assert not Domein.objects.filter(host="noord.nl").exists()
    for model in tenant_modellen():
        assert not model._base_manager.filter(cooperatie_id=noord.pk).exists(), model
    assert aantallen["accounts"] == 1
    assert aantallen["hulpvragen.hulpvraag"] == 2
    assert not User.objects.filter(email="alleen@noord.nl").exists()
    assert not Authenticator.objects.filter(user__email="alleen@noord.nl").exists()
    # The shared member keeps the account and everything here.
    bep = User.objects.get(pk=gedeeld.pk)
    assert bep.is_active and Profiel.objects.filter(user=bep).exists()
    assert Hulpvraag.objects.count() == hier
    assert Buurt.objects.exists()


def test_an_export_loads_again_after_removal(noord):
    tekst = cooperatie_exporteren(noord)
    pk = noord.pk
    with in_cooperatie(noord):
        voor = {m._meta.label_lower: m.objects.count() for m in tenant_modellen()}
    cooperatie_verwijderen(noord)
    terug = cooperatie_importeren(tekst)
    assert terug.pk == pk and terug.naam == "Dorp Noord"
    assert [d.host for d in terug.domeinen.all()] == ["noord.nl"]
    with in_cooperatie(terug):
        assert {m._meta.label_lower: m.objects.count() for m in tenant_modellen()} == voor
        alie = User.objects.get(email="alleen@noord.nl")
        assert has_role(alie, Rol.BUURTASSISTENT)
        assert not alie.has_usable_password()


def test_loading_refuses_what_would_overwrite_rows_here(noord):
    tekst = cooperatie_exporteren(noord)
    with pytest.raises(ValidationError, match="korte naam"):
        cooperatie_importeren(tekst)
    data = json.loads(tekst)
    data["cooperatie"]["slug"] = "ander"
    with pytest.raises(ValidationError, match="nummers"):
        cooperatie_importeren(json.dumps(data))


@pytest.mark.parametrize(
    "tekst",
    ["", "niet json", "[]", '{"formaat": "iets"}', '{"formaat": "wijk-cooperatie", "objecten": 1}'],
)
def test_loading_a_file_that_is_no_export_says_so(tekst):
    aantal = Cooperatie.objects.count()
    with pytest.raises(ValidationError, match="geen export"):
        cooperatie_importeren(tekst)
    assert Cooperatie.objects.count() == aantal


def test_the_commands_export_and_remove_with_confirmation(noord, tmp_path, capsys):
    bestand = tmp_path / "noord.json"
    call_command("cooperatie_exporteren", "--cooperatie", "dorp-noord", "--uitvoer", str(bestand))
    assert json.loads(bestand.read_text())["cooperatie"]["slug"] == "dorp-noord"
    with pytest.raises(CommandError, match="bestaat al"):
        call_command(
            "cooperatie_exporteren", "--cooperatie", "dorp-noord", "--uitvoer", str(bestand)
        )
    with pytest.raises(CommandError, match="bevestiging"):
        call_command("cooperatie_verwijderen", "--cooperatie", "dorp-noord", "--bevestig", "x")
    assert Cooperatie.objects.filter(slug="dorp-noord").exists()
    call_command("cooperatie_verwijderen", "--cooperatie", "dorp-noord", "--bevestig", "dorp-noord")
    assert not Cooperatie.objects.filter(slug="dorp-noord").exists()
    call_command("cooperatie_importeren", str(bestand))
    assert Cooperatie.objects.filter(slug="dorp-noord").exists()
    with pytest.raises(CommandError, match="geen coöperatie"):
        call_command("cooperatie_exporteren", "--cooperatie", "nergens", "--uitvoer", "x.json")
    assert "Geladen: Dorp Noord" in capsys.readouterr().out
