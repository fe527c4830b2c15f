import pytest
from django.urls import reverse

from bewoners.availability import ALL
from bewoners.models import Categorie
from hulpvragen import services
from hulpvragen.models import Zoekregel
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory


@pytest.mark.parametrize("model", ["hulpvraag", "aanbod", "match"])
def test_changelists_and_change_pages_open(client_for, admin_user, bewoner, helper, model):
    hulpvraag = HulpvraagFactory(aanvrager=bewoner)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper)
    obj = {"hulpvraag": hulpvraag, "aanbod": None, "match": match}[model]
    client = client_for(admin_user)

    assert client.get(reverse(f"admin:hulpvragen_{model}_changelist") + "?q=a").status_code == 200
    if obj is not None:
        url = reverse(f"admin:hulpvragen_{model}_change", args=[obj.pk])
        assert client.get(url).status_code == 200


def test_pausing_an_offer_in_the_admin_takes_it_out_of_matching(client_for, admin_user, helper):
    vervoer = Categorie.objects.get(slug="vervoer")
    aanbod = services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[vervoer],
        beschikbaarheid=ALL,
        bereik="eigen_buurt",
        max_per_week=2,
    )
    assert Zoekregel.objects.filter(aanbod=aanbod).exists()

    response = client_for(admin_user).post(
        reverse("admin:hulpvragen_aanbod_change", args=[aanbod.pk]),
        {
            "helper": helper.pk,
            "titel": aanbod.titel,
            "beschrijving": aanbod.beschrijving,
            "categorieen": [vervoer.pk],
            "beschikbaarheid": ALL,
            "bereik": "eigen_buurt",
            "max_per_week": 2,
            # "actief" left out: unticked
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    aanbod.refresh_from_db()
    assert aanbod.actief is False
    assert not Zoekregel.objects.filter(aanbod=aanbod).exists()
