"""The buurtassistent's work in a real browser, and the accessibility of those pages.

A buurtassistent logs in through the real login page: e-mail and password, then a code from
the authenticator app (computed here from the test secret, as the app would). She enters a
resident who is not online (the intake), posts a help request on the resident's behalf, opens
the page to match it by hand and, after a phone call, confirms a helper whose offer fits. The
match is then accepted and recorded as done on the resident's behalf.
"""

import time
from datetime import datetime, timedelta
from datetime import time as tijd

import pytest
from allauth.mfa import app_settings as mfa_settings
from django.utils import timezone
from playwright.sync_api import expect

from accommodaties.tests.factories import AccommodatieFactory
from bewoners.models import User
from bewoners.tests.factories import UserFactory, totp_code
from buurtassistenten import services
from buurtassistenten.models import Intake, Namens
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
from initiatieven import services as initiatieven_services
from initiatieven.tests.factories import InitiatiefFactory

from .formulieren import hulpvraag_invullen
from .test_accessibility import DESKTOP, PHONE, _log_in, assert_reflows, check_page, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

WACHTWOORD = "geheim-wachtwoord-123"  # as set by UserFactory


@pytest.fixture
def bas(buurtassistent, buurt):
    """The buurtassistent of Oud-Zuid (with an authenticator app: the test secret)."""
    buurt.buurtassistenten.add(buurtassistent)
    return buurtassistent


@pytest.fixture
def henk(helper):
    helper.profiel.telefoon = "06 12121212"
    helper.profiel.save()
    AanbodFactory(helper=helper, titel="Ik rijd je graag")
    return helper


def _verse_code() -> str:
    """The app's current code, not one about to run out while the page loads."""
    periode = mfa_settings.TOTP_PERIOD
    while periode - time.time() % periode < 3:
        time.sleep(0.5)
    return totp_code()


