"""The periodic task of the buurtassistent: the follow-ups after a welcome contact."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings

from buurtassistenten import services, tasks
from buurtassistenten.models import Contactmoment, Kanaal, Vervolg
from cooperaties.huidige import huidige

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# Just after midnight in Amsterdam: still 30 January in UTC. The local date counts.
WELKOM = datetime(2030, 1, 31, 0, 30, tzinfo=AMS)
R = Vervolg.Reden


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(WELKOM, tick=False) as reis:
        yield reis


def welkom(door, bewoner, **velden):
    return services.contactmoment_create(
        door=door,
        bewoner=bewoner,
        kanaal=Kanaal.HUISBEZOEK,
        soort=Contactmoment.Soort.WELKOM,
        notitie="Kennismaking aan huis.",
        **velden,
    )


def vervolgen(bewoner):
    return list(
        Vervolg.objects.filter(bewoner=bewoner).order_by("datum").values_list("reden", "datum")
    )


def test_a_welcome_gets_follow_ups_after_one_three_and_six_months_once(
    buurtassistent, bewoner, klok
):
    moment = welkom(buurtassistent, bewoner)
    klok.move_to(datetime(2030, 2, 1, 7, 0, tzinfo=AMS))

    assert (
        tasks.welkom_vervolgen.apply(args=(huidige().pk,)).get() == 3
    )  # in-process, also when a broker is set
    assert (
        tasks.welkom_vervolgen(huidige().pk) == 0
    )  # a second run (or a retried one) makes nothing again

    # One month after 31 January is the last day of February.
    assert vervolgen(bewoner) == [
        (R.WELKOM_1, date(2030, 2, 28)),
        (R.WELKOM_3, date(2030, 4, 30)),
        (R.WELKOM_6, date(2030, 7, 31)),
    ]
    assert set(Vervolg.objects.values_list("contactmoment", flat=True)) == {moment.pk}
    assert not Vervolg.objects.te_doen().exists()
    klok.move_to(datetime(2030, 2, 28, 7, 0, tzinfo=AMS))
    assert list(Vervolg.objects.te_doen().values_list("reden", flat=True)) == [R.WELKOM_1]


def test_a_follow_up_that_was_done_is_not_made_again_and_a_second_welcome_adds_nothing(
    buurtassistent, bewoner, helper, klok
):
    welkom(buurtassistent, bewoner)
    tasks.welkom_vervolgen(huidige().pk)
    eerste = Vervolg.objects.get(bewoner=bewoner, reden=R.WELKOM_1)
    klok.move_to(datetime(2030, 3, 1, 10, 0, tzinfo=AMS))
    services.vervolg_complete(vervolg=eerste, door=buurtassistent)
    welkom(buurtassistent, bewoner)  # welcomed twice: the first welcome counts
    welkom(buurtassistent, helper)  # a new welcome, a month later

    assert tasks.welkom_vervolgen(huidige().pk) == 3  # only Henk's

    assert Vervolg.objects.filter(bewoner=bewoner).count() == 3
    eerste.refresh_from_db()
    assert eerste.gedaan_op is not None
    assert vervolgen(helper) == [
        (R.WELKOM_1, date(2030, 4, 1)),
        (R.WELKOM_3, date(2030, 6, 1)),
        (R.WELKOM_6, date(2030, 9, 1)),
    ]


def test_other_contacts_make_no_welcome_follow_ups(buurtassistent, bewoner):
    services.contactmoment_create(door=buurtassistent, bewoner=bewoner, kanaal=Kanaal.TELEFOON)

    assert tasks.welkom_vervolgen(huidige().pk) == 0
    assert not Vervolg.objects.exists()


def test_the_task_runs_every_morning_at_seven_and_acks_late():
    entry = settings.CELERY_BEAT_SCHEDULE["buurtassistenten-welkom-vervolgen"]
    assert (
        entry["args"]
        == ("buurtassistenten.tasks.welkom_vervolgen",)
        == (tasks.welkom_vervolgen.name,)
    )
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert tasks.welkom_vervolgen.acks_late and tasks.welkom_vervolgen.reject_on_worker_lost
