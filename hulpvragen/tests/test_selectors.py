"""The reads other apps use (``hulpvragen.selectors``): the same answers as the engine gives."""

import pytest

from bewoners.availability import ALL
from hulpvragen import matching, selectors, services
from hulpvragen.models import Hulpvraag
from hulpvragen.tests.hulp import cat, vraag

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(helper):
    return services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[cat()],
        beschikbaarheid=ALL,
        bereik="eigen_buurt",
        max_per_week=2,
    )


def test_kandidaten_voor_an_open_request_and_none_for_a_closed_one(bewoner, helper, aanbod):
    hulpvraag = vraag(bewoner)

    [kandidaat] = selectors.kandidaten_voor(hulpvraag, limit=10)

    [engine] = matching.rank(hulpvraag, limit=10)
    assert kandidaat["helper"] == helper
    assert kandidaat["aanbod"] == aanbod
    assert kandidaat["score"] == engine.score
    assert kandidaat["uitleg"].startswith("zelfde buurt · Vervoer")

    hulpvraag.status = Hulpvraag.Status.INGETROKKEN
    assert selectors.kandidaten_voor(hulpvraag, limit=10) == []


def test_voorstel_geldig_uren_comes_from_the_settings(settings):
    settings.WIJK_MATCHING = {**settings.WIJK_MATCHING, "VOORSTEL_GELDIG_UREN": 36}
    assert selectors.voorstel_geldig_uren() == 36


def test_kandidaten_queryset_is_the_engines_first_step(bewoner, helper, aanbod):
    hulpvraag = vraag(bewoner)
    assert [r["helper_id"] for r in selectors.kandidaten_queryset(hulpvraag)] == [helper.pk]


def test_zoekregels_voor_are_the_rows_the_services_keep(helper, aanbod, buurt):
    rijen = selectors.zoekregels_voor(aanbod, categorieen={cat().pk}, skills=[], buurten=[])
    assert [(r.categorie_id, r.buurt_id, r.expliciet) for r in rijen] == [
        (cat().pk, buurt.pk, True)
    ]
    assert aanbod.zoekregels.count() == 1
