"""Reports computed ahead by Celery: the usual periods open from the cache, with the same
numbers; the page says when they were computed."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.tests.factories import BuurtFactory
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.services import cooperatie_create
from rapportages import tasks, voorberekend
from rapportages.cijfers import Periode
from rapportages.tests.test_cijfers import bouw_data

pytestmark = pytest.mark.django_db

CSRF = r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"'
NU = datetime(2026, 3, 20, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_the_task_computes_every_usual_period_for_the_wijk_and_each_buurt(buurt, andere_buurt):
    with time_machine.travel(NU, tick=False):
        aantal = tasks.rapporten_voorberekenen(huidige().pk)
        # 2 languages × 4 periods × (whole wijk + 2 buurten)
        assert aantal == 2 * 4 * 3
        maart = Periode(date(2026, 3, 1), date(2026, 4, 1), buurt=buurt)
        assert voorberekend.ophalen(maart) is not None


def test_the_page_shows_the_computed_report_with_the_same_numbers(
    client_for, bestuurslid, buurt, andere_buurt
):
    with time_machine.travel(NU, tick=False):
        bouw_data(buurt, andere_buurt)
        client = client_for(bestuurslid)
        url = reverse("rapportages:rapport") + "?periode=deze_maand"
        with CaptureQueriesContext(connection) as zelf:
            live = client.get(url).content.decode()
        voorberekend.alles_voorberekenen()
        with CaptureQueriesContext(connection) as uit_cache:
            klaar = client.get(url).content.decode()
        assert len(uit_cache.captured_queries) < len(zelf.captured_queries) - 15
        # The same page, numbers and all, from far fewer queries (the CSRF token aside).
        assert re.sub(CSRF, "", klaar) == re.sub(CSRF, "", live)
        assert "Berekend op vrijdag 20 maart, 12:00." in klaar and "Nieuwe hulpvragen" in live


def test_a_new_buurt_or_own_dates_are_computed_on_the_spot(client_for, bestuurslid):
    with time_machine.travel(NU, tick=False):
        voorberekend.alles_voorberekenen()
        nieuw = BuurtFactory(naam="Nieuwbouw", slug="nieuwbouw")
        url = reverse("rapportages:rapport")
        response = client_for(bestuurslid).get(
            url, {"periode": "zelf", "van": "2026-02-03", "tot": "2026-02-20", "buurt": nieuw.pk}
        )
        assert response.status_code == 200
        assert voorberekend.ophalen(Periode(date(2026, 2, 3), date(2026, 2, 21), buurt=nieuw))


@pytest.mark.django_db
def test_a_computed_report_is_its_cooperaties_own():
    """One cache serves every coöperatie: a report computed for one is never another's."""
    periode = Periode(van=date(2030, 1, 1), tot=date(2030, 1, 31), buurt=None)
    voorberekend.bereken(periode)
    assert voorberekend.ophalen(periode) is not None
    with in_cooperatie(cooperatie_create(naam="Oost", slug="oost")):
        assert voorberekend.ophalen(periode) is None
