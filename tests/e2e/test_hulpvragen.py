"""A help request from form to accepted match, in a real browser.

Resident A posts a request through the form. Matching runs eagerly (no broker in tests), so
helper B, whose active offer fits (same buurt, category, availability), finds the proposal under
"Mijn matches" and accepts it. Then A sees B's phone number on the match page.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory

from .formulieren import hulpvraag_invullen
from .menu import hoofdmenu

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _log_in(page, live_server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_request_is_matched_accepted_and_contact_shown(page, live_server, bewoner, helper):
    helper.profiel.telefoon = "06 12121212"
    helper.profiel.save()
    AanbodFactory(helper=helper, titel="Ik rijd je graag")
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    # A posts a request through the form.
    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + "/hulp/")
    page.get_by_role("button", name="Zelf hulp vragen").click()
    hulpvraag_invullen(
        page,
        titel="Rit naar het ziekenhuis",
        wat="Ik moet om 10 uur bij de poli zijn.",
        prive="Ik loop met een rollator.",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Rit naar het ziekenhuis")
    expect(page.get_by_text("We zoeken nu buren die je kunnen helpen.")).to_be_visible()

    hulpvraag = Hulpvraag.objects.get(titel="Rit naar het ziekenhuis")
    match = Match.objects.get(hulpvraag=hulpvraag, helper=helper)  # made by the matching engine

    # B opens the proposal from "Mijn matches" and accepts.
    _log_in(page, live_server, helper)
    page.goto(live_server.url + "/profiel/")
    hoofdmenu(page).get_by_role("link", name="Mijn hulp").click()
    page.get_by_role("navigation", name="Hulp in de buurt").get_by_role(
        "link", name="Mijn matches"
    ).click()
    expect(page.get_by_text("Er wacht 1 voorstel op jouw antwoord.")).to_be_visible()
    page.get_by_role("link", name="Rit naar het ziekenhuis").click()
    expect(page.get_by_text("zelfde buurt")).to_be_visible()
    expect(page.get_by_text("06 12121212")).to_have_count(0)
    page.get_by_role("button", name="Ja, ik help").click()
    expect(page.get_by_text("Dank je wel dat je helpt!")).to_be_visible()
    expect(page.get_by_text("Ik loop met een rollator.")).to_be_visible()
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD

    # A sees B's phone number on the match page.
    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + match.get_absolute_url())
    expect(page.get_by_role("link", name="06 12121212")).to_be_visible()
    assert errors == []
