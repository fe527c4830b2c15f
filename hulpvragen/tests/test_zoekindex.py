"""The matching search table ``Zoekregel`` follows offers and profiles (``hulpvragen.zoekindex``)."""

import importlib

import pytest
from django.apps import apps as django_apps

from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.services import lid_worden, profiel_gewijzigd
from cooperaties.huidige import in_cooperatie
from cooperaties.services import cooperatie_create
from hulpvragen import matching, services
from hulpvragen.models import Aanbod, Zoekregel
from hulpvragen.tests.hulp import cat, vraag

pytestmark = pytest.mark.django_db


def rows(aanbod):
    return set(
        Zoekregel.objects.filter(aanbod=aanbod).values_list(
            "categorie__slug", "buurt_id", "expliciet", "nabijheid"
        )
    )


def maak(helper, *, categorieen=("vervoer",), bereik="eigen_buurt", buurten=(), **kw):
    return services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[cat(c) for c in categorieen],
        buurten=list(buurten),
        beschikbaarheid=kw.pop("beschikbaarheid", ALL),
        bereik=bereik,
        max_per_week=2,
        **kw,
    )


def test_rows_follow_create_edit_pause_and_resume(helper, buurt, andere_buurt):
    aanbod = maak(helper, categorieen=["vervoer", "klussen"])
    assert rows(aanbod) == {("vervoer", buurt.pk, True, 2), ("klussen", buurt.pk, True, 2)}

    services.aanbod_update(
        aanbod=aanbod, door=helper, bereik="buurten", buurten=[andere_buurt], categorieen=[cat()]
    )
    assert rows(aanbod) == {("vervoer", buurt.pk, True, 2), ("vervoer", andere_buurt.pk, True, 1)}

    services.aanbod_update(aanbod=aanbod, door=helper, bereik="overal")
    assert rows(aanbod) == {("vervoer", buurt.pk, True, 2), ("vervoer", None, True, 0)}

    services.aanbod_pause(aanbod=aanbod, door=helper)
    assert rows(aanbod) == set()
    services.aanbod_pause(aanbod=aanbod, door=helper, pauze=False)
    assert rows(aanbod) == {("vervoer", buurt.pk, True, 2), ("vervoer", None, True, 0)}

    aanbod.delete()
    assert not Zoekregel.objects.exists()


def test_skills_come_from_the_profile_in_this_cooperatie_only(helper):
    """A helper who takes part in two coöperaties: the offer's rows carry the skills of the
    profile here, never the categories of the profile elsewhere."""
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")
    with in_cooperatie(oost):
        fietsen = Categorie.objects.create(slug="fietsen", naam="Fietsen")
        lid_worden(helper).kan_categorieen.set([fietsen])
    helper.profiel.kan_categorieen.set([cat("klussen")])

    aanbod = maak(helper)
    assert {r[0] for r in rows(aanbod)} == {"vervoer", "klussen"}
    assert not Zoekregel.objects.alle_cooperaties().filter(categorie=fietsen).exists()


def test_overal_offer_naming_buurten_gets_no_named_buurt_proximity(bewoner, outsider, buurt):
    """The old scoring bug: an "overal" offer that also names buurten counted as 'named'."""
    aanbod = maak(outsider, bereik="overal", buurten=[buurt])
    assert rows(aanbod) == {
        ("vervoer", outsider.profiel.buurt_id, True, 2),
        ("vervoer", None, True, 0),
    }
    [found] = matching.candidates(vraag(bewoner))
    assert (found.zelfde_buurt, found.buurt_in_bereik) == (False, False)


