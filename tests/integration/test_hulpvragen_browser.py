"""In a real browser, with a real Celery worker (a separate process) on Redis and PostgreSQL.

Resident A posts a help request through the form. The page only saves it; the worker process
picks up the matching task from Redis and proposes helper B. B accepts in the browser, and A
then sees B's phone number. This is the whole product path as it runs in production, with no
eager tasks anywhere.
"""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory
from meldingen.models import Melding
from tests.e2e.conftest import (  # noqa: F401 - the browser set-up of the e2e tests
    CHROMIUM,
    _have_browser,
    browser_context_args,
    browser_type_launch_args,
)

from .conftest import wait_for

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        not _have_browser() and not os.environ.get("WIJK_REQUIRE_E2E"),
        reason=f"no Chromium at {CHROMIUM}",
    ),
]


def _log_in(page, live_server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_worker_matches_a_request_posted_in_the_browser(
    real_worker, page, live_server, bewoner, helper
):
    helper.profiel.telefoon = "06 34343434"
    helper.profiel.save()
    AanbodFactory(helper=helper, titel="Ik breng je graag")

    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + "/hulp/vragen/nieuw/")
    page.get_by_label("Waarbij heb je hulp nodig?").select_option(label="Vervoer")
    page.get_by_label("Korte titel").fill("Naar de fysiotherapeut")
    page.get_by_label("Wat moet er gebeuren?").fill("Heen en terug, het duurt een uur.")
    page.get_by_label("Op een vaste dag en tijd").check()
    dag = timezone.localdate() + timedelta(days=3)
    page.get_by_label("Op welke dag?").fill(dag.isoformat())
    page.get_by_label("Van (tijd)").fill("10:00")
    page.get_by_label("Tot (tijd)").fill("11:30")
    page.get_by_role("button", name="Hulpvraag plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Naar de fysiotherapeut")

    hulpvraag = Hulpvraag.objects.get(titel="Naar de fysiotherapeut")
    # The proposal is made by the worker process, not by this one.
    match = wait_for(lambda: Match.objects.filter(hulpvraag=hulpvraag, helper=helper).first())
    assert match is not None, "the worker made no proposal in time"
    assert Melding.objects.filter(ontvanger=helper, soort="hulp_voorstel").exists()
    assert wait_for(lambda: list(real_worker.iterdir())), "the worker sent no e-mail in time"

    _log_in(page, live_server, helper)
    page.goto(live_server.url + match.get_absolute_url())
    page.get_by_role("button", name="Ja, ik help").click()
    expect(page.get_by_text("Dank je wel dat je helpt!")).to_be_visible()

    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + match.get_absolute_url())
    expect(page.get_by_role("link", name="06 34343434")).to_be_visible()