def _inloggen_met_code(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").first.fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    page.get_by_label("Code").fill(_verse_code())
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Code invullen")).to_have_count(0)
    # On a phone the button is in the folded menu: there, but not shown.
    expect(page.get_by_role("button", name="Uitloggen", include_hidden=True)).to_be_attached()


def test_intake_request_on_behalf_and_a_helper_confirmed_after_a_phone_call(
    page, live_server, bas, henk, buurt
):
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    _inloggen_met_code(page, live_server, bas)

    # The intake: someone who is not online, entered with their consent.
    page.goto(live_server.url + "/coordinatie/intake/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Iemand inschrijven")
    page.get_by_label("Voornaam").fill("Truus")
    page.get_by_label("Achternaam").fill("de Boer")
    page.get_by_label("Telefoonnummer").fill("030 1234567")
    page.get_by_label("Straat en huisnummer").fill("Lindelaan 3")
    page.get_by_label("Postcode").fill("3541 ab")
    page.get_by_label("Woonplaats").fill("Utrecht")
    page.get_by_label("Nieuw in de wijk").check()
    page.get_by_label("Telefonisch", exact=True).check()
    page.get_by_role("group", name="Hoe sprak je de bewoner?").get_by_label("Telefoon").check()
    page.get_by_label("Korte notitie").fill("Wil graag naar de huisarts gebracht worden.")
    page.get_by_role("button", name="Bewoner inschrijven").click()
    expect(page.get_by_text("Truus de Boer is ingeschreven.")).to_be_visible()

    truus = User.objects.get(first_name="Truus")
    assert page.url == f"{live_server.url}/coordinatie/bewoners/{truus.pk}/"
    assert truus.profiel.buurt == buurt
    assert Intake.objects.get(bewoner=truus).toestemming_hoe == Intake.Toestemming.TELEFONISCH

    # A help request on her behalf.
    page.goto(f"{live_server.url}/coordinatie/bewoners/{truus.pk}/hulpvraag/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen voor Truus")
    hulpvraag_invullen(
        page,
        titel="Rit naar de huisarts",
        wat="Truus moet om 10 uur bij de huisarts zijn.",
        prive="Loopt met een rollator.",
    )

    # The match-by-hand page: the request with its private details, and Henk with why he fits
    # (asked already by the engine, or still a candidate: either way he can be confirmed).
    expect(page.get_by_role("heading", level=1)).to_have_text("Helper zoeken: Rit naar de huisarts")
    expect(page.get_by_text("Loopt met een rollator.")).to_be_visible()
    expect(page.get_by_text("zelfde buurt · Vervoer").first).to_be_visible()
    hulpvraag = Hulpvraag.objects.get(aanvrager=truus)
    assert hulpvraag.ingevoerd_door == bas

    page.get_by_role("button", name="Bevestigd na telefoontje (Henk de Vries)").click()
    expect(
        page.get_by_text("Henk helpt Truus. Beiden krijgen bericht met de gegevens.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Afzeggen en iemand anders zoeken")).to_be_visible()

    match = Match.objects.get(hulpvraag=hulpvraag, helper=henk)
    assert match.status == Match.Status.GEACCEPTEERD
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.GEMATCHT
    gedaan = list(
        Namens.objects.filter(voor=truus).order_by("id").values_list("wat", "door", "object_id")
    )
    assert gedaan == [
        (Namens.Wat.HULPVRAAG, bas.pk, hulpvraag.pk),
        (Namens.Wat.MATCH, bas.pk, match.pk),
    ]
    assert errors == []


# --- accessibility ---------------------------------------------------------------------------


@pytest.fixture
def truus(bas, buurt):
    return services.intake_create(
        door=bas,
        first_name="Truus",
        last_name="de Boer",
        telefoon="030 1234567",
        buurt=buurt,
        toestemming_hoe="telefonisch",
    )


@pytest.fixture
def open_vraag(truus, henk):
    """An open request with one helper asked (waiting) and Henk as the engine's candidate."""
    hulpvraag = HulpvraagFactory(
        aanvrager=truus, titel="Rit naar de huisarts", prive_details="Loopt met een rollator."
    )
    MatchFactory(hulpvraag=hulpvraag, helper=UserFactory(first_name="Gerrit"))
    return hulpvraag


@pytest.fixture
def gematchte_vraag(truus, henk):
    hulpvraag = HulpvraagFactory(
        aanvrager=truus, titel="Boodschappen", status=Hulpvraag.Status.GEMATCHT
    )
    MatchFactory(hulpvraag=hulpvraag, helper=henk, geaccepteerd=True)
    return hulpvraag


@pytest.fixture
def aanbod_in_de_wijk(henk, buurt):
    """A room to book and a walk to sign up for, so the selects have something to choose."""
    AccommodatieFactory(naam="Buurtzaal De Linde", buurt=buurt)
    initiatief = InitiatiefFactory(naam="Wandelgroep Oud-Zuid", organisatoren=[henk])
    begin = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=1), tijd(10))
    )
    initiatieven_services.activiteit_create(
        initiatief=initiatief,
        door=henk,
        titel="Ommetje",
        begin=begin,
        einde=begin + timedelta(hours=1),
        capaciteit=8,
    )


PAGES = [
    ("/coordinatie/intake/", PHONE),
    ("/coordinatie/intake/", DESKTOP),
    ("/coordinatie/bewoners/{truus}/hulpvraag/", PHONE),
    ("/coordinatie/bewoners/{truus}/aanmelden/", PHONE),
    ("/coordinatie/bewoners/{truus}/boeken/", PHONE),
    ("/coordinatie/bewoners/{truus}/account/", PHONE),
    ("/coordinatie/hulpvragen/{open_vraag}/", PHONE),
    ("/coordinatie/hulpvragen/{open_vraag}/", DESKTOP),
    ("/coordinatie/hulpvragen/{gematchte_vraag}/", PHONE),
]


@pytest.mark.parametrize(
    ("path", "viewport"),
    [pytest.param(p, v, id=f"{'desktop' if v == DESKTOP else 'phone'}:{p}") for p, v in PAGES],
)
def test_the_pages_are_accessible(
    page, live_server, bas, truus, open_vraag, gematchte_vraag, aanbod_in_de_wijk, path, viewport
):
    _log_in(page, live_server, bas)
    page.set_viewport_size(viewport)
    url = live_server.url + path.format(
        truus=truus.pk, open_vraag=open_vraag.pk, gematchte_vraag=gematchte_vraag.pk
    )
    visit(page, url)
    assert page.url == url, f"redirected to {page.url}"
    check_page(page, viewport)


