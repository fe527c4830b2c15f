"""The periodic work of the hulpvragen app, with a frozen clock, and how its tasks are set up."""

from datetime import time, timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import huidige
from hulpvragen import services, tasks
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.hulp import meldingen, na_begin
from meldingen.models import Melding
from tests.tijd import START

pytestmark = pytest.mark.django_db


def naar(klok, **delta):
    klok.move_to(START + timedelta(**delta))


def vraag(aanvrager, *, dagen=3, **kw):
    fields = {
        "wanneer": "datum",
        "datum": START.date() + timedelta(days=dagen),
        "tijd_van": time(10),
        "tijd_tot": time(12),
        **kw,
    }
    return services.hulpvraag_create(
        aanvrager=aanvrager,
        categorie=Categorie.objects.get(slug="vervoer"),
        titel="Naar de huisarts",
        beschrijving="Ik zoek iemand die mij kan brengen.",
        **fields,
    )


def helpers_in(buurt, n):
    mensen = sorted((UserFactory(profiel__buurt=buurt) for _ in range(n)), key=lambda u: u.pk)
    for persoon in mensen:
        services.aanbod_create(
            helper=persoon,
            titel="Ik rijd graag",
            beschrijving="Ik heb een auto.",
            categorieen=[Categorie.objects.get(slug="vervoer")],
            beschikbaarheid=ALL,
            bereik="eigen_buurt",
            max_per_week=5,
        )
    return mensen


def status_van(hulpvraag):
    return dict(hulpvraag.matches.values_list("helper", "status"))


# --- proposals lapse --------------------------------------------------------------------------


