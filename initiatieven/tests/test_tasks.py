"""The periodic task of activities: the reminder the evening before."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from bewoners.tests.factories import UserFactory
from cooperaties.huidige import huidige
from initiatieven import services, tasks
from initiatieven.models import Activiteit
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import op
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


def test_the_reminder_goes_out_once_to_who_is_signed_up_for_tomorrow(bewoner, helper, klok):
    organisator = UserFactory()
    initiatief = InitiatiefFactory(organisatoren=[organisator])
    activiteit = services.activiteit_create(
        initiatief=initiatief,
        door=organisator,
        titel="Stoelyoga",
        begin=op(1, 10),
        einde=op(1, 11),
        capaciteit=1,
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=op(8, 10).date(),
    )
    morgen, volgende_week = activiteit.bijeenkomsten.order_by("begin")
    services.aanmelding_create(bijeenkomst=morgen, user=bewoner)
    services.aanmelding_create(bijeenkomst=morgen, user=helper)  # waiting list: no reminder
    services.aanmelding_create(bijeenkomst=volgende_week, user=helper)
    klok.move_to(op(0, 18))

    assert (
        tasks.herinner.apply(args=(huidige().pk,)).get() == 1
    )  # in-process, also when a broker is set
    assert tasks.herinner(huidige().pk) == 0  # a second run (or a retried one) sends nothing again

    herinneringen = Melding.objects.filter(soort="activiteit_herinnering")
    assert list(herinneringen.values_list("ontvanger", flat=True)) == [bewoner.pk]
    morgen.refresh_from_db()
    volgende_week.refresh_from_db()
    assert morgen.herinnerd_op is not None and volgende_week.herinnerd_op is None


def test_the_reminder_is_scheduled_every_evening_and_acks_late():
    entry = settings.CELERY_BEAT_SCHEDULE["initiatieven-herinneringen"]
    assert entry["args"] == ("initiatieven.tasks.herinner",) == (tasks.herinner.name,)
    assert entry["schedule"] == crontab(hour=18, minute=0)
    assert tasks.herinner.acks_late and tasks.herinner.reject_on_worker_lost
