"""Export and erasure of bookings, the admin, and the periodic task."""

import pytest
from django.conf import settings
from django.urls import reverse

from accommodaties import services, tasks
from accommodaties.models import Reservering
from accommodaties.tests.factories import AccommodatieFactory
from accommodaties.tests.hulp import op
from bewoners import privacy
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import huidige

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def zaal(db):
    return AccommodatieFactory(naam="Buurtzaal", slug="buurtzaal", capaciteit=10, buffer_minuten=0)


def boek(zaal, wie, dagen, doel="Verjaardag van Bep"):
    return services.reservering_create(
        accommodatie=zaal,
        door=wie,
        begin=op(dagen, 14),
        einde=op(dagen, 16),
        aantal_personen=6,
        doel=doel,
    )


def test_export_holds_my_bookings_and_what_i_keep(zaal, bewoner):
    boek(zaal, bewoner, 3)
    zaal.beheerders.add(bewoner)

    data = privacy.export_user_data(bewoner)["accommodaties"]

    assert [r["doel"] for r in data["reserveringen"]] == ["Verjaardag van Bep"]
    assert data["beheerder_van"] == ["Buurtzaal"]


def test_erasure_frees_future_slots_and_keeps_no_words(zaal, bewoner, klok):
    verleden = boek(zaal, bewoner, 1, doel="Oud feestje")
    toekomst = boek(zaal, bewoner, 5)
    zaal.beheerders.add(bewoner)
    klok.move_to(op(2, 9))

    privacy.erase_user(bewoner)

    verleden.refresh_from_db()
    toekomst.refresh_from_db()
    assert toekomst.status == Reservering.Status.GEANNULEERD
    assert verleden.doel == "" and toekomst.doel == ""
    assert not zaal.beheerders.exists()
    # The skeleton of the past booking stays for the figures of facility use.
    assert Reservering.objects.filter(pk=verleden.pk).exists()


def test_the_lapse_task_is_scheduled_and_idempotent(zaal, bewoner, klok):
    aanvraag = boek(zaal, bewoner, 1)
    klok.move_to(op(1, 15))

    assert tasks.lapse_requests(huidige().pk) == 1
    assert tasks.lapse_requests(huidige().pk) == 0
    aanvraag.refresh_from_db()
    assert aanvraag.status == Reservering.Status.GEWEIGERD
    gepland = {entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "accommodaties.tasks.lapse_requests" in gepland
    assert tasks.lapse_requests.acks_late and tasks.lapse_requests.reject_on_worker_lost


@pytest.mark.parametrize("model", ["accommodatie", "reservering", "reeks"])
def test_admin_pages_open(client_for, zaal, bewoner, model):
    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True, with_mfa=True)
    boek(zaal, bewoner, 3)
    client = client_for(admin)

    assert client.get(reverse(f"admin:accommodaties_{model}_changelist")).status_code == 200
    if model == "accommodatie":
        url = reverse("admin:accommodaties_accommodatie_change", args=[zaal.pk])
        assert client.get(url).status_code == 200
