"""Booking rules, approval, cancelling and series (``accommodaties.services``)."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accommodaties import services
from accommodaties.models import Reservering, Sluiting, WieMagBoeken
from accommodaties.tests.factories import AccommodatieFactory
from accommodaties.tests.hulp import op
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def zaal(beheerder_van_zaal, buurt):
    return AccommodatieFactory(
        slug="buurtzaal-de-linde", buurt=buurt, beheerders=[beheerder_van_zaal]
    )


def boek(zaal, wie, begin, einde, aantal=5, doel="Koffieochtend"):
    return services.reservering_create(
        accommodatie=zaal, door=wie, begin=begin, einde=einde, aantal_personen=aantal, doel=doel
    )


def fouten(exc) -> str:
    return " ".join(exc.value.messages)


# --- the happy path and approval ----------------------------------------------------------------


def test_a_request_waits_for_the_keeper_who_is_told(zaal, bewoner, beheerder_van_zaal):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))

    assert reservering.status == Reservering.Status.AANGEVRAAGD
    assert reservering.bezet_tot == op(2, 12, 15)
    melding = Melding.objects.get(ontvanger=beheerder_van_zaal, soort="reservering_aanvraag")
    assert "Buurtzaal De Linde" in melding.titel and "Koffieochtend" in melding.tekst


def test_keeper_approves_and_the_booker_hears(zaal, bewoner, beheerder_van_zaal):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))

    services.reservering_approve(reservering=reservering, door=beheerder_van_zaal)

    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.BEVESTIGD
    assert reservering.bevestigd_op is not None
    assert "bevestigd" in Melding.objects.get(ontvanger=bewoner, soort="reservering_besluit").titel


def test_refusing_needs_a_reason_and_frees_the_slot(zaal, bewoner, helper, beheerder_van_zaal):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    with pytest.raises(ValidationError):
        services.reservering_reject(reservering=reservering, door=beheerder_van_zaal, reden=" ")

    services.reservering_reject(
        reservering=reservering, door=beheerder_van_zaal, reden="Er is onderhoud."
    )

    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEWEIGERD
    assert boek(zaal, helper, op(2, 10), op(2, 12)).status == Reservering.Status.AANGEVRAAGD


def test_a_keeper_books_without_approval(zaal, beheerder_van_zaal):
    beheerder_van_zaal.profiel.withdraw_consent()  # keepers book as part of their role
    reservering = boek(zaal, beheerder_van_zaal, op(2, 10), op(2, 12))
    assert reservering.status == Reservering.Status.BEVESTIGD


def test_only_keepers_decide(zaal, bewoner, outsider):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    for wie in (bewoner, outsider):
        with pytest.raises(PermissionDenied):
            services.reservering_approve(reservering=reservering, door=wie)
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD


def test_back_to_back_is_fine_but_the_buffer_counts(zaal, bewoner, helper):
    boek(zaal, bewoner, op(2, 10), op(2, 12))

    with pytest.raises(ValidationError) as exc:
        boek(zaal, helper, op(2, 12, 10), op(2, 13))  # inside the 15-minute buffer
    assert "al bezet" in fouten(exc)
    with pytest.raises(ValidationError):
        boek(zaal, helper, op(2, 9), op(2, 9, 50))  # its own buffer runs into 10:00
    assert boek(zaal, helper, op(2, 12, 15), op(2, 13))  # exactly after the buffer
    assert boek(zaal, helper, op(2, 8), op(2, 9, 45))  # ends with its buffer at 10:00


# --- bad input: a clear Dutch error and nothing changes -----------------------------------------


@pytest.mark.parametrize(
    ("begin", "einde", "aantal", "bericht"),
    [
        (op(2, 12), op(2, 10), 5, "Het einde moet na het begin liggen."),
        (op(2, 6), op(2, 7), 5, "niet open"),
        (op(2, 21), op(2, 23), 5, "niet open"),
        (op(2, 10), op(2, 10, 15), 5, "Boek minstens 30 minuten."),
        (op(2, 10), op(2, 15), 5, "Boek hoogstens 240 minuten"),
        (op(120, 10), op(120, 11), 5, "Zo ver vooruit"),
        (op(-1, 10), op(-1, 11), 5, "al voorbij"),
        (op(2, 10), op(2, 11), 21, "hoogstens 20 mensen"),
        (op(2, 10), op(2, 11), 0, "minstens 1"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(
    zaal, bewoner, begin, einde, aantal, bericht
):
    with pytest.raises(ValidationError) as exc:
        boek(zaal, bewoner, begin, einde, aantal=aantal)
    assert bericht in fouten(exc)
    assert not Reservering.objects.exists()


def test_a_closure_is_refused(zaal, bewoner):
    Sluiting.objects.create(accommodatie=zaal, van=op(3, 0), tot=op(4, 0), reden="Schoonmaak")
    with pytest.raises(ValidationError) as exc:
        boek(zaal, bewoner, op(3, 10), op(3, 11))
    assert "dicht: Schoonmaak" in fouten(exc)
    assert not Reservering.objects.exists()


def test_without_consent_or_for_keepers_only_is_refused(zaal, bewoner):
    bewoner.profiel.withdraw_consent()
    with pytest.raises(ValidationError, match="toestemming"):
        boek(zaal, bewoner, op(2, 10), op(2, 11))
    bewoner.profiel.give_consent()
    zaal.wie_mag_boeken = WieMagBoeken.BEHEERDERS
    zaal.save()
    with pytest.raises(ValidationError, match="beheerder"):
        boek(zaal, bewoner, op(2, 10), op(2, 11))
    assert not Reservering.objects.exists()


# --- cancelling ---------------------------------------------------------------------------------


def test_the_booker_cancels_until_the_deadline(zaal, bewoner, beheerder_van_zaal, klok):
    vroeg = boek(zaal, bewoner, op(3, 10), op(3, 11))
    laat = boek(zaal, bewoner, op(3, 14), op(3, 15))

    klok.move_to(op(2, 12))  # 22 hours before the first, 26 before the second
    with pytest.raises(ValidationError) as exc:
        services.reservering_cancel(reservering=vroeg, door=bewoner)
    assert "tot 24 uur van tevoren" in fouten(exc)
    services.reservering_cancel(reservering=laat, door=bewoner)

    vroeg.refresh_from_db()
    laat.refresh_from_db()
    assert vroeg.status == Reservering.Status.AANGEVRAAGD
    assert laat.status == Reservering.Status.GEANNULEERD
    assert Melding.objects.filter(
        ontvanger=beheerder_van_zaal, soort="reservering_geannuleerd"
    ).exists()


def test_a_keeper_cancels_any_time_with_a_reason(zaal, bewoner, beheerder_van_zaal, klok):
    reservering = boek(zaal, bewoner, op(1, 10), op(1, 11))
    klok.move_to(op(1, 9))
    with pytest.raises(ValidationError):
        services.reservering_cancel(reservering=reservering, door=beheerder_van_zaal)
    services.reservering_cancel(reservering=reservering, door=beheerder_van_zaal, reden="Lekkage")

    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEANNULEERD and reservering.reden == "Lekkage"
    assert Melding.objects.filter(ontvanger=bewoner, soort="reservering_geannuleerd").exists()


def test_someone_elses_booking_cannot_be_cancelled(zaal, bewoner, outsider):
    reservering = boek(zaal, bewoner, op(3, 10), op(3, 11))
    with pytest.raises(PermissionDenied):
        services.reservering_cancel(reservering=reservering, door=outsider, reden="Weg ermee")
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD


def test_unanswered_requests_lapse_when_they_start(zaal, bewoner, klok):
    reservering = boek(zaal, bewoner, op(1, 10), op(1, 11))
    klok.move_to(op(1, 9, 59))
    assert services.reserveringen_lapse() == 0
    klok.move_to(op(1, 10))
    assert services.reserveringen_lapse() == 1
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEWEIGERD


# --- series -------------------------------------------------------------------------------------


def test_a_weekly_series_keeps_its_local_time_across_daylight_saving(zaal, bewoner):
    uitkomst = services.reservering_create_series(
        accommodatie=zaal,
        door=bewoner,
        begin=op(1, 10),  # Tuesday 5 March
        einde=op(1, 11),
        aantal_personen=8,
        doel="Wandelgroep",
        interval_weken=1,
        tot_en_met=date(2030, 4, 9),
    )

    assert not uitkomst.niet_gelukt
    tijden = {timezone.localtime(r.begin).time() for r in uitkomst.geboekt}
    assert tijden == {time(10)}
    assert len(uitkomst.geboekt) == 6  # 5, 12, 19, 26 March, 2 and 9 April
    offsets = {timezone.localtime(r.begin).utcoffset() for r in uitkomst.geboekt}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_a_series_with_conflicts_says_which_and_may_book_the_rest(zaal, bewoner, helper):
    boek(zaal, helper, op(8, 10), op(8, 11))  # Tuesday 12 March
    kwargs = {
        "accommodatie": zaal,
        "door": bewoner,
        "begin": op(1, 10),
        "einde": op(1, 11),
        "aantal_personen": 8,
        "doel": "Wandelgroep",
        "interval_weken": 1,
        "tot_en_met": date(2030, 3, 19),
    }

    uitkomst = services.reservering_create_series(**kwargs)
    assert [d for d, _redenen in uitkomst.niet_gelukt] == [date(2030, 3, 12)]
    assert uitkomst.geboekt == [] and uitkomst.reeks is None
    assert Reservering.objects.filter(geboekt_door=bewoner).count() == 0

    uitkomst = services.reservering_create_series(**kwargs, alleen_vrije=True)
    assert sorted(timezone.localtime(r.begin).date() for r in uitkomst.geboekt) == [
        date(2030, 3, 5),
        date(2030, 3, 19),
    ]
    assert uitkomst.reeks is not None


def test_a_series_beyond_the_horizon_is_refused(zaal, bewoner):
    with pytest.raises(ValidationError, match="Zo ver vooruit"):
        services.reservering_create_series(
            accommodatie=zaal,
            door=bewoner,
            begin=op(1, 10),
            einde=op(1, 11),
            aantal_personen=8,
            doel="Wandelgroep",
            interval_weken=2,
            tot_en_met=date(2031, 1, 1),
        )
    assert not Reservering.objects.exists()
