"""Dates on the coordination pages the house way (``wijk.lib.datums``): 'dinsdag 5 maart',
'dinsdag 5 maart, 10:00', the year only when it is not this year; never '05-03-2030'."""

from datetime import timedelta

import pytest
from django.urls import reverse

from buurtassistenten import services
from buurtassistenten.forms_intake import AanmeldenNamensForm
from hulpvragen.tests.factories import HulpvraagFactory
from initiatieven import services as initiatieven_services
from initiatieven.tests.factories import InitiatiefFactory
from tests.tijd import op

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


def test_the_match_page_says_when_the_request_was_posted(client_for, assistent, buurt):
    truus = services.intake_create(
        door=assistent, first_name="Truus", buurt=buurt, toestemming_hoe="telefonisch"
    )
    hulpvraag = HulpvraagFactory(aanvrager=truus, aangemaakt_op=op(-3, 10))
    html = (
        client_for(assistent)
        .get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk]))
        .content.decode()
    )
    assert "<dd>vrijdag 1 maart" in html


def test_a_meeting_to_sign_up_for_says_its_day_and_time(helper):
    initiatief = InitiatiefFactory(naam="Wandelgroep", organisatoren=[helper])
    initiatieven_services.activiteit_create(
        initiatief=initiatief,
        door=helper,
        titel="Ommetje",
        begin=op(1, 10),
        einde=op(1, 10) + timedelta(hours=1),
        capaciteit=8,
    )
    (keuze,) = list(AanmeldenNamensForm().fields["bijeenkomst"].choices)[1:]
    assert str(keuze[1]).startswith("dinsdag 5 maart, 10:00 · Ommetje (Wandelgroep)")
