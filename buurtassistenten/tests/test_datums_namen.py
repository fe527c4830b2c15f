"""Contact moments, follow-ups and access records name their date the Dutch way (in the admin
and its lists): 'donderdag 7 maart', never '07-03-2030' (issue 15, 4d)."""

import pytest

from bewoners.models import User
from buurtassistenten.models import Contactmoment, Inzage, Vervolg
from tests.tijd import op

pytestmark = pytest.mark.usefixtures("klok")


def test_a_contact_moment_and_a_follow_up():
    assert str(Contactmoment(kanaal="telefoon", datum=op(3, 10))) == "Telefoon · donderdag 7 maart"
    vervolg = Vervolg(datum=op(310, 9).date())
    assert str(vervolg).endswith(" · woensdag 8 januari 2031")


def test_an_access_record_with_its_local_time():
    inzage = Inzage(
        door=User(first_name="Bas", last_name="Assistent"),
        bewoner=User(first_name="Bep", last_name="Jansen"),
        op=op(3, 10, 5),
    )
    assert str(inzage) == "Bas Assistent → Bep Jansen · donderdag 7 maart, 10:05"
