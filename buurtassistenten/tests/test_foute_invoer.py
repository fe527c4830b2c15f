"""Dates on a resident's coordination page (issue 12): a contact moment dated 0001-01-01 00:00
was accepted and stored, after which that resident's coordination page, their own data export
and the admin's list answered 500 for good on PostgreSQL ("timestamp too small"). The form now
refuses dates outside the range the app accepts, and a data migration makes stored ones harmless.
"""

from datetime import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from buurtassistenten.models import Contactmoment, Vervolg
from buurtassistenten.tests.formulieren import contact
from tests.tijd import START

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok", "assistent")]

BEREIK = "Kies een datum tussen 1 januari 1900 en 31 december 2199."


@pytest.mark.parametrize(
    "anders",
    [
        {"datum": "0001-01-01T00:00"},
        {"datum": "1899-12-31T23:59"},
        {"vervolg_op": "9999-12-31"},
        {"vervolg_op": "2200-01-01"},
    ],
)
def test_a_contact_moment_out_of_range_is_refused_and_nothing_saved(
    client_for, buurtassistent, bewoner, anders
):
    response = client_for(buurtassistent).post(
        reverse("buurtassistenten:contactmoment", args=[bewoner.pk]), contact(**anders)
    )
    assert response.status_code == 400
    assert BEREIK in response.content.decode()
    assert not Contactmoment.objects.exists()
    assert not Vervolg.objects.exists()


def test_the_first_and_last_accepted_dates_are_fine(client_for, buurtassistent, bewoner):
    with time_machine.travel(datetime(2199, 12, 31, 12, tzinfo=START.tzinfo), tick=False):
        response = client_for(buurtassistent).post(
            reverse("buurtassistenten:contactmoment", args=[bewoner.pk]),
            contact(datum="1900-01-01T00:00", vervolg_op="2199-12-31"),
        )
    assert response.status_code == 302
    assert timezone.localtime(Contactmoment.objects.get().datum).year == 1900
    assert Vervolg.objects.get().datum.isoformat() == "2199-12-31"


def _binnen_bereik():
    migratie = import_module("buurtassistenten.migrations.0004_contactmomenten_binnen_bereik")
    migratie.binnen_bereik(apps, SimpleNamespace(connection=connection))


def test_a_stored_year_1_moment_is_made_harmless_by_the_migration(
    client_for, buurtassistent, bewoner
):
    moment = Contactmoment.objects.create(
        bewoner=bewoner, door=buurtassistent, kanaal="telefoon", notitie="Oud contact."
    )
    vervolg = Vervolg.objects.create(
        bewoner=bewoner, datum=START.date(), reden=Vervolg.Reden.AFSPRAAK
    )
    # As the old form stored them: 0001-01-01 00:00 in Amsterdam is a year-0 ("BC") moment in
    # UTC on PostgreSQL; and a follow-up on the last day Python knows.
    oud = "'0001-12-31 23:40:28+00 BC'" if connection.vendor == "postgresql" else "'0001-01-01'"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE buurtassistenten_contactmoment SET datum = {oud} WHERE id = %s", [moment.pk]
        )
        cursor.execute(
            "UPDATE buurtassistenten_vervolg SET datum = '9999-12-31' WHERE id = %s", [vervolg.pk]
        )
    pagina = reverse("buurtassistenten:bewoner", args=[bewoner.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="timestamp too small"), transaction.atomic():
            client_for(buurtassistent).get(pagina)

    _binnen_bereik()

    moment.refresh_from_db()
    vervolg.refresh_from_db()
    assert moment.datum == moment.aangemaakt_op
    assert moment.notitie == "Oud contact."
    assert vervolg.datum.isoformat() == "2199-12-31"
    assert client_for(buurtassistent).get(pagina).status_code == 200
    assert client_for(bewoner).get(reverse("bewoners:export")).status_code == 200
