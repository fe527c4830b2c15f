"""A real Celery worker (separate process) against Redis and PostgreSQL sends a notification e-mail.

Runs where PostgreSQL and Redis are configured (CI); elsewhere it is skipped, unless
``WIJK_REQUIRE_INTEGRATION=1`` makes a missing service an error.
"""

import time

import pytest
from django.db import transaction

from bewoners.tests.factories import UserFactory
from meldingen.models import Melding
from meldingen.services import melding_send

# The worker fixture, and the skip when PostgreSQL or Redis is missing: conftest.py here.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_notification_mail_is_sent_by_a_real_worker(real_worker):
    user = UserFactory(email="echt@example.org", first_name="Echt")
    with transaction.atomic():
        melding = melding_send(
            user, "welkom", titel="Welkom in de wijk!", tekst="Privé: niet mailen"
        )
    assert melding is not None and melding.email_gewenst

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        melding.refresh_from_db()
        if melding.email_verzonden_op and list(real_worker.iterdir()):
            break
        time.sleep(0.5)
    assert melding.email_verzonden_op is not None, "the worker did not send the e-mail in time"
    sent = "\n".join(p.read_text() for p in real_worker.iterdir())
    assert "echt@example.org" in sent
    assert "Welkom in de wijk!" in sent
    assert "Privé: niet mailen" not in sent
    assert Melding.objects.filter(pk=melding.pk, email_verzonden_op__isnull=False).count() == 1
