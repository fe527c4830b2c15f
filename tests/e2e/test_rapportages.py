"""The board report in a real browser: a board member logs in with a second factor (a TOTP
code computed in the test), opens last quarter's report and downloads it as XLSX, which is
read back with openpyxl and holds the same numbers as the page."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.tests.factories import HulpvraagFactory

from .menu import hoofdmenu
from .test_accessibility import PHONE, check_page
from .test_buurtassistenten import _inloggen_met_code

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _vorig_kwartaal(vandaag: date) -> date:
    """The first day of last quarter."""
    maand = (vandaag.month - 1) // 3 * 3 + 1
    begin = vandaag.replace(month=maand, day=1)
    vorig = begin - timedelta(days=1)
    return vorig.replace(month=(vorig.month - 1) // 3 * 3 + 1, day=1)


def test_board_member_with_mfa_opens_last_quarter_and_downloads_xlsx(
    page, live_server, bestuurslid, bewoner
):
    begin = _vorig_kwartaal(timezone.localdate())
    moment = timezone.make_aware(datetime.combine(begin + timedelta(days=10), time(10)))
    for i in range(7):
        HulpvraagFactory(aanvrager=bewoner, titel=f"Vraag {i}", aangemaakt_op=moment)

    _inloggen_met_code(page, live_server, bestuurslid)
    hoofdmenu(page).get_by_role("link", name="Rapportage").click()
    page.get_by_label("Periode", exact=True).select_option(label="Vorig kwartaal")
    page.get_by_role("button", name="Toon rapportage").click()
    expect(page.get_by_text(f"Periode: {begin.day} ")).to_be_visible()
    rij = page.get_by_role("row").filter(has_text="Nieuwe hulpvragen").first
    expect(rij).to_contain_text("7")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als Excel-bestand (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    with open(download.path(), "rb") as bestand:  # the download has no .xlsx name on disk
        werkboek = load_workbook(io.BytesIO(bestand.read()))
    waarden = [
        tuple(cel.value for cel in rij) for blad in werkboek.worksheets for rij in blad.iter_rows()
    ]
    assert ("Nieuwe hulpvragen", 7) in waarden


def test_the_report_is_accessible(page, live_server, bestuurslid):
    from .test_accessibility import _log_in, visit

    _log_in(page, live_server, bestuurslid)
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/rapportages/?periode=vorig_kwartaal")
    check_page(page, PHONE)


# --- issue 15: charts, the rooms table at 1280 px, the business case's scroll box -------------

ZALEN = (
    "Beweegruimte Gezondheidscentrum",
    "Buurthuis De Linde – grote zaal",
    "Gemeenschapstuin keuken",
    "Zwembad Het Anker – instructiebad",
)


def _een_jaar_gebruik(bewoner):
    """This year: four rooms open every day with a few hundred bookings (some on behalf of an
    initiative, some cancelled); each month help requests of which some were matched, and a
    meeting with sign-ups."""
    from accommodaties.models import Reservering
    from accommodaties.tests.factories import AccommodatieFactory

    vandaag = timezone.localdate()
    dagen = max((vandaag - vandaag.replace(month=1, day=1)).days, 1)
    boekingen = []
    for i, naam in enumerate(ZALEN):
        zaal = AccommodatieFactory(naam=naam, slug=f"zaal-{i}")
        for j in range(160):
            begin = timezone.make_aware(
                datetime.combine(vandaag.replace(month=1, day=1), time(9))
            ) + timedelta(days=j * dagen // 160, hours=j % 4 * 3)
            boekingen.append(
                Reservering(
                    accommodatie=zaal,
                    geboekt_door=bewoner,
                    doel="Koffieochtend",
                    aantal_personen=8,
                    namens="Repair Café" if j % 3 == 0 else "",
                    begin=begin,
                    einde=begin + timedelta(hours=2, minutes=30),
                    bezet_tot=begin + timedelta(hours=2, minutes=45),
                    status=Reservering.Status.GEANNULEERD
                    if j % 9 == 0
                    else Reservering.Status.BEVESTIGD,
                )
            )
    Reservering.objects.bulk_create(boekingen)
    # A meeting a month (on the 1st) with eight sign-ups, six of whom came.
    from bewoners.tests.factories import UserFactory
    from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst
    from initiatieven.tests.factories import InitiatiefFactory

    mensen = [UserFactory() for _ in range(8)]
    activiteit = Activiteit.objects.create(
        initiatief=InitiatiefFactory(), titel="Samen wandelen", aanmelden_nodig=True
    )
    for maand in range(1, vandaag.month + 1):
        begin = timezone.make_aware(datetime.combine(vandaag.replace(month=maand, day=1), time(8)))
        bijeenkomst = Bijeenkomst.objects.create(
            activiteit=activiteit,
            begin=begin,
            einde=begin + timedelta(hours=1),
            volgens_regel=begin,
        )
        Aanmelding.objects.bulk_create(
            Aanmelding(
                bijeenkomst=bijeenkomst,
                user=mens,
                status=Aanmelding.Status.AANGEMELD,
                aanwezig=i < 6,
            )
            for i, mens in enumerate(mensen)
        )
    for maand in range(1, vandaag.month + 1):
        moment = timezone.make_aware(
            datetime.combine(vandaag.replace(month=maand, day=1), time(10))
        )
        for i in range(12):
            HulpvraagFactory(
                aanvrager=bewoner,
                titel=f"Vraag {maand}-{i}",
                aangemaakt_op=moment,
                gematcht_op=moment + timedelta(hours=3) if i < 7 else None,
            )


def test_charts_every_series_drawn_and_the_rooms_table_fits_at_1280(
    page, live_server, bestuurslid, bewoner
):
    from .test_accessibility import DESKTOP, _log_in, visit

    _een_jaar_gebruik(bewoner)
    _log_in(page, live_server, bestuurslid)
    page.set_viewport_size(DESKTOP)
    visit(page, live_server.url + "/rapportages/?periode=dit_jaar")

    # Every chart draws both series (bars with a size, in two colours) and has a legend.
    grafieken = page.locator("figure.grafiek")
    expect(grafieken).to_have_count(3)
    for grafiek in grafieken.all():
        expect(grafiek).to_have_attribute("aria-hidden", "true")  # the table is the source
        kleuren = set()
        for soort in ("a", "b"):
            staven = grafiek.locator(f"rect.staaf-{soort}")
            assert staven.count() > 0, f"no bars of series {soort}"
            for staaf in staven.all():
                vak = staaf.bounding_box()
                assert vak["height"] > 0 and vak["width"] >= 16, vak
            kleuren.add(staven.first.evaluate("e => getComputedStyle(e).fill"))
            expect(grafiek.locator(f"figcaption .legenda-{soort}")).to_be_visible()
        assert len(kleuren) == 2 and "none" not in kleuren
        # Large enough to read: a year of months at full size.
        assert grafiek.locator("svg").bounding_box()["height"] >= 200

    # The rooms table: all eight columns fit, "Bezetting" is fully visible.
    tabel = page.locator("table").filter(has_text="Gebruik van ruimtes")
    vak = page.locator(".overflow-auto").filter(has=tabel)
    breedte = vak.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert breedte[0] <= breedte[1], f"the rooms table scrolls: {breedte}"
    kolom = tabel.get_by_role("columnheader", name="Bezetting").bounding_box()
    rand = vak.bounding_box()
    assert kolom["x"] + kolom["width"] <= rand["x"] + rand["width"] + 0.5
    for cel in tabel.locator("tbody tr td:last-child").all():  # the occupancy of each room
        vak_cel = cel.bounding_box()
        assert vak_cel["x"] + vak_cel["width"] <= rand["x"] + rand["width"] + 0.5


def test_the_business_case_table_scrolls_by_keyboard(page, live_server, bestuurslid):
    from .test_accessibility import _log_in, visit

    _log_in(page, live_server, bestuurslid)
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/rapportages/businesscase/?periode=dit_jaar")
    vak = page.get_by_role("region", name="Maatschappelijke opbrengst")
    expect(vak).to_have_attribute("tabindex", "0")
    assert vak.evaluate("e => e.scrollWidth > e.clientWidth")  # it does scroll on a phone
    vak.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('[aria-labelledby=opbrengst-tabel]').scrollLeft > 0"
    )
    check_page(page, PHONE)  # axe: scrollable-region-focusable, and the reflow at 320 px