def test_profile_skill_add_and_remove(helper, buurt):
    aanbod = maak(helper, categorieen=["klussen"])
    helper.profiel.kan_categorieen.add(cat("vervoer"))
    profiel_gewijzigd(helper.profiel)
    assert rows(aanbod) == {("klussen", buurt.pk, True, 2), ("vervoer", buurt.pk, False, 2)}

    helper.profiel.kan_categorieen.remove(cat("vervoer"))
    profiel_gewijzigd(helper.profiel)
    assert rows(aanbod) == {("klussen", buurt.pk, True, 2)}

    cat("tuin").kunners.add(helper.profiel)  # from the category's side
    profiel_gewijzigd(helper.profiel)
    assert ("tuin", buurt.pk, False, 2) in rows(aanbod)
    helper.profiel.kan_categorieen.clear()
    profiel_gewijzigd(helper.profiel)
    assert rows(aanbod) == {("klussen", buurt.pk, True, 2)}


def test_profile_buurt_change_moves_offer_and_rows(bewoner, helper, buurt, andere_buurt):
    aanbod = maak(helper)
    hulpvraag = vraag(bewoner)
    assert {k.helper_id for k in matching.candidates(hulpvraag)} == {helper.pk}

    helper.profiel.buurt = andere_buurt
    helper.profiel.save()
    profiel_gewijzigd(helper.profiel)
    aanbod.refresh_from_db()
    assert aanbod.buurt_id == andere_buurt.pk
    assert rows(aanbod) == {("vervoer", andere_buurt.pk, True, 2)}
    assert matching.candidates(hulpvraag) == []


def test_consent_withdrawn_is_not_a_candidate(bewoner, helper):
    maak(helper)
    hulpvraag = vraag(bewoner)
    helper.profiel.toestemming_op = None
    helper.profiel.save()
    assert matching.candidates(hulpvraag) == []


def test_data_migration_builds_rows_for_active_offers(helper, outsider, buurt, andere_buurt):
    actief = maak(helper, bereik="buurten", buurten=[andere_buurt])
    gepauzeerd = maak(outsider, actief=False)
    helper.profiel.kan_categorieen.add(cat("tuin"))
    profiel_gewijzigd(helper.profiel)
    verwacht = rows(actief)
    Zoekregel.objects.all().delete()

    migration = importlib.import_module("hulpvragen.migrations.0004_zoekregel_vullen")

    class Editor:
        class connection:  # noqa: N801
            alias = "default"

    migration.fill(django_apps, Editor)
    assert rows(actief) == verwacht
    assert ("tuin", buurt.pk, False, 2) in verwacht
    assert rows(gepauzeerd) == set()
    assert Aanbod.objects.count() == 2


def test_pre_selection_asks_who_was_not_asked_for_longest(settings, bewoner, buurt):
    """With more fitting helpers than the pre-selection holds, they take turns."""
    from bewoners.tests.factories import UserFactory

    settings.WIJK_MATCHING = {**settings.WIJK_MATCHING, "K": 1, "VOORSELECTIE": 1}
    eerste, tweede = (UserFactory(profiel__buurt=buurt) for _ in range(2))
    maak(eerste)
    maak(tweede)

    gevraagd = []
    for _ in range(2):
        hulpvraag = vraag(bewoner)
        [match] = services.hulpvraag_match(hulpvraag.pk)
        gevraagd.append(match.helper_id)

    assert gevraagd == [eerste.pk, tweede.pk]
    laatst = dict(Zoekregel.objects.values_list("helper_id", "laatst_gevraagd_op"))
    assert laatst[eerste.pk] is not None
    assert laatst[tweede.pk] >= laatst[eerste.pk]


def test_rebuilt_rows_remember_when_the_helper_was_last_asked(bewoner, helper):
    aanbod = maak(helper)
    services.hulpvraag_match(vraag(bewoner).pk)
    before = Zoekregel.objects.filter(helper=helper).values_list("laatst_gevraagd_op", flat=True)
    asked = set(before)
    assert len(asked) == 1 and None not in asked

    services.aanbod_update(aanbod=aanbod, door=helper, titel="Ander titel")

    assert (
        set(Zoekregel.objects.filter(helper=helper).values_list("laatst_gevraagd_op", flat=True))
        == asked
    )