def test_a_failed_intake_is_accessible_and_keeps_the_input(page, live_server, bas):
    _log_in(page, live_server, bas)
    visit(page, live_server.url + "/coordinatie/intake/")
    page.get_by_label("Voornaam").fill("Truus")
    page.get_by_label("Telefoonnummer").fill("bel me")
    page.get_by_role("button", name="Bewoner inschrijven").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Zonder toestemming kun je iemand niet inschrijven.")
    expect(alert).to_contain_text("minstens 10 cijfers")
    expect(page.get_by_label("Voornaam")).to_have_value("Truus")
    assert not User.objects.filter(first_name="Truus").exists()
    check_page(page, PHONE)


def test_a_failed_call_off_on_the_match_page_is_accessible(page, live_server, bas, gematchte_vraag):
    _log_in(page, live_server, bas)
    visit(page, f"{live_server.url}/coordinatie/hulpvragen/{gematchte_vraag.pk}/")
    page.get_by_role("button", name="Afzeggen en iemand anders zoeken").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf kort op waarom het niet doorgaat.")
    check_page(page, PHONE)


# --- on a phone --------------------------------------------------------------------------------

TABEL_REGIO_JS = """() => [...document.querySelectorAll('main table')].map((tabel) => {
  const doos = tabel.closest('.tabel-wrap');
  return {
    past: tabel.scrollWidth <= (doos || tabel.parentElement).clientWidth + 1,
    regio: !!doos && doos.getAttribute('tabindex') === '0' && doos.getAttribute('role') === 'region'
      && !!(doos.getAttribute('aria-label') || doos.getAttribute('aria-labelledby')),
  };
})"""


@pytest.mark.parametrize(
    "path",
    [
        "/coordinatie/",
        "/coordinatie/?wachtrij=voorstellen",
        "/coordinatie/bewoners/",
        "/coordinatie/bewoners/?q=truus&alle=on",
        "/coordinatie/bewoners/{truus}/",
        "/coordinatie/hulpvragen/{open_vraag}/?zoek=henk",
        "/coordinatie/partners/",
    ],
)
def test_the_coordination_pages_fit_a_phone_of_320_px(
    page, live_server, bas, truus, open_vraag, path
):
    """No sideways scrolling of the page at 320 px (WCAG 1.4.10); a table too wide for the
    screen scrolls in its own box, which the keyboard reaches and which has a name."""
    _log_in(page, live_server, bas)
    page.set_viewport_size({"width": 320, "height": PHONE["height"]})
    visit(page, live_server.url + path.format(truus=truus.pk, open_vraag=open_vraag.pk))
    assert_reflows(page)
    for tabel in page.evaluate(TABEL_REGIO_JS):
        assert tabel["past"] or tabel["regio"], tabel
    check_page(page, PHONE)


def test_from_the_dashboard_to_the_intake_with_the_four_questions(page, live_server, bas, buurt):
    _log_in(page, live_server, bas)
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/coordinatie/")
    page.get_by_role("button", name="Intake: bewoner zonder internet inschrijven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iemand inschrijven")
    page.get_by_label("Voornaam").fill("Truus")
    page.get_by_label("Postcode").fill("3541 AB")
    page.get_by_label("Wat wil je?").fill("Meer onder de mensen komen.")
    page.get_by_role("group", name="Waar kun je mee helpen?").get_by_label(
        "Koken en maaltijden"
    ).check()
    page.get_by_label("Wat heb je te bieden?").fill("Een kopje koffie.")
    page.get_by_label("Mondeling, bij een bezoek").check()
    page.get_by_role("button", name="Bewoner inschrijven").click()
    expect(page.get_by_text("Truus is ingeschreven.")).to_be_visible()
    expect(page.get_by_text("Meer onder de mensen komen.")).to_be_visible()
    profiel = User.objects.get(first_name="Truus").profiel
    assert [c.slug for c in profiel.kan_categorieen.all()] == ["koken"]
    assert profiel.wat_heb_je_te_bieden == "Een kopje koffie."
