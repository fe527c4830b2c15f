import pytest
from django.urls import reverse

from meldingen.models import Instellingen, Voorkeur
from meldingen.tests.factories import MeldingFactory


@pytest.mark.parametrize(
    "query",
    ["", "?q=bep%40example.org", "?soort=welkom", "?gelezen=nee", "?email=wacht", "?email=geen"],
)
def test_melding_changelist(client_for, admin_user, bewoner, query):
    MeldingFactory(ontvanger=bewoner, titel="Zichtbaar in beheer", email_wacht=True)

    response = client_for(admin_user).get(reverse("admin:meldingen_melding_changelist") + query)

    assert response.status_code == 200


def test_melding_change_page_has_read_only_dates(client_for, admin_user, bewoner):
    melding = MeldingFactory(ontvanger=bewoner)

    response = client_for(admin_user).get(
        reverse("admin:meldingen_melding_change", args=[melding.pk])
    )

    assert response.status_code == 200
    assert 'name="email_verzonden_op' not in response.content.decode()


def test_voorkeur_and_instellingen_changelists(client_for, admin_user, bewoner):
    Voorkeur.objects.create(user=bewoner, soort="welkom", kanaal="uit")
    Instellingen.objects.create(user=bewoner, dagelijkse_samenvatting=True)
    client = client_for(admin_user)

    assert client.get(reverse("admin:meldingen_voorkeur_changelist")).status_code == 200
    assert client.get(reverse("admin:meldingen_instellingen_changelist")).status_code == 200


def test_outsider_cannot_reach_the_admin(client_for, outsider):
    response = client_for(outsider).get(reverse("admin:meldingen_melding_changelist"))

    assert response.status_code == 302
