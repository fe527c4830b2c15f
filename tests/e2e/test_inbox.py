"""The inbox in a real browser: htmx refreshes the list in place, under the site's CSP."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from meldingen.models import Melding
from meldingen.tests.factories import MeldingFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_mark_read_and_filter_without_page_reload(page, live_server, bewoner):
    MeldingFactory(ontvanger=bewoner, titel="Eerste bericht")
    MeldingFactory(ontvanger=bewoner, titel="Tweede bericht")
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + "/meldingen/")
    page.evaluate("window.nietHerladen = true")

    page.get_by_role("button", name="Zet op gelezen: Tweede bericht").click()

    expect(page.get_by_role("status").filter(has_text="op gelezen")).to_have_text(
        "De melding staat nu op gelezen."
    )
    expect(page.get_by_text("Je hebt 1 nieuwe melding.")).to_be_visible()
    assert Melding.objects.get(titel="Tweede bericht").gelezen_op is not None

    page.get_by_label("Alleen ongelezen meldingen").check()
    expect(page.get_by_role("heading", name="Tweede bericht")).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile("Eerste bericht"))).to_be_visible()
    assert page.url.endswith("/meldingen/?ongelezen=1")

    page.get_by_role("button", name="Zet alles op gelezen").click()
    expect(page.get_by_text("Je hebt geen ongelezen meldingen.")).to_be_visible()

    assert page.evaluate("window.nietHerladen") is True  # htmx swapped; no full page load
    assert errors == []
