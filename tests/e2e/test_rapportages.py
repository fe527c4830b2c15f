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
