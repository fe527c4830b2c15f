"""No double bookings, whatever the concurrency (PostgreSQL exclusion constraint).

- 20 threads book the same slot at the same moment: exactly one booking, 19 clear refusals.
- A Hypothesis property test: the database accepts exactly the bookings that a plain-Python
  overlap rule (half-open ranges, buffer included) accepts.
"""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accommodaties import services
from accommodaties.models import Reservering
from accommodaties.tests.factories import AccommodatieFactory
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import meenemen

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraint exists on PostgreSQL only; SQLite relies on the service lock",
)


def _zaal(buffer_minuten=15, goedkeuring_nodig=False):
    return AccommodatieFactory(
        naam="Gymzaal",
        capaciteit=30,
        buffer_minuten=buffer_minuten,
        goedkeuring_nodig=goedkeuring_nodig,
        max_duur_minuten=600,
        min_duur_minuten=5,
        openingstijden=[(dag, time(0), time(23, 59)) for dag in range(7)],
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_twenty_people_take_the_same_slot_at_once_one_wins():
    zaal = _zaal()
    mensen = [UserFactory() for _ in range(20)]
    morgen = timezone.localdate() + timedelta(days=1)
    begin = timezone.make_aware(datetime.combine(morgen, time(10)))
    einde = begin + timedelta(hours=1)
    start = threading.Barrier(len(mensen))
    gelukt, geweigerd, anders = [], [], []

    def probeer(persoon):
        try:
            start.wait()
            services.reservering_create(
                accommodatie=zaal,
                door=persoon,
                begin=begin,
                einde=einde,
                aantal_personen=4,
                doel="Zaalvoetbal",
            )
            gelukt.append(persoon.pk)
        except ValidationError as exc:
            geweigerd.append(" ".join(exc.messages))
        except Exception as exc:  # noqa: BLE001 - any other outcome is a failure, reported below
            anders.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=meenemen(probeer), args=(p,)) for p in mensen]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert anders == []
    assert len(gelukt) == 1
    assert len(geweigerd) == 19
    assert all("al bezet" in bericht for bericht in geweigerd)
    assert Reservering.objects.actief().filter(accommodatie=zaal).count() == 1


def _python_rule(aanvragen, buffer):
    """Which bookings a plain overlap rule accepts, in order: [begin, einde + buffer) half-open."""
    geaccepteerd = []
    for i, (begin, duur) in enumerate(aanvragen):
        bezet_tot = begin + duur + buffer
        if all(not (begin < b_tot and bezet_tot > b) for _j, b, b_tot in geaccepteerd):
            geaccepteerd.append((i, begin, bezet_tot))
    return [i for i, _b, _t in geaccepteerd]


@needs_postgres
@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    buffer=st.sampled_from([0, 5, 15, 30]),
    aanvragen=st.lists(
        st.tuples(st.integers(0, 96), st.integers(1, 24)),  # start and length in 5-minute steps
        min_size=1,
        max_size=12,
    ),
)
def test_the_database_accepts_exactly_what_the_overlap_rule_accepts(buffer, aanvragen):
    zaal = _zaal(buffer_minuten=buffer)
    boeker = UserFactory()
    dag = datetime(2031, 6, 2, 8, 0, tzinfo=timezone.get_current_timezone())
    stap = timedelta(minutes=5)
    buffer_td = timedelta(minutes=buffer)
    momenten = [(dag + start * stap, lengte * stap) for start, lengte in aanvragen]

    door_database = []
    for i, (begin, duur) in enumerate(momenten):
        try:
            with transaction.atomic():
                Reservering.objects.create(
                    accommodatie=zaal,
                    geboekt_door=boeker,
                    begin=begin,
                    einde=begin + duur,
                    bezet_tot=begin + duur + buffer_td,
                    aantal_personen=1,
                    doel="test",
                    status=Reservering.Status.BEVESTIGD,
                )
            door_database.append(i)
        except IntegrityError:
            pass

    assert door_database == _python_rule(momenten, buffer_td)
    # Refused or cancelled bookings do not hold their slot.
    Reservering.objects.filter(accommodatie=zaal).update(status=Reservering.Status.GEANNULEERD)
    begin, duur = momenten[0]
    Reservering.objects.create(
        accommodatie=zaal,
        geboekt_door=boeker,
        begin=begin,
        einde=begin + duur,
        bezet_tot=begin + duur,
        aantal_personen=1,
        doel="opnieuw",
        status=Reservering.Status.AANGEVRAAGD,
    )


def test_a_deadlock_between_two_bookings_of_one_slot_is_an_ordinary_taken_slot():
    """PostgreSQL may end one of two transactions that insert overlapping bookings at once as a
    deadlock (40P01, SQLSTATE of psycopg's DeadlockDetected); that booking is simply taken."""
    from django.db import IntegrityError, OperationalError
    from psycopg import errors

    from accommodaties.services.regels import is_botsing

    def fout(soort, oorzaak):
        try:
            try:
                raise oorzaak
            except Exception as exc:
                raise soort(str(exc)) from exc
        except soort as buiten:
            return buiten

    assert is_botsing(fout(OperationalError, errors.DeadlockDetected("deadlock detected")))
    assert is_botsing(fout(IntegrityError, errors.ExclusionViolation("conflicting key")))
    assert not is_botsing(fout(OperationalError, errors.QueryCanceled("canceling statement")))
    assert not is_botsing(OperationalError("the server closed the connection"))
