"""Places under real concurrency (PostgreSQL): never more sign-ups than places, and concurrent
cancels move exactly the first ones of the waiting list up, each once."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from bewoners.tests.factories import UserFactory
from cooperaties.huidige import meenemen
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit
from initiatieven.tests.factories import InitiatiefFactory

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent transactions need PostgreSQL; SQLite serialises writers",
)
pytestmark = [
    needs_postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),  # the coöperatie the sign-ups belong to
]


def _keer(capaciteit):
    organisator = UserFactory()
    groep = InitiatiefFactory(organisatoren=[organisator])
    dag = timezone.localdate() + timedelta(days=3)
    begin = timezone.make_aware(datetime.combine(dag, time(10)))
    activiteit = services.activiteit_create(
        initiatief=groep,
        door=organisator,
        titel="Stoelyoga",
        begin=begin,
        einde=begin + timedelta(hours=1),
        capaciteit=capaciteit,
        herhaling=Activiteit.Herhaling.GEEN,
    )
    return activiteit.bijeenkomsten.get()


def _tegelijk(doe, mensen):
    """Run ``doe(persoon)`` for everyone at the same moment, each in its own connection."""
    start = threading.Barrier(len(mensen))
    fouten = []

    def draai(persoon):
        try:
            start.wait(10)
            doe(persoon)
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=meenemen(draai), args=(p,)) for p in mensen]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return fouten


def test_two_residents_taking_the_last_place_at_once_get_one_place_and_one_waiting():
    keer = _keer(capaciteit=3)
    for _ in range(2):
        services.aanmelding_create(bijeenkomst=keer, user=UserFactory())
    twee = [UserFactory(), UserFactory()]

    assert _tegelijk(lambda p: services.aanmelding_create(bijeenkomst=keer, user=p), twee) == []

    statussen = sorted(keer.aanmeldingen.filter(user__in=twee).values_list("status", flat=True))
    assert statussen == ["aangemeld", "wachtlijst"]
    assert keer.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).count() == 3


def test_many_at_once_never_exceed_the_places():
    keer = _keer(capaciteit=5)
    mensen = [UserFactory() for _ in range(16)]
    assert _tegelijk(lambda p: services.aanmelding_create(bijeenkomst=keer, user=p), mensen) == []
    assert keer.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).count() == 5
    assert keer.aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).count() == 11


def test_concurrent_cancels_move_the_first_of_the_waiting_list_up_once_each():
    keer = _keer(capaciteit=3)
    aangemeld = [UserFactory() for _ in range(3)]
    wachtend = [UserFactory() for _ in range(4)]
    for persoon in aangemeld + wachtend:
        services.aanmelding_create(bijeenkomst=keer, user=persoon)

    assert (
        _tegelijk(lambda p: services.aanmelding_cancel(bijeenkomst=keer, user=p), aangemeld) == []
    )

    statussen = dict(keer.aanmeldingen.values_list("user_id", "status"))
    assert [statussen[p.pk] for p in wachtend] == ["aangemeld"] * 3 + ["wachtlijst"]
    assert all(statussen[p.pk] == "afgemeld" for p in aangemeld)


def test_series_and_single_sign_ups_at_once_never_exceed_the_places_nor_deadlock():
    """Whole series lock their meetings in time order, as one sign-up locks its one."""
    organisator = UserFactory()
    groep = InitiatiefFactory(organisatoren=[organisator])
    dag = timezone.localdate() + timedelta(days=3)
    begin = timezone.make_aware(datetime.combine(dag, time(10)))
    activiteit = services.activiteit_create(
        initiatief=groep,
        door=organisator,
        titel="Wandelen",
        begin=begin,
        einde=begin + timedelta(hours=1),
        capaciteit=2,
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=dag + timedelta(weeks=2),
    )
    keren = list(activiteit.bijeenkomsten.order_by("begin"))
    reeks = [UserFactory() for _ in range(3)]
    los = [UserFactory() for _ in range(3)]

    def doe(persoon):
        if persoon in reeks:
            services.reeks_aanmelden(activiteit=activiteit, user=persoon)
        else:
            services.aanmelding_create(bijeenkomst=keren[-1], user=persoon)

    assert _tegelijk(doe, reeks + los) == []

    for keer in keren:
        assert keer.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).count() == 2
    assert keren[-1].aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).count() == 4
