"""A help can be marked done once it has begun, not before (issue 15, point 4a).

The clock stands still at ``tests.tijd.START`` (Monday 4 March 2030, 09:00 in Amsterdam).
"""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hulpvragen import services
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from tests.tijd import START, op

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

KNOP = "Klaar: de hulp is gedaan"


def afgesproken(aanvrager, helper, **vraag):
    hulpvraag = HulpvraagFactory(aanvrager=aanvrager, status=Hulpvraag.Status.GEMATCHT, **vraag)
    return MatchFactory(hulpvraag=hulpvraag, helper=helper, geaccepteerd=True)


def klaar_melden(client, match):
    return client.post(
        reverse("hulpvragen:match_complete", args=[match.pk]), {"uren": "1"}, follow=True
    )


@pytest.fixture
def donderdag(bewoner, helper):
    """Agreed on Monday for Thursday 7 March, 10:00-12:00."""
    return afgesproken(bewoner, helper, datum=op(3, 10).date())


def test_before_the_start_no_button_and_a_post_changes_nothing(klok, client_for, helper, donderdag):
    klok.move_to(op(3, 9, 59))
    client = client_for(helper)

    pagina = client.get(donderdag.get_absolute_url()).content.decode()
    assert KNOP not in pagina
    assert "Dat kan vanaf donderdag 7 maart, 10:00." in pagina

    antwoord = klaar_melden(client, donderdag).content.decode()
    assert (
        "De hulp is nog niet begonnen. Je kunt hem klaar melden vanaf donderdag 7 maart, 10:00."
        in antwoord
    )
    donderdag.refresh_from_db()
    assert donderdag.status == Match.Status.GEACCEPTEERD
    assert donderdag.afgerond_op is None
    assert donderdag.uren is None


@pytest.mark.parametrize("kant", ["helper", "bewoner"])
def test_from_the_start_either_side_can_mark_it_done(klok, client_for, request, kant, donderdag):
    klok.move_to(op(3, 10))
    client = client_for(request.getfixturevalue(kant))

    assert KNOP in client.get(donderdag.get_absolute_url()).content.decode()
    klaar_melden(client, donderdag)

    donderdag.refresh_from_db()
    assert donderdag.status == Match.Status.AFGEROND


def test_the_start_is_in_local_time(klok, helper, donderdag):
    # 10:00 in Amsterdam is 09:00 UTC in March: one minute before, the service still refuses.
    klok.move_to(op(3, 9, 59))
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        services.match_complete(match_id=donderdag.pk, door=helper, uren=1)
    klok.move_to(op(3, 10))
    assert services.match_complete(match_id=donderdag.pk, door=helper, uren=1).status == "afgerond"


def test_a_flexible_request_can_be_done_from_the_agreement(client_for, bewoner, helper):
    match = afgesproken(bewoner, helper, flexibel=True)
    assert match.geaccepteerd_op == START

    klaar_melden(client_for(helper), match)

    match.refresh_from_db()
    assert match.status == Match.Status.AFGEROND


def test_a_weekly_request_waits_for_its_first_occurrence(klok, helper, bewoner):
    # Agreed on Monday 09:00 for Mondays 08:00-08:30: today's has ended, so next Monday.
    match = afgesproken(
        bewoner, helper, wekelijks=True, weekdag=0, tijd_van=time(8), tijd_tot=time(8, 30)
    )
    assert match.afronden_vanaf == op(7, 8)
    assert not match.kan_afronden()

    klok.move_to(op(7, 7, 59))
    with pytest.raises(ValidationError, match="maandag 11 maart, 08:00"):
        services.match_complete(match_id=match.pk, door=bewoner, uren=1)
    klok.move_to(op(7, 8))
    assert services.match_complete(match_id=match.pk, door=bewoner, uren=1).status == "afgerond"


def test_a_weekly_request_agreed_during_todays_help_counts_today(helper, bewoner):
    # Agreed on Monday 09:00 for Mondays 08:30-10:00: today's help is still on.
    match = afgesproken(
        bewoner, helper, wekelijks=True, weekdag=0, tijd_van=time(8, 30), tijd_tot=time(10)
    )
    assert match.afronden_vanaf == op(0, 8, 30)
    assert match.kan_afronden()
