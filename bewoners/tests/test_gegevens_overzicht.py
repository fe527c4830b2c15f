"""Issue 15, point 8: a readable overview of everything Wijk keeps about me (page and PDF),
made from the export itself, in Dutch, with local times."""

import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accommodaties.tests.factories import ReserveringFactory
from bewoners import privacy
from bewoners.overzicht import maak_overzicht, waarde_tekst
from bewoners.services import lid_worden
from bewoners.tests.factories import BuurtFactory, UserFactory
from buurtassistenten.models import Inzage
from cooperaties.huidige import in_cooperatie
from cooperaties.services import cooperatie_create
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
from initiatieven.tests.factories import InitiatiefFactory
from meldingen.services import melding_send

# 13:05 UTC on 1 December is 14:05 in Amsterdam.
MOMENT = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)


@pytest.fixture
def sanne(db, buurt):
    with time_machine.travel(MOMENT, tick=False):
        user = UserFactory(
            first_name="Şükrü",
            last_name="Коваленко",
            email="sanne@example.org",
            profiel__buurt=buurt,
            profiel__telefoon="06 55544433",
            profiel__postcode="3541 AB",
            profiel__wat_heb_je_nodig="Boodschappen na mijn operatie",
        )
        melding_send(user, "welkom", titel="Welkom Sanne in de wijk")
    return user


def _rijen(user, aantal: int, ba) -> None:
    """``aantal`` rows of every kind the overview shows."""
    for n in range(aantal):
        hulpvraag = HulpvraagFactory(aanvrager=user, titel=f"Naar de dokter {n}")
        MatchFactory(hulpvraag=hulpvraag, geaccepteerd=True)
        AanbodFactory(helper=user, titel=f"Fietsen maken {n}")
        ReserveringFactory(geboekt_door=user, begin=timezone.now() + timedelta(days=n + 1))
        InitiatiefFactory(naam=f"Wandelclub {n}", leden=[user])
        melding_send(user, "welkom", titel=f"Bericht {n}")
        Inzage.objects.create(bewoner=user, door=ba, wat=f"Profiel: wat heb je nodig {n}")


def _niet_bewaard(response) -> None:
    """A browser on a shared computer or a proxy must not keep someone's data."""
    richtlijnen = {d.strip().split("=")[0] for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= richtlijnen, response["Cache-Control"]


def _tekst(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhoud)).pages)


@pytest.mark.django_db
def test_the_page_shows_every_subject_in_dutch_with_local_times(client, sanne, buurtassistent):
    _rijen(sanne, 1, buurtassistent)
    client.force_login(sanne)
    response = client.get(reverse("bewoners:gegevens_overzicht"))
    assert response.status_code == 200
    _niet_bewaard(response)
    tekst = _tekst(response)
    for kop in (
        "Alles wat Wijk over je bewaart",
        "Je account",
        "Je profiel",
        "Je hulpvragen",
        "Je hulpaanbod",
        "Je matches",
        "Ruimtes",
        "Initiatieven",
        "Meldingen",
        "Wie je gegevens bekeek",
    ):
        assert kop in tekst, kop
    for gegeven in (
        "Şükrü",
        "Коваленко",
        "06 55544433",
        "Boodschappen na mijn operatie",
        "Naar de dokter 0",
        "Fietsen maken 0",
        "Wandelclub 0",
        "Welkom Sanne in de wijk",
        "Profiel: wat heb je nodig 0",
        "Bas",  # who looked: the assistant's first name
    ):
        assert gegeven in tekst, gegeven
    # The welcome notification of 13:05 UTC, in Amsterdam's time and the Dutch way.
    assert "dinsdag 1 december 2026, 14:05" in tekst
    assert not re.search(r"\d{4}-\d{2}-\d{2}", tekst)  # no ISO dates on the page


@pytest.mark.django_db
def test_every_value_of_the_export_is_in_the_overview(client, sanne, buurtassistent):
    """The overview is made from the export: nothing of the JSON can be missing from it."""
    _rijen(sanne, 2, buurtassistent)
    client.force_login(sanne)
    tekst = _tekst(client.get(reverse("bewoners:gegevens_overzicht")))
    data = privacy.export_user_data(sanne)

    def bladeren(waarde):
        if isinstance(waarde, dict):
            for v in waarde.values():
                yield from bladeren(v)
        elif isinstance(waarde, list) and any(isinstance(v, dict | list) for v in waarde):
            for v in waarde:
                yield from bladeren(v)
        else:
            yield waarde

    data.pop("export_gemaakt_op")
    data.pop("gebruiker_id")
    gezien = 0
    for waarde in bladeren(data):
        if waarde in (None, "", [], {}) or isinstance(waarde, bool | int):
            continue
        verwacht = waarde_tekst(waarde)
        for regel in verwacht.splitlines():
            assert " ".join(regel.split()) in " ".join(tekst.split()), verwacht
        gezien += 1
    assert gezien > 40


