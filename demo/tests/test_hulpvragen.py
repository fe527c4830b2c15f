"""seed_demo's help-request data (demo.hulpvragen)."""

import pytest
from django.db.models import F

from demo.tests.hulp import seed_demo as _seed
from hulpvragen.models import Aanbod, Hulpvraag, Match


def _snapshot():
    return (Hulpvraag.objects.count(), Aanbod.objects.count(), Match.objects.count())


@pytest.mark.django_db
def test_seed_demo_creates_requests_offers_and_matches_in_every_state():
    _seed()

    assert set(Hulpvraag.objects.values_list("status", flat=True)) == set(Hulpvraag.Status.values)
    assert set(Match.objects.values_list("status", flat=True)) == set(Match.Status.values)
    assert Hulpvraag.objects.open().filter(geescaleerd_op__isnull=False).count() == 1
    afgerond = Match.objects.filter(status=Match.Status.AFGEROND)
    assert afgerond.exists()
    assert all(m.uren and m.afgerond_op for m in afgerond)
    assert afgerond.exclude(bedankje="").exists()
    assert Aanbod.objects.filter(actief=False, gepauzeerd_op__isnull=False).exists()
    assert all(a.buurt_id for a in Aanbod.objects.all())
    for hulpvraag in Hulpvraag.objects.all():
        assert hulpvraag.dagdelen == hulpvraag.compute_dagdelen()

    # The printed demo account sees own requests with proposals, and a proposal to answer.
    bewoner = "bewoner1@demo.wijk"
    eigen = Hulpvraag.objects.filter(aanvrager__email=bewoner)
    assert eigen.open().count() >= 2
    assert Match.objects.filter(
        hulpvraag__in=eigen.open(), status=Match.Status.VOORGESTELD
    ).exists()
    assert Match.objects.filter(helper__email=bewoner, status=Match.Status.VOORGESTELD).exists()
    # Open requests were matched by the engine (proposals made by the computer).
    assert Match.objects.filter(
        status=Match.Status.VOORGESTELD, voorgesteld_door__isnull=True
    ).exists()


@pytest.mark.django_db
def test_seed_demo_does_not_duplicate_the_demo_set():
    _seed()
    first = _snapshot()
    titels = sorted(Hulpvraag.objects.values_list("titel", flat=True))
    _seed()
    assert _snapshot() == first
    assert sorted(Hulpvraag.objects.values_list("titel", flat=True)) == titels


@pytest.mark.django_db
def test_seed_demo_scale_creates_data_in_proportion():
    _seed("--scale", "200")
    schaal = Hulpvraag.objects.filter(aanvrager__email__startswith="schaal-")
    aanbod = Aanbod.objects.filter(helper__email__startswith="schaal-")
    # one request and one offer per ten residents per month, two years back
    assert schaal.count() == 480
    assert aanbod.count() == 480
    assert set(schaal.values_list("status", flat=True)) >= {"afgerond", "verlopen", "ingetrokken"}
    # most old offers are paused; paused ones say since when
    assert aanbod.filter(actief=True).count() < aanbod.count() / 2
    assert not aanbod.filter(actief=False, gepauzeerd_op__isnull=True).exists()
    assert aanbod.filter(actief=True).exists()
    for a in aanbod.select_related("helper__profiel")[:50]:
        assert a.buurt_id == a.helper.profiel.buurt_id
        assert a.categorieen.exists()
    for h in schaal[:200]:
        assert h.dagdelen == h.compute_dagdelen()
    matches = Match.objects.filter(hulpvraag__in=schaal)
    assert (
        matches.filter(status=Match.Status.AFGEROND).count()
        == schaal.filter(status="afgerond").count()
    )
    assert not matches.filter(helper_id=F("hulpvraag__aanvrager_id")).exists()

    # Running it again adds nothing; a larger scale adds in proportion.
    before = _snapshot()
    _seed("--scale", "200")
    assert _snapshot() == before
    _seed("--scale", "300")
    assert schaal.count() == 720
    assert aanbod.count() == 720
