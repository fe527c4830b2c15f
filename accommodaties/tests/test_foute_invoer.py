"""Dates and numbers out of range in the booking forms, the keeper's closures and the list's
filter: a message and nothing saved, never a server error (issue 12)."""

from datetime import datetime, time, timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse

from accommodaties import services
from accommodaties.models import Reservering, Sluiting
from accommodaties.tests.factories import AccommodatieFactory
from accommodaties.tests.hulp import AMS, START
from accommodaties.tests.test_views import _bewerk_data
from bewoners.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

BEREIK = "Kies een datum tussen 1 januari 1900 en 31 december 2199."


@pytest.fixture
def kees(db):
    return UserFactory(email="kees@example.org")


@pytest.fixture
def zaal(kees, buurt):
    return AccommodatieFactory(slug="buurtzaal", buurt=buurt, beheerders=[kees])


@pytest.fixture
def reservering(zaal, bewoner):
    begin = datetime.combine(START.date() + timedelta(days=2), time(10), tzinfo=AMS)
    return services.reservering_create(
        accommodatie=zaal,
        door=bewoner,
        begin=begin,
        einde=begin + timedelta(hours=2),
        aantal_personen=5,
        doel="Koffieochtend",
    )


@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31"])
def test_moving_a_booking_out_of_range_is_refused(client_for, bewoner, reservering, datum):
    """0001-01-01 answered 500 (OverflowError: a day before the first date Python knows)."""
    response = client_for(bewoner).post(
        reverse("accommodaties:verplaatsen", args=[reservering.pk]),
        {"datum": datum, "van": "10:00", "tot": "11:00", "aantal_personen": "5"},
    )
    assert response.status_code in (200, 400)
    assert BEREIK in response.content.decode()
    verplaatst = Reservering.objects.get(pk=reservering.pk)
    assert (verplaatst.begin, verplaatst.einde) == (reservering.begin, reservering.einde)


@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31"])
def test_booking_out_of_range_is_refused(client_for, bewoner, zaal, datum):
    response = client_for(bewoner).post(
        reverse("accommodaties:reserveren", args=[zaal.slug]),
        {
            "datum": datum,
            "van": "10:00",
            "tot": "11:00",
            "aantal_personen": "5",
            "doel": "Breiclub",
            "herhalen": "0",
        },
    )
    assert BEREIK in response.content.decode()
    assert not Reservering.objects.exists()


def test_a_closure_in_the_year_1_is_refused_and_nothing_saved(client_for, kees, zaal):
    response = client_for(kees).post(
        reverse("accommodaties:bewerken", args=[zaal.slug]),
        _bewerk_data(zaal, **{"dicht-0-van": "0001-01-01T00:00"}),
    )
    assert response.status_code == 400
    assert BEREIK in response.content.decode()
    assert not Sluiting.objects.exists()


@pytest.mark.parametrize("capaciteit", ["1e309", "9" * 40, "NaN", "1.5", "-3"])
def test_the_list_filter_refuses_a_strange_number(client_for, bewoner, zaal, capaciteit):
    response = client_for(bewoner).get(reverse("accommodaties:list"), {"capaciteit": capaciteit})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_stored_closure_from_the_year_1_is_made_harmless_by_the_migration(
    client_for, bewoner, zaal
):
    tot = START + timedelta(days=3)
    sluiting = Sluiting.objects.create(accommodatie=zaal, van=START, tot=tot, reden="Verbouwing")
    weg = Sluiting.objects.create(accommodatie=zaal, van=START, tot=tot, reden="Heel lang geleden")
    # As the old form stored it: 0001-01-01 00:00 in Amsterdam, a "BC" moment in UTC.
    pg = connection.vendor == "postgresql"
    oud = "'0001-12-31 23:40:28+00 BC'" if pg else "'0001-01-01'"
    later = "'0001-12-31 23:59:59+00 BC'" if pg else "'0001-01-02'"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE accommodaties_sluiting SET van = {oud} WHERE id = %s", [sluiting.pk]
        )
        cursor.execute(
            f"UPDATE accommodaties_sluiting SET van = {oud}, tot = {later} WHERE id = %s", [weg.pk]
        )
    pagina = zaal.get_absolute_url()
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="timestamp too small"), transaction.atomic():
            client_for(bewoner).get(pagina)

    migratie = import_module("accommodaties.migrations.0005_sluitingen_binnen_bereik")
    migratie.binnen_bereik(apps, SimpleNamespace(connection=connection))

    sluiting.refresh_from_db()
    assert sluiting.van == migratie.EERSTE_MOMENT and sluiting.tot == tot
    assert not Sluiting.objects.filter(pk=weg.pk).exists()
    assert client_for(bewoner).get(pagina).status_code == 200
