from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone, translation

from wijk.lib import datums

AMS = ZoneInfo("Europe/Amsterdam")


def test_dag_in_the_dutch_way_with_the_year_only_when_not_this_year():
    jaar = timezone.localdate().year
    with translation.override("nl"):
        assert datums.dag(date(jaar, 12, 12)).endswith("12 december")
        assert datums.dag(date(jaar + 1, 1, 5)).endswith(f"5 januari {jaar + 1}")
        assert datums.dag(date(jaar, 1, 5), jaar=True).endswith(f"5 januari {jaar}")
        assert datums.dag(None) == ""


def test_times_are_local_and_a_span_on_one_day_names_the_day_once():
    with translation.override("nl"):
        begin = datetime(2026, 12, 12, 13, 0, tzinfo=ZoneInfo("UTC"))  # 14:00 in Amsterdam
        einde = datetime(2026, 12, 12, 15, 0, tzinfo=ZoneInfo("UTC"))
        assert datums.dag_tijd(begin, jaar=False) == "zaterdag 12 december, 14:00"
        assert datums.tijdvak(begin, einde, jaar=False) == "zaterdag 12 december, 14:00–16:00"
        volgende = datetime(2026, 12, 13, 10, 0, tzinfo=AMS)
        assert datums.tijdvak(begin, volgende, jaar=False) == (
            "zaterdag 12 december, 14:00 – zondag 13 december, 10:00"
        )


def test_the_filters_are_built_in_templates():
    jaar = timezone.localdate().year
    with translation.override("nl"):
        html = Template("{{ d|dag }}|{% tijdvak b e %}").render(
            Context(
                {
                    "d": date(jaar, 12, 25),
                    "b": datetime(jaar, 12, 25, 10, 0, tzinfo=AMS),
                    "e": datetime(jaar, 12, 25, 11, 30, tzinfo=AMS),
                }
            )
        )
        dag = datums.dag(date(jaar, 12, 25))
    assert dag.endswith(" 25 december")
    assert html == f"{dag}|{dag}, 10:00–11:30"
