"""Dates in the meldingen and on the pages of help, the Dutch way (issue 15, point 4d): 'donderdag
7 maart, 10:00–12:00', never '07-03-2030'. The clock stands still at Monday 4 March 2030, 09:00."""

import re

import pytest

from hulpvragen import services
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from hulpvragen.tests.test_tasks import helpers_in
from hulpvragen.wanneer import wanneer_tekst
from meldingen.models import Melding
from tests.tijd import op

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

GETALLEN = re.compile(r"\d{1,2}-\d{1,2}-\d{4}")


def test_a_proposal_says_when_in_words(bewoner, buurt):
    [helper] = helpers_in(buurt, 1)
    services.hulpvraag_match(HulpvraagFactory(aanvrager=bewoner, datum=op(3, 10).date()).pk)

    melding = Melding.objects.get(ontvanger=helper, soort="hulp_voorstel")
    assert "donderdag 7 maart, 10:00–12:00" in melding.tekst
    assert not GETALLEN.search(melding.tekst + melding.titel)


def test_a_proposal_to_an_english_reader_says_it_in_english(bewoner, buurt):
    [helper] = helpers_in(buurt, 1)
    helper.taal = "en"
    helper.save()
    services.hulpvraag_match(HulpvraagFactory(aanvrager=bewoner, datum=op(3, 10).date()).pk)

    melding = Melding.objects.get(ontvanger=helper, soort="hulp_voorstel")
    assert "Thursday 7 March, 10:00–12:00" in melding.tekst


def test_the_reminder_says_the_day_and_the_time(bewoner, helper):
    hulpvraag = HulpvraagFactory(aanvrager=bewoner, datum=op(3, 10).date(), status="gematcht")
    MatchFactory(hulpvraag=hulpvraag, helper=helper, geaccepteerd=True)

    assert services.matches_remind(today=op(2, 9).date()) == 1

    for persoon, ander in ((helper, "Bep"), (bewoner, "Henk")):
        melding = Melding.objects.get(ontvanger=persoon, soort="hulp_herinnering")
        assert melding.tekst == f"Morgen: donderdag 7 maart, 10:00–12:00, samen met {ander}."


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        ({"datum": op(3, 10).date()}, "donderdag 7 maart, 10:00–12:00"),
        ({"datum": op(310, 10).date()}, "woensdag 8 januari 2031, 10:00–12:00"),
        ({"flexibel": True}, "flexibel, vóór maandag 18 maart"),
        (
            {"wekelijks": True, "herhalen_tot": op(30, 9).date()},
            "elke woensdag, 10:00–12:00 (tot 3 april)",
        ),
    ],
)
def test_when_in_words(bewoner, velden, verwacht):
    assert wanneer_tekst(HulpvraagFactory.build(aanvrager=bewoner, **velden)) == verwacht