def test_unanswered_proposals_lapse_and_the_next_candidate_is_asked(
    klok, bewoner, buurt, django_capture_on_commit_callbacks
):
    mensen = helpers_in(buurt, 4)
    hulpvraag = vraag(bewoner)
    services.hulpvraag_match(hulpvraag.pk)
    assert set(status_van(hulpvraag)) == {h.pk for h in mensen[:3]}

    naar(klok, hours=23, minutes=59)
    assert tasks.lapse_proposals(huidige().pk) == 0
    assert set(status_van(hulpvraag).values()) == {Match.Status.VOORGESTELD}

    naar(klok, hours=24, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.lapse_proposals(huidige().pk) == 1

    statussen = status_van(hulpvraag)
    assert [statussen[h.pk] for h in mensen] == [Match.Status.VERLOPEN] * 3 + [
        Match.Status.VOORGESTELD
    ]
    for h in mensen[:3]:
        assert meldingen(h, "hulp_vervallen") == 1
    assert meldingen(mensen[3], "hulp_voorstel") == 1
    nieuw = hulpvraag.matches.get(helper=mensen[3])
    assert nieuw.verloopt_op == timezone.now() + timedelta(hours=24)

    assert tasks.lapse_proposals(huidige().pk) == 0  # a second run finds nothing
    assert meldingen(mensen[0], "hulp_vervallen") == 1


def test_voorstel_geldig_uren_comes_from_the_settings(klok, settings, bewoner, buurt):
    settings.WIJK_MATCHING = {**settings.WIJK_MATCHING, "VOORSTEL_GELDIG_UREN": 4}
    helpers_in(buurt, 1)
    hulpvraag = vraag(bewoner)
    services.hulpvraag_match(hulpvraag.pk)

    naar(klok, hours=4, minutes=1)
    assert tasks.lapse_proposals(huidige().pk) == 1
    assert set(status_van(hulpvraag).values()) == {Match.Status.VERLOPEN}


def test_a_lost_message_after_lapsing_is_requeued_by_the_sweep(klok, bewoner, buurt):
    mensen = helpers_in(buurt, 2)
    hulpvraag = vraag(bewoner)
    services.hulpvraag_match(hulpvraag.pk)

    naar(klok, hours=25)
    with mock.patch.object(tasks.match_hulpvraag, "delay") as delay:
        tasks.lapse_proposals(huidige().pk)  # the queued matching never reaches a worker
        delay.reset_mock()
        naar(klok, hours=25, minutes=11)
        with mock.patch.object(tasks.match_aanbod, "delay"):
            result = tasks.sweep(huidige().pk)
    delay.assert_called_once_with(huidige().pk, hulpvraag.pk)
    assert (result["hulpvragen"], result["opnieuw"]) == (1, 0)  # lost, not merely stale
    hulpvraag.refresh_from_db()
    assert hulpvraag.matching_gevraagd_op == START + timedelta(hours=25)
    assert set(status_van(hulpvraag).values()) == {Match.Status.VERLOPEN}
    assert len(mensen) == 2


# --- escalation -------------------------------------------------------------------------------


@pytest.fixture
def assistenten(buurtassistent, buurt, andere_buurt):
    """Bas follows Oud-Zuid; another buurtassistent follows Nieuwland."""
    buurt.buurtassistenten.add(buurtassistent)
    ander = UserFactory(rollen=[Rol.BUURTASSISTENT])
    andere_buurt.buurtassistenten.add(ander)
    return buurtassistent, ander


def test_a_request_without_a_helper_goes_to_the_buurtassistent_after_48_hours(
    klok, bewoner, assistenten
):
    bas, ander = assistenten
    hulpvraag = vraag(bewoner, dagen=5)

    naar(klok, hours=47)
    assert tasks.escalate_waiting(huidige().pk) == 0
    hulpvraag.refresh_from_db()
    assert hulpvraag.geescaleerd_op is None
    assert meldingen(bas, "hulp_escalatie") == 0

    naar(klok, hours=48)
    assert tasks.escalate_waiting(huidige().pk) == 1
    hulpvraag.refresh_from_db()
    assert hulpvraag.geescaleerd_op == timezone.now()
    assert meldingen(bas, "hulp_escalatie") == 1
    assert meldingen(ander, "hulp_escalatie") == 0  # follows another buurt

    naar(klok, hours=49)
    assert tasks.escalate_waiting(huidige().pk) == 0  # idempotent
    assert meldingen(bas, "hulp_escalatie") == 1
    hulpvraag.refresh_from_db()
    assert hulpvraag.geescaleerd_op == START + timedelta(hours=48)


def test_a_request_with_an_accepted_helper_is_not_escalated(klok, bewoner, buurt, assistenten):
    [helper] = helpers_in(buurt, 1)
    hulpvraag = vraag(bewoner, dagen=5)
    [match] = services.hulpvraag_match(hulpvraag.pk)
    services.match_accept(match_id=match.pk, door=helper)

    naar(klok, hours=50)
    assert tasks.escalate_waiting(huidige().pk) == 0
    assert meldingen(assistenten[0], "hulp_escalatie") == 0


# --- expiry -----------------------------------------------------------------------------------


def test_requests_whose_date_passed_expire(klok, bewoner, buurt):
    helpers_in(buurt, 1)
    morgen = vraag(bewoner, dagen=1)
    later = vraag(bewoner, dagen=5)
    services.hulpvraag_match(morgen.pk)

    naar(klok, days=1, hours=14, minutes=59)  # the day itself, 23:59: not yet
    assert tasks.expire_past(huidige().pk) == 0

    naar(klok, days=1, hours=15, minutes=1)  # 00:01 the day after
    assert tasks.expire_past(huidige().pk) == 1
    morgen.refresh_from_db()
    later.refresh_from_db()
    assert morgen.status == Hulpvraag.Status.VERLOPEN and morgen.verlopen_op is not None
    assert set(status_van(morgen).values()) == {Match.Status.VERLOPEN}
    assert later.status == Hulpvraag.Status.OPEN
    assert meldingen(bewoner, "hulp_vervallen") == 1  # the requester hears it, once
    assert tasks.expire_past(huidige().pk) == 0
    assert meldingen(bewoner, "hulp_vervallen") == 1


# --- reminders --------------------------------------------------------------------------------


def _geaccepteerd(bewoner, buurt, **kw):
    [helper] = helpers_in(buurt, 1)
    hulpvraag = vraag(bewoner, **kw)
    [match] = services.hulpvraag_match(hulpvraag.pk)
    services.match_accept(match_id=match.pk, door=helper)
    return helper


def test_both_sides_are_reminded_the_day_before_once(klok, bewoner, buurt):
    helper = _geaccepteerd(bewoner, buurt, dagen=3)

    naar(klok, days=1)  # two days before
    assert tasks.send_reminders(huidige().pk) == 0

    naar(klok, days=2)
    assert tasks.send_reminders(huidige().pk) == 1
    assert tasks.send_reminders(huidige().pk) == 0
    assert meldingen(helper, "hulp_herinnering") == 1
    assert meldingen(bewoner, "hulp_herinnering") == 1
    herinnering = Melding.objects.get(ontvanger=helper, soort="hulp_herinnering")
    assert "10:00" in herinnering.tekst and bewoner.display_name in herinnering.tekst


def test_weekly_help_is_reminded_every_week(klok, bewoner, buurt):
    helper = _geaccepteerd(bewoner, buurt, wanneer="wekelijks", weekdag=2)  # woensdag

    naar(klok, days=1)  # dinsdag
    assert tasks.send_reminders(huidige().pk) == 1
    assert tasks.send_reminders(huidige().pk) == 0
    naar(klok, days=8)  # next dinsdag
    assert tasks.send_reminders(huidige().pk) == 1
    assert meldingen(helper, "hulp_herinnering") == 2
    assert meldingen(bewoner, "hulp_herinnering") == 2


def test_the_day_after_a_one_off_help_both_are_asked_to_mark_it_done_once(klok, bewoner, buurt):
    helper = _geaccepteerd(bewoner, buurt, dagen=3)

    naar(klok, days=3, hours=14)  # the day itself, 23:00: not yet
    assert tasks.ask_to_complete(huidige().pk) == 0

    naar(klok, days=4)
    assert tasks.ask_to_complete(huidige().pk) == 1
    assert tasks.ask_to_complete(huidige().pk) == 0
    for persoon in (helper, bewoner):
        vraag_om_af_te_ronden = Melding.objects.filter(
            ontvanger=persoon, soort="hulp_herinnering", titel__startswith="Is het gelukt?"
        )
        assert vraag_om_af_te_ronden.count() == 1


def test_weekly_help_is_not_asked_to_be_marked_done(klok, bewoner, buurt):
    _geaccepteerd(bewoner, buurt, wanneer="wekelijks", weekdag=2)

    naar(klok, days=20)
    assert tasks.ask_to_complete(huidige().pk) == 0


def test_a_completed_help_is_not_asked_about(klok, bewoner, buurt):
    helper = _geaccepteerd(bewoner, buurt, dagen=1)
    match = Match.objects.get(helper=helper)
    with na_begin(match):
        services.match_complete(match_id=match.pk, door=helper, uren=1)

    naar(klok, days=2)
    assert tasks.ask_to_complete(huidige().pk) == 0


# --- the sweep --------------------------------------------------------------------------------


def test_sweep_requeues_matching_that_never_ran(
    klok, bewoner, helper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        verloren = vraag(bewoner)  # the message to the worker is lost
        gelukt = vraag(helper)
    assert len(queued) == 2
    services.hulpvraag_match(gelukt.pk)  # this one did run
    verloren.refresh_from_db()
    assert verloren.matching_gevraagd_op == START and verloren.gematcht_gezocht_op is None

    naar(klok, minutes=5)
    with mock.patch.object(tasks.match_hulpvraag, "delay") as delay:
        tasks.sweep(huidige().pk)
    delay.assert_not_called()  # too early: the worker may still be busy

    naar(klok, minutes=11)
    with mock.patch.object(tasks.match_hulpvraag, "delay") as delay:
        result = tasks.sweep(huidige().pk)
    delay.assert_called_once_with(huidige().pk, verloren.pk)
    assert result["hulpvragen"] == 1

    tasks.sweep(huidige().pk)  # for real (eager): matching runs, and the next sweep leaves it alone
    verloren.refresh_from_db()
    assert verloren.gematcht_gezocht_op == timezone.now()
    with mock.patch.object(tasks.match_hulpvraag, "delay") as delay:
        tasks.sweep(huidige().pk)
    delay.assert_not_called()


def test_sweep_requeues_lost_offer_matching(klok, helper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        [_] = helpers_in(helper.profiel.buurt, 1)

    naar(klok, minutes=11)
    with mock.patch.object(tasks.match_aanbod, "delay") as delay:
        assert tasks.sweep(huidige().pk)["aanbod"] == 1
    delay.assert_called_once()


# --- configuration ----------------------------------------------------------------------------

TAKEN = [
    tasks.match_hulpvraag,
    tasks.match_aanbod,
    tasks.lapse_proposals,
    tasks.escalate_waiting,
    tasks.expire_past,
    tasks.send_reminders,
    tasks.ask_to_complete,
    tasks.sweep,
]
PERIODIEK = [
    "lapse_proposals",
    "escalate_waiting",
    "expire_past",
    "send_reminders",
    "ask_to_complete",
    "sweep",
]


@pytest.mark.parametrize("task", TAKEN, ids=lambda t: t.name)
def test_tasks_are_acked_late_and_rejected_when_the_worker_is_lost(task):
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True


def test_celery_settings_for_long_idempotent_tasks():
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True


def test_the_beat_schedule_names_every_periodic_hulpvragen_task():
    gepland = {entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    hulpvragen_taken = {t for t in gepland if t.startswith("hulpvragen.")}

    assert hulpvragen_taken == {f"hulpvragen.tasks.{name}" for name in PERIODIEK}
    for name in PERIODIEK:
        assert getattr(tasks, name).name == f"hulpvragen.tasks.{name}"


def test_escalation_goes_to_every_buurtassistent_when_nobody_follows_the_buurt(
    klok, bewoner, buurtassistent
):
    ander = UserFactory(rollen=[Rol.BUURTASSISTENT])
    vraag(bewoner, dagen=5)

    naar(klok, hours=48)
    assert tasks.escalate_waiting(huidige().pk) == 1
    assert meldingen(buurtassistent, "hulp_escalatie") == 1
    assert meldingen(ander, "hulp_escalatie") == 1
    assert meldingen(bewoner, "hulp_escalatie") == 0
