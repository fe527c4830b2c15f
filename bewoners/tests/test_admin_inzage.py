"""A beheerder's look at someone's private data in the admin is in that person's access log."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from buurtassistenten.models import Contactmoment, Inzage
from hulpvragen.tests.factories import HulpvraagFactory

pytestmark = pytest.mark.django_db


def test_admin_change_pages_with_private_data_are_logged(client, beheerder, bewoner):
    beheerder.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_hulpvraag", "view_contactmoment"])
    )
    client.force_login(beheerder)
    hulpvraag = HulpvraagFactory(aanvrager=bewoner, prive_details="sleutel onder de mat")
    moment = Contactmoment.objects.create(bewoner=bewoner, door=beheerder, notitie="Belde even.")
    for url in (
        reverse("admin:bewoners_profiel_change", args=[bewoner.profiel.pk]),
        reverse("admin:bewoners_user_change", args=[bewoner.pk]),
        reverse("admin:hulpvragen_hulpvraag_change", args=[hulpvraag.pk]),
        reverse("admin:buurtassistenten_contactmoment_change", args=[moment.pk]),
    ):
        assert client.get(url).status_code == 200, url

    wat = sorted(
        Inzage.objects.filter(bewoner=bewoner, door=beheerder).values_list("wat", flat=True)
    )
    assert wat == [
        "Beheer: contactmoment",
        "Beheer: gebruiker",
        "Beheer: hulpvraag",
        "Beheer: profiel",
    ]


def test_admin_lists_and_own_record_are_not_logged(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("admin:bewoners_user_changelist")).status_code == 200
    assert client.get(reverse("admin:bewoners_user_change", args=[beheerder.pk])).status_code == 200
    assert not Inzage.objects.exists()
