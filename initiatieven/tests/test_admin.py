"""The admin pages of initiatives open for a superuser; sign-ups are look-only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activiteit(bewoner, helper):
    initiatief = InitiatiefFactory(naam="Wandelgroep", organisatoren=[bewoner], leden=[helper])
    begin = timezone.now().replace(microsecond=0) + timedelta(days=1)
    activiteit = services.activiteit_create(
        initiatief=initiatief,
        door=bewoner,
        titel="Wandelen",
        begin=begin,
        einde=begin + timedelta(hours=1),
        capaciteit=1,
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=(begin + timedelta(weeks=3)).date(),
    )
    eerste = activiteit.bijeenkomsten.first()
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)
    services.aanmelding_create(bijeenkomst=eerste, user=helper)
    return activiteit


@pytest.mark.parametrize("model", ["initiatief", "activiteit", "bijeenkomst", "aanmelding"])
def test_changelists_and_change_pages_open(admin_client, activiteit, model):
    objecten = {
        "initiatief": activiteit.initiatief,
        "activiteit": activiteit,
        "bijeenkomst": activiteit.bijeenkomsten.first(),
        "aanmelding": Aanmelding.objects.first(),
    }

    lijst = admin_client.get(reverse(f"admin:initiatieven_{model}_changelist"))
    detail = admin_client.get(
        reverse(f"admin:initiatieven_{model}_change", args=[objecten[model].pk])
    )

    assert lijst.status_code == detail.status_code == 200


def test_the_initiative_form_and_the_sign_ups_of_one_meeting(admin_client, activiteit):
    assert admin_client.get(reverse("admin:initiatieven_initiatief_add")).status_code == 200
    bijeenkomst = activiteit.bijeenkomsten.first()
    url = reverse("admin:initiatieven_aanmelding_changelist")

    response = admin_client.get(url, {"bijeenkomst__id__exact": bijeenkomst.pk})

    assert response.status_code == 200
    assert "2 aanmeldingen" in response.content.decode()


@pytest.mark.parametrize("model", ["activiteit", "bijeenkomst", "aanmelding"])
def test_what_comes_from_the_services_is_not_added_in_the_admin(admin_client, model):
    assert admin_client.get(reverse(f"admin:initiatieven_{model}_add")).status_code == 403


def test_the_admin_is_not_for_residents(client_for, bewoner):
    response = client_for(bewoner).get(reverse("admin:initiatieven_initiatief_changelist"))
    assert response.status_code == 302
