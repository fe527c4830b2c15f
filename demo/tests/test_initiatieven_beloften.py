"""The demo's initiatives promise nothing the site cannot do, and they run already (approved):
the public lists and the agenda show them to anyone trying the demo."""

import re

import pytest

from demo.initiatieven.gegevens import DEMO_INITIATIEVEN
from demo.tests.hulp import seed_demo
from initiatieven.models import Initiatief

# The site has no messages between residents (yet): no text may send people to them.
GEEN_BERICHTEN = re.compile(r"bericht(je)? (via|op|naar) (deze|de) (website|site)", re.I)


def test_no_demo_text_promises_messages_through_the_site():
    teksten = [
        str(waarde)
        for spec in DEMO_INITIATIEVEN
        for waarde in (spec["beschrijving"], spec.get("contact", ""), spec.get("adres", ""))
    ]
    assert teksten and not [t for t in teksten if GEEN_BERICHTEN.search(t)]


@pytest.mark.django_db
def test_the_demo_initiatives_are_approved_and_public():
    seed_demo()
    assert Initiatief.objects.exists()
    assert Initiatief.objects.zichtbaar().count() == Initiatief.objects.count()