def test_a_key_no_subject_knows_still_shows():
    delen, _ = maak_overzicht(
        {"nieuweapp": {"iets_nieuws": "Waarde 1", "lijst": [{"titel": "Ding", "wanneer": "x"}]}}
    )
    overig = delen[0].onderwerpen[-1]
    assert overig.titel == "Overige gegevens"
    assert overig.regels[0].label == "Iets nieuws" and overig.regels[0].waarde == "Waarde 1"
    assert overig.lijsten[0].items[0].titel == "Ding"


@pytest.mark.django_db
def test_the_pdf_holds_the_same_data(client, sanne, buurtassistent):
    _rijen(sanne, 1, buurtassistent)
    client.force_login(sanne)
    response = client.get(reverse("bewoners:gegevens_overzicht_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.match(
        r'attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.pdf"',
        response["Content-Disposition"],
    )
    assert response.content.startswith(b"%PDF-")
    _niet_bewaard(response)
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Alles wat Wijk over je bewaart"
    tekst = _pdf_tekst(response.content)
    for gegeven in (
        "Alles wat Wijk over je bewaart",
        "Şükrü Коваленко (sanne@example.org)",
        "06 55544433",
        "Boodschappen na mijn operatie",
        "Naar de dokter 0",
        "Fietsen maken 0",
        "Wandelclub 0",
        "Welkom Sanne in de wijk",
        "Wie je gegevens bekeek",
        "Profiel: wat heb je nodig 0",
        "dinsdag 1 december 2026, 14:05",
    ):
        assert gegeven in tekst, gegeven
    # Bookmarks per subject, for finding one's way in a long file.
    titels = [str(o.title) for o in reader.outline if not isinstance(o, list)]
    assert any(t.startswith("Bij ") for t in titels)


@pytest.mark.django_db
def test_only_the_own_data(client, sanne, outsider):
    client.force_login(outsider)
    for naam in ("bewoners:gegevens_overzicht", "bewoners:gegevens_overzicht_pdf"):
        response = client.get(reverse(naam))
        assert response.status_code == 200
        inhoud = _pdf_tekst(response.content) if naam.endswith("pdf") else _tekst(response)
        assert "Olga" in inhoud
        for van_sanne in ("Şükrü", "06 55544433", "Boodschappen", "Welkom Sanne"):
            assert van_sanne not in inhoud


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for naam in ("bewoners:gegevens_overzicht", "bewoners:gegevens_overzicht_pdf"):
        response = client.get(reverse(naam))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_other_cooperaties_have_their_own_part(client, sanne):
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")
    with in_cooperatie(oost):
        profiel = lid_worden(sanne)
        profiel.buurt = BuurtFactory(naam="Haven", slug="haven")
        profiel.wat_kun_je = "Fietsen maken in Oost."
        profiel.save()
    client.force_login(sanne)
    tekst = _tekst(client.get(reverse("bewoners:gegevens_overzicht")))
    assert "Ook bij Wijkcoöperatie Oost" in tekst
    assert "Fietsen maken in Oost." in tekst
    pdf = _pdf_tekst(client.get(reverse("bewoners:gegevens_overzicht_pdf")).content)
    assert "Ook bij Wijkcoöperatie Oost" in pdf and "Fietsen maken in Oost." in pdf


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["bewoners:gegevens_overzicht", "bewoners:gegevens_overzicht_pdf"])
def test_query_count_is_the_same_for_one_and_many_rows(
    client, sanne, buurtassistent, naam, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(sanne)
    url = reverse(naam)
    _rijen(sanne, 1, buurtassistent)
    client.get(url)
    with django_assert_max_num_queries(60) as een:
        client.get(url)
    aantal = len(een.captured_queries)  # now: the next request empties the log
    _rijen(sanne, 6, buurtassistent)
    # warm: the layout's per-person answers come from the cache (bewoners.per_persoon)
    client.get(url)
    with django_assert_num_queries(aantal):
        client.get(url)
