"""The dashboard's count of outreach signals from the rollup (``telling``, issue 16): after
every change the beat's run makes it equal to the live count, for each buurtassistent, mine
and all; a drifted count is repaired; never counted means counted live; and the count is the
same query whatever the number of residents."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.tests.factories import UserFactory
from buurtassistenten import queues, services, tasks, telling
from buurtassistenten.models import Signaaltelling
from buurtassistenten.tests.test_dashboard import NU, afwezig, een_van_elk, gezelschap
from cooperaties.huidige import huidige
from hulpvragen.models import Hulpvraag
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from initiatieven.models import Aanmelding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def anna(andere_buurt, assistent_van):
    return assistent_van(andere_buurt, first_name="Anna", email="anna@example.org")


@pytest.fixture(autouse=True)
def lang_vers(monkeypatch):
    """Only a change makes the count stale here (not its age): each step must mark it."""
    monkeypatch.setattr(telling, "VERVERS_MINUTEN", 60 * 24 * 365)
    cache.clear()


def live(user, alle, now=NU):
    return queues.signalen(user, alle=alle, now=now).order_by().values("pk").count()


def beat(klok):
    """The beat's run (its time), then the mark of the changes before it wears off."""
    toen = timezone.now()
    tasks.signalen_tellen(huidige().pk)
    klok.shift(timedelta(seconds=telling.MARK_SECONDEN + 1))
    return toen


def gelijk(klok, *assistenten):
    """After the beat's run the dashboard shows the live count (at the time of the run), for
    every buurtassistent, mine and all."""
    toen = beat(klok)
    assert Signaaltelling.objects.exists()
    for user in assistenten:
        for alle in (False, True):
            getoond = queues.tellingen(user, alle=alle)["signalen"]
            assert getoond == live(user, alle, toen), (user, alle)
    return {u: queues.tellingen(u)["signalen"] for u in assistenten}


def test_the_rollup_equals_the_live_count_after_every_change(
    klok, assistent, anna, buurt, andere_buurt, outsider
):
    mensen = een_van_elk(buurt)  # mensen[4]: absent twice
    afwezig(outsider, 3, 4)
    eerst = gelijk(klok, assistent, anna)
    assert eerst == {assistent: 1, anna: 1}

    # An intake, then a request for company on the resident's behalf.
    truus = services.intake_create(
        door=assistent, first_name="Truus", buurt=buurt, toestemming_hoe="mondeling"
    )
    vraag = HulpvraagFactory(aanvrager=truus, categorie=gezelschap())
    assert gelijk(klok, assistent, anna)[assistent] == 2

    # The request is matched: no longer open, no signal (the accepted match is activity now).
    MatchFactory(hulpvraag=vraag, geaccepteerd=True)
    vraag.status = Hulpvraag.Status.GEMATCHT
    vraag.save()
    assert gelijk(klok, assistent, anna)[assistent] == 1

    # Present after all: one absence left, no signal.
    aanmelding = Aanmelding.objects.filter(user=mensen[4]).first()
    aanmelding.aanwezig = True
    aanmelding.save()
    assert gelijk(klok, assistent, anna)[assistent] == 0

    # Went quiet: a booking 100 days ago, nothing since; then a booking to come.
    stijn = UserFactory(profiel__buurt=buurt)
    zaal = AccommodatieFactory(buurt=buurt)
    ReserveringFactory(accommodatie=zaal, geboekt_door=stijn, begin=NU - timedelta(days=100))
    assert gelijk(klok, assistent, anna)[assistent] == 1
    ReserveringFactory(accommodatie=zaal, geboekt_door=stijn, begin=NU + timedelta(days=2))
    assert gelijk(klok, assistent, anna)[assistent] == 0

    # Absent twice, then moves to the other buurt: Anna's now.
    afwezig(stijn, 1, 2)
    assert gelijk(klok, assistent, anna) == {assistent: 1, anna: 1}
    profiel = stijn.profiel
    profiel.buurt = andere_buurt
    profiel.save()
    assert gelijk(klok, assistent, anna) == {assistent: 0, anna: 2}

    # An account closed.
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    assert gelijk(klok, assistent, anna) == {assistent: 0, anna: 1}

    # A request for company, then removed.
    vraag = HulpvraagFactory(aanvrager=mensen[0], categorie=gezelschap())
    assert gelijk(klok, assistent, anna) == {assistent: 1, anna: 1}
    vraag.delete()
    assert gelijk(klok, assistent, anna) == {assistent: 0, anna: 1}


def test_the_beat_repairs_a_count_that_drifted(klok, assistent, buurt, monkeypatch):
    monkeypatch.setattr(telling, "VERVERS_MINUTEN", 10)
    een_van_elk(buurt)
    beat(klok)
    assert queues.tellingen(assistent, now=NU)["signalen"] == 1

    Signaaltelling.objects.update(aantal=40)  # drifted: a bulk update sent no signal
    assert queues.tellingen(assistent, now=NU)["signalen"] == 40 * Signaaltelling.objects.count()
    tasks.signalen_tellen(huidige().pk)  # not stale yet: the count is young, nothing changed
    assert Signaaltelling.objects.filter(aantal=40).exists()

    klok.shift(timedelta(minutes=10))  # as old as the refresh: counted again
    tasks.signalen_tellen(huidige().pk)
    assert not Signaaltelling.objects.filter(aantal=40).exists()
    assert queues.tellingen(assistent)["signalen"] == live(assistent, False) == 1


def test_never_counted_is_counted_live(assistent, buurt, django_assert_num_queries):
    een_van_elk(buurt)
    assert not Signaaltelling.objects.exists()
    with django_assert_num_queries(2):  # the counts, then the signals live
        assert queues.tellingen(assistent, now=NU)["signalen"] == 1
    telling.bijwerken(NU)
    with django_assert_num_queries(1):
        assert queues.tellingen(assistent, now=NU)["signalen"] == 1


def test_a_change_marks_the_count_stale_without_a_query(
    assistent, bewoner, django_assert_num_queries
):
    telling.bijwerken(NU)
    cache.clear()  # the marks of making the fixtures
    assert not telling.nodig(NU)
    with django_assert_num_queries(1):  # the UPDATE only
        bewoner.save(update_fields=["last_login"])  # a login moves no signal
    assert not telling.nodig(NU)
    bewoner.is_active = False
    with django_assert_num_queries(1):
        bewoner.save(update_fields=["is_active"])
    assert telling.nodig(NU)


def test_the_beat_counts_every_minute_per_cooperatie():
    from django.conf import settings

    taak = settings.CELERY_BEAT_SCHEDULE["buurtassistenten-signalen-tellen"]
    assert taak["task"] == "cooperaties.tasks.elke_cooperatie"
    assert taak["args"] == ("buurtassistenten.tasks.signalen_tellen",)
