"""Bad input in the agenda's filter and the activity forms: a message, never a server error
(issue 12: ``/initiatieven/agenda/?tot=9999-12-31`` answered 500 to anonymous visitors)."""

import pytest
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from initiatieven.models import Activiteit
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

BEREIK = "Kies een datum tussen 1 januari 1900 en 31 december 2199."


@pytest.mark.parametrize(
    "query",
    [
        {"tot": "9999-12-31"},
        {"van": "0001-01-01"},
        {"van": "9999-12-31", "tot": "0001-01-01"},
    ],
)
def test_agenda_with_a_date_out_of_range_says_so(client, query):
    response = client.get(reverse("initiatieven:agenda"), query)
    assert response.status_code == 200
    assert BEREIK in response.content.decode()


def test_agenda_with_a_nonsense_date_says_so(client):
    response = client.get(reverse("initiatieven:agenda"), {"tot": "morgen"})
    assert response.status_code == 200
    assert "Vul een datum in, bijvoorbeeld 14-03-2030." in response.content.decode()


def test_a_new_activity_in_the_year_1_is_refused_and_nothing_saved(client):
    organisator = UserFactory()
    groep = InitiatiefFactory(organisatoren=[organisator])
    client.force_login(organisator)
    response = client.post(
        reverse("initiatieven:activiteit_nieuw", kwargs={"slug": groep.slug}),
        {
            "titel": "Wandelen",
            "datum": "0001-01-01",
            "van": "10:00",
            "tot": "11:00",
            "herhaling": "geen",
            "aanmelden_nodig": "on",
        },
    )
    assert response.status_code in (200, 400)
    assert BEREIK in response.content.decode()
    assert not Activiteit.objects.exists()
