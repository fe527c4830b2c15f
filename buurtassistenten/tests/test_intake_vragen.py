"""The intake is one click from the dashboard and the resident search, and asks the four
questions of every profile, which end up on the new resident's profile."""

import pytest
from django.urls import reverse

from bewoners.models import Categorie, User

pytestmark = pytest.mark.django_db

INTAKE_KNOP = "Intake: bewoner zonder internet inschrijven"


def intake_data(**anders):
    data = {
        "first_name": "Truus",
        "last_name": "de Boer",
        "telefoon": "030 1234567",
        "postcode": "3541ab",
        "toestemming_hoe": "mondeling",
        "kanaal": "huisbezoek",
        "wat_wil_je": "Meer onder de mensen komen.",
        "kan_categorieen": [Categorie.objects.get(slug="koken").pk],
        "wat_kun_je": "Ik bak goede appeltaart.",
        "nodig_categorieen": [Categorie.objects.get(slug="vervoer").pk],
        "wat_heb_je_nodig": "Een rit naar de huisarts af en toe.",
        "wat_heb_je_te_bieden": "Een kopje koffie en een luisterend oor.",
    }
    data.update(anders)
    return data


@pytest.mark.parametrize("pagina", ["buurtassistenten:dashboard", "buurtassistenten:bewoners"])
def test_the_intake_is_one_click_from_the_dashboard_and_the_search(client_for, assistent, pagina):
    html = client_for(assistent).get(reverse(pagina)).content.decode()
    intake = reverse("buurtassistenten:intake")
    assert f'<a href="{intake}" role="button">{INTAKE_KNOP}</a>' in html


def test_the_intake_asks_the_four_questions(client_for, assistent):
    html = client_for(assistent).get(reverse("buurtassistenten:intake")).content.decode()
    assert "De vier vragen" in html
    for label in [
        "Wat wil je?",
        "Waar kun je mee helpen?",
        "Wat kun je? Vertel er iets over",
        "Waar heb je hulp bij nodig?",
        "Wat heb je nodig? Vertel er iets over",
        "Wat heb je te bieden?",
    ]:
        assert label in html, label
    for naam in ["koken", "vervoer"]:
        assert f'value="{Categorie.objects.get(slug=naam).pk}"' in html


def test_the_answers_are_saved_on_the_profile(client_for, assistent, buurt):
    response = client_for(assistent).post(reverse("buurtassistenten:intake"), intake_data())
    truus = User.objects.get(first_name="Truus")
    assert response.status_code == 302
    profiel = truus.profiel
    assert profiel.wat_wil_je == "Meer onder de mensen komen."
    assert profiel.wat_kun_je == "Ik bak goede appeltaart."
    assert profiel.wat_heb_je_nodig == "Een rit naar de huisarts af en toe."
    assert profiel.wat_heb_je_te_bieden == "Een kopje koffie en een luisterend oor."
    assert [c.slug for c in profiel.kan_categorieen.all()] == ["koken"]
    assert [c.slug for c in profiel.nodig_categorieen.all()] == ["vervoer"]
    # The resident's page shows them (the needs to the buurtassistent who works for her).
    html = client_for(assistent).get(response["Location"]).content.decode()
    assert "Meer onder de mensen komen." in html
    assert "Een rit naar de huisarts af en toe." in html


def test_the_four_questions_may_stay_empty(client_for, assistent):
    data = intake_data(
        wat_wil_je="",
        kan_categorieen=[],
        wat_kun_je="",
        nodig_categorieen=[],
        wat_heb_je_nodig="",
        wat_heb_je_te_bieden="",
    )
    response = client_for(assistent).post(reverse("buurtassistenten:intake"), data)
    assert response.status_code == 302
    profiel = User.objects.get(first_name="Truus").profiel
    assert profiel.wat_wil_je == "" and not profiel.kan_categorieen.exists()


@pytest.mark.parametrize(
    ("anders", "fout"),
    [
        ({"kan_categorieen": ["999999"]}, "Kies onderwerpen uit de lijst."),
        ({"nodig_categorieen": ["geen-getal"]}, "Kies onderwerpen uit de lijst."),
        ({"wat_wil_je": "x" * 2001}, "hoogstens 2000 tekens"),
    ],
)
def test_bad_answers_save_nothing_and_say_so_in_dutch(client_for, assistent, anders, fout):
    response = client_for(assistent).post(reverse("buurtassistenten:intake"), intake_data(**anders))
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not User.objects.filter(first_name="Truus").exists()
