"""A help request end to end with a real Celery worker: nothing runs eagerly.

The test posts a request; the worker (a separate process, see ``conftest.py``) runs the
matching, stores the proposal and the helper's melding, and writes the helper's e-mail. The
helper then accepts, and the requester may see the helper's contact details.
"""

from datetime import time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.permissions import can_see_contact
from hulpvragen import services
from hulpvragen.models import Aanbod, Hulpvraag, Match
from meldingen.models import Melding
from tests.integration.conftest import wait_for
from wijk.celery import app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PRIVE = "Sleutel onder de bloempot bij Kerkstraat 7"


def test_a_posted_request_is_matched_by_the_worker_and_accepted(real_worker, bewoner, helper):
    assert app.conf.task_always_eager is False
    bewoner.profiel.telefoon = "06-12121212"
    bewoner.profiel.save()
    helper.profiel.telefoon = "06-34343434"
    helper.profiel.save()
    vervoer = Categorie.objects.get(slug="vervoer")
    aanbod = services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[vervoer],
        beschikbaarheid=ALL,
        bereik="eigen_buurt",
    )
    # The worker first matches the new offer (against no requests yet).
    assert wait_for(
        lambda: Aanbod.objects.filter(pk=aanbod.pk, gematcht_gezocht_op__isnull=False).exists()
    ), "the worker did not run the offer's matching in time"

    with transaction.atomic():
        hulpvraag = services.hulpvraag_create(
            aanvrager=bewoner,
            categorie=vervoer,
            titel="Naar de fysiotherapeut",
            beschrijving="Ik zoek iemand die mij kan brengen.",
            prive_details=PRIVE,
            wanneer="datum",
            datum=timezone.localdate() + timedelta(days=2),
            tijd_van=time(10),
            tijd_tot=time(11),
        )
        # Nothing ran in this process: the matching waits for the commit and the worker.
        assert not Match.objects.filter(hulpvraag=hulpvraag).exists()

    match = wait_for(lambda: Match.objects.filter(hulpvraag=hulpvraag, helper=helper).first())
    assert match is not None, "the worker did not propose the helper in time"
    assert match.status == Match.Status.VOORGESTELD
    assert "zelfde buurt" in match.uitleg
    hulpvraag.refresh_from_db()
    assert hulpvraag.gematcht_gezocht_op is not None  # the worker's run of match_hulpvraag

    melding = wait_for(
        lambda: Melding.objects.filter(
            ontvanger=helper, soort="hulp_voorstel", email_verzonden_op__isnull=False
        ).first()
    )
    assert melding is not None, "the worker did not send the helper's e-mail in time"
    assert melding.url == match.get_absolute_url()
    mails = "\n".join(p.read_text() for p in real_worker.iterdir())
    assert helper.email in mails
    assert "Naar de fysiotherapeut" in mails
    assert PRIVE not in mails and "06-12121212" not in mails

    assert not can_see_contact(bewoner, helper)
    services.match_accept(match_id=match.pk, door=helper)

    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.GEMATCHT
    assert can_see_contact(bewoner, helper)
    assert can_see_contact(helper, bewoner)
    assert Melding.objects.filter(ontvanger=bewoner, soort="hulp_geaccepteerd").count() == 1
    assert Melding.objects.filter(ontvanger=helper, soort="hulp_geaccepteerd").count() == 1
    # The worker sends the requester's e-mail too.
    assert wait_for(
        lambda: Melding.objects.filter(
            ontvanger=bewoner, soort="hulp_geaccepteerd", email_verzonden_op__isnull=False
        ).exists()
    ), "the worker did not send the requester's e-mail in time"
