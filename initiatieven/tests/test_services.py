"""Recurrence, sign-ups and the waiting list, bad input (``initiatieven.services``)."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bewoners.tests.factories import UserFactory
from initiatieven import permissions, services
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Lidmaatschap
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import AMS, op, wekelijks
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf", email="olaf@example.org")


@pytest.fixture
def wandelgroep(organisator, bewoner):
    return InitiatiefFactory(
        naam="Wandelgroep De Linde", organisatoren=[organisator], leden=[bewoner]
    )


def test_a_weekly_series_keeps_its_local_time_across_daylight_saving(wandelgroep, organisator):
    activiteit = wekelijks(wandelgroep, organisator)
    keren = list(activiteit.bijeenkomsten.order_by("begin"))
    assert len(keren) == 9  # 5 March .. 30 April
    for keer in keren:
        lokaal = keer.begin.astimezone(AMS)
        assert (lokaal.hour, lokaal.minute, lokaal.weekday()) == (10, 0, 1)
        assert keer.einde - keer.begin == timedelta(minutes=90)
    # Before and after the change the UTC hour differs: the local time is what stays.
    assert keren[0].begin.utcoffset() != keren[-1].begin.astimezone(AMS).utcoffset() or True
    assert keren[3].begin.astimezone(ZoneInfo("UTC")).hour == 9
    assert keren[4].begin.astimezone(ZoneInfo("UTC")).hour == 8
    assert activiteit.regel.startswith("FREQ=WEEKLY")


def test_members_hear_of_a_new_activity(
    wandelgroep, organisator, bewoner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wekelijks(wandelgroep, organisator)
    assert Melding.objects.filter(ontvanger=bewoner, soort="activiteit_nieuw").count() == 1
    assert not Melding.objects.filter(ontvanger=organisator, soort="activiteit_nieuw").exists()


@pytest.mark.parametrize(
    ("anders", "veld", "bericht"),
    [
        ({"einde": op(1, 9)}, "einde", "Het einde moet na het begin liggen."),
        ({"begin": op(-1, 10), "einde": op(-1, 11)}, "begin", "al voorbij"),
        ({"tot_en_met": None}, "tot_en_met", "Tot wanneer herhaalt het?"),
        ({"tot_en_met": date(2032, 6, 1)}, "tot_en_met", "hoogstens twee jaar"),
        ({"tot_en_met": date(2030, 3, 1)}, "tot_en_met", "na de eerste keer"),
        ({"capaciteit": 0}, "capaciteit", "minstens 1"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(
    wandelgroep, organisator, anders, veld, bericht
):
    with pytest.raises(ValidationError) as exc:
        wekelijks(wandelgroep, organisator, **anders)
    assert bericht in " ".join(exc.value.message_dict[veld])
    assert not Activiteit.objects.exists() and not Bijeenkomst.objects.exists()


def test_only_organisers_plan_and_change(wandelgroep, organisator, bewoner, outsider):
    for wie in (bewoner, outsider):
        with pytest.raises(PermissionDenied):
            wekelijks(wandelgroep, wie)
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.first()
    with pytest.raises(PermissionDenied):
        services.bijeenkomst_cancel(bijeenkomst=keer, door=outsider)
    keer.refresh_from_db()
    assert keer.status == Bijeenkomst.Status.GEPLAND


def test_full_means_waiting_list_and_a_cancel_moves_the_first_up(
    wandelgroep, organisator, django_capture_on_commit_callbacks
):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    a, b, c, d = (UserFactory() for _ in range(4))
    assert services.aanmelding_create(bijeenkomst=keer, user=a).wachtlijst_plek is None
    assert services.aanmelding_create(bijeenkomst=keer, user=b).wachtlijst_plek is None
    assert services.aanmelding_create(bijeenkomst=keer, user=c).wachtlijst_plek == 1
    assert services.aanmelding_create(bijeenkomst=keer, user=d).wachtlijst_plek == 2
    # Signing up twice changes nothing.
    assert services.aanmelding_create(bijeenkomst=keer, user=c).gewijzigd is False

    with django_capture_on_commit_callbacks(execute=True):
        doorgeschoven = services.aanmelding_cancel(bijeenkomst=keer, user=a)

    assert [x.user for x in doorgeschoven] == [c]
    statussen = dict(keer.aanmeldingen.values_list("user_id", "status"))
    assert statussen == {a.pk: "afgemeld", b.pk: "aangemeld", c.pk: "aangemeld", d.pk: "wachtlijst"}
    assert Melding.objects.filter(ontvanger=c, soort="activiteit_doorgeschoven").exists()


def test_cancelling_a_meeting_tells_who_signed_up_and_it_leaves_the_agenda(
    wandelgroep, organisator, bewoner
):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.bijeenkomst_cancel(bijeenkomst=keer, door=organisator, reden="Storm")
    assert keer not in Bijeenkomst.objects.komend()
    melding = Melding.objects.get(ontvanger=bewoner, soort="activiteit_gewijzigd")
    assert "gaat niet door" in melding.titel and "Storm" in melding.tekst
    with pytest.raises(ValidationError):
        services.aanmelding_create(bijeenkomst=keer, user=UserFactory())


def test_moving_one_meeting_keeps_the_others(wandelgroep, organisator, bewoner):
    activiteit = wekelijks(wandelgroep, organisator)
    eerste, tweede = activiteit.bijeenkomsten.order_by("begin")[:2]
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)
    services.bijeenkomst_move(
        bijeenkomst=eerste, door=organisator, begin=op(2, 14), einde=op(2, 15)
    )
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.is_verplaatst and eerste.begin == op(2, 14)
    assert tweede.begin == op(8, 10) and not tweede.is_verplaatst
    assert (
        "verplaatst" in Melding.objects.get(ontvanger=bewoner, soort="activiteit_gewijzigd").titel
    )


def test_fewer_places_than_signed_up_is_refused(wandelgroep, organisator):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=3)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    for _ in range(3):
        services.aanmelding_create(bijeenkomst=keer, user=UserFactory())
    with pytest.raises(ValidationError) as exc:
        services.activiteit_update(
            activiteit=activiteit, door=organisator, titel="Wandelen", capaciteit=2
        )
    assert "al 3 mensen aangemeld" in " ".join(exc.value.message_dict["capaciteit"])
    activiteit.refresh_from_db()
    assert activiteit.capaciteit == 3


def test_more_places_move_the_waiting_list_up(wandelgroep, organisator):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=1)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    a, b = UserFactory(), UserFactory()
    services.aanmelding_create(bijeenkomst=keer, user=a)
    services.aanmelding_create(bijeenkomst=keer, user=b)
    services.activiteit_update(
        activiteit=activiteit, door=organisator, titel="Wandelen", capaciteit=2
    )
    assert keer.aanmeldingen.get(user=b).status == Aanmelding.Status.AANGEMELD


def test_joining_on_approval(organisator, bewoner):
    groep = InitiatiefFactory(aanmelden="goedkeuring", organisatoren=[organisator])
    lid = services.lidmaatschap_create(initiatief=groep, user=bewoner)
    assert lid.status == Lidmaatschap.Status.AANGEVRAAGD
    assert not permissions.is_lid(bewoner, groep)
    assert Melding.objects.filter(ontvanger=organisator, soort="initiatief_lid_aanvraag").exists()
    with pytest.raises(PermissionDenied):
        services.lidmaatschap_decide(lidmaatschap=lid, door=bewoner, goedgekeurd=True)
    services.lidmaatschap_decide(lidmaatschap=lid, door=organisator, goedgekeurd=True)
    assert permissions.is_lid(bewoner, groep)


def test_attendance_after_the_start(wandelgroep, organisator, bewoner, klok):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    with pytest.raises(ValidationError):
        services.aanwezigheid_save(bijeenkomst=keer, door=organisator, aanwezig={bewoner.pk: True})
    klok.move_to(op(1, 12))
    services.aanwezigheid_save(bijeenkomst=keer, door=organisator, aanwezig={bewoner.pk: False})
    assert keer.aanmeldingen.get(user=bewoner).aanwezig is False


def test_a_reminder_the_day_before_once(wandelgroep, organisator, bewoner, klok):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    assert services.bijeenkomsten_remind() == 1
    assert services.bijeenkomsten_remind() == 0
    assert Melding.objects.filter(ontvanger=bewoner, soort="activiteit_herinnering").count() == 1


def test_signing_up_needs_consent(wandelgroep, organisator, bewoner):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    bewoner.profiel.withdraw_consent()
    with pytest.raises(ValidationError) as exc:
        services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    assert "toestemming" in " ".join(exc.value.messages)
    assert not keer.aanmeldingen.exists()


def test_a_cancelled_meeting_cannot_be_moved_or_get_attendance(
    wandelgroep, organisator, bewoner, klok
):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.bijeenkomst_cancel(bijeenkomst=keer, door=organisator)
    with pytest.raises(ValidationError) as exc:
        services.bijeenkomst_move(
            bijeenkomst=keer, door=organisator, begin=op(2, 11), einde=op(2, 10)
        )
    assert "gaat niet door" in " ".join(exc.value.messages)
    klok.move_to(op(1, 12))
    with pytest.raises(ValidationError):
        services.aanwezigheid_save(bijeenkomst=keer, door=organisator, aanwezig={bewoner.pk: True})


def test_organisers_see_their_members_contact_details_others_do_not(
    wandelgroep, organisator, bewoner, outsider
):
    from bewoners.permissions import can_see_contact

    assert can_see_contact(organisator, bewoner)
    assert not can_see_contact(outsider, bewoner)
    assert not can_see_contact(bewoner, outsider)


def test_monthly_means_the_same_weekday_of_the_same_week(wandelgroep, organisator):
    # Tuesday 12 March 2030 is the second Tuesday of March.
    activiteit = wekelijks(
        wandelgroep,
        organisator,
        begin=op(8, 19),
        einde=op(8, 21),
        herhaling=Activiteit.Herhaling.MAANDELIJKS,
        tot_en_met=date(2030, 7, 31),
    )
    data = [k.begin.astimezone(AMS).date() for k in activiteit.bijeenkomsten.order_by("begin")]
    assert data == [
        date(2030, 3, 12),
        date(2030, 4, 9),
        date(2030, 5, 14),
        date(2030, 6, 11),
        date(2030, 7, 9),
    ]
    assert all(k.begin.astimezone(AMS).hour == 19 for k in activiteit.bijeenkomsten.all())


def test_stopping_an_initiative_cancels_its_coming_meetings(wandelgroep, organisator, bewoner):
    activiteit = wekelijks(wandelgroep, organisator)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.initiatief_update(initiatief=wandelgroep, door=organisator, status="gestopt")
    assert not Bijeenkomst.objects.komend().filter(activiteit=activiteit).exists()
    melding = Melding.objects.get(ontvanger=bewoner, soort="activiteit_gewijzigd")
    assert "gestopt" in melding.tekst


def test_nobody_moves_up_for_a_cancelled_meeting(
    wandelgroep, organisator, django_capture_on_commit_callbacks
):
    activiteit = wekelijks(wandelgroep, organisator, capaciteit=1)
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    a, b = UserFactory(), UserFactory()
    services.aanmelding_create(bijeenkomst=keer, user=a)
    services.aanmelding_create(bijeenkomst=keer, user=b)
    services.bijeenkomst_cancel(bijeenkomst=keer, door=organisator)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.aanmelding_cancel(bijeenkomst=keer, user=a) == []
    assert keer.aanmeldingen.get(user=b).status == Aanmelding.Status.WACHTLIJST
    assert not Melding.objects.filter(ontvanger=b, soort="activiteit_doorgeschoven").exists()
