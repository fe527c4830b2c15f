"""Matching by hand: the buurtassistent searches any volunteer of the coöperatie for a request
(by name, skill and buurt), sees for each person why they fit or not, and asks one through the
manual-match service. The engine's list shows only people whose offer or skills fit."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.availability import bit
from bewoners.models import Categorie
from bewoners.services import lid_worden
from bewoners.tests.factories import UserFactory
from buurtassistenten import services
from buurtassistenten.models import Namens
from cooperaties.huidige import in_cooperatie
from cooperaties.services import cooperatie_create
from hulpvragen.models import Bereik, Hulpvraag, Match, Zoekregel
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory

pytestmark = pytest.mark.django_db


def cat(slug):
    return Categorie.objects.get(slug=slug)


@pytest.fixture
def truus(assistent, buurt):
    return services.intake_create(
        door=assistent,
        first_name="Truus",
        last_name="de Boer",
        telefoon="030 1234567",
        buurt=buurt,
        toestemming_hoe="telefonisch",
    )


@pytest.fixture
def vraag(truus):
    """An open request for vervoer, on Monday morning (one part of the week)."""
    return HulpvraagFactory(aanvrager=truus, titel="Rit naar de huisarts")


def pagina(client, hulpvraag, **zoek) -> str:
    response = client.get(reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk]), zoek)
    assert response.status_code == 200
    return response.content.decode()


def gevonden(html: str) -> str:
    """The part of the page with the search results."""
    assert 'id="gevonden-kop"' in html
    return html.split('id="gevonden-kop"', 1)[1].split("</section>", 1)[0]


def test_a_volunteer_the_engine_does_not_pick_is_found_by_name_with_why_not(
    client_for, assistent, vraag, buurt
):
    klusser = UserFactory(first_name="Karel", last_name="Klus", profiel__buurt=buurt)
    AanbodFactory(helper=klusser, titel="Kleine klussen", categorieen=[cat("klussen")])
    html = pagina(client_for(assistent), vraag, zoek="karel")
    assert "Karel" not in html.split('id="zoeken-kop"')[0]  # not the engine's pick
    deel = gevonden(html)
    assert "Karel Klus" in deel  # he lives in a buurt this assistant works for
    assert "Geen aanbod en geen vaardigheid voor Vervoer." in deel
    assert "Woont in dezelfde buurt (Oud-Zuid)." in deel
    assert "Kan op het gevraagde moment." in deel
    assert "Vraag deze helper" in deel


def test_search_by_skill_and_by_buurt(client_for, assistent, vraag, buurt, andere_buurt):
    kunner = UserFactory(first_name="Kees", profiel__buurt=andere_buurt)
    kunner.profiel.kan_categorieen.set([cat("vervoer")])  # a skill, no offer
    ander = UserFactory(first_name="Anton", profiel__buurt=buurt)
    AanbodFactory(helper=ander, categorieen=[cat("klussen")])
    client = client_for(assistent)

    deel = gevonden(pagina(client, vraag, soort=cat("vervoer").pk))
    assert "Kees" in deel and "Anton" not in deel
    assert "Kan helpen met Vervoer (staat in het profiel)." in deel
    assert "Woont in Nieuwland en helpt niet in Oud-Zuid." in deel
    assert "Heeft nog geen aanbod geplaatst." in deel

    deel = gevonden(pagina(client, vraag, buurt=buurt.pk))
    assert "Anton" in deel and "Kees" not in deel


def test_why_not_paused_busy_asked_time_and_language(client_for, assistent, vraag, buurt, klok):
    vraag.aanvrager.profiel.talen = ["nl", "tr"]
    vraag.aanvrager.profiel.save()
    pauze = UserFactory(first_name="Piet", profiel__buurt=buurt)
    AanbodFactory(helper=pauze, actief=False)
    druk = UserFactory(first_name="Dirk", profiel__buurt=buurt, profiel__talen=["tr"])
    AanbodFactory(helper=druk, max_per_week=1)
    MatchFactory(helper=druk, hulpvraag=HulpvraagFactory(), status=Match.Status.GEACCEPTEERD)
    gevraagd = UserFactory(first_name="Gerrit", profiel__buurt=buurt)
    AanbodFactory(helper=gevraagd)
    MatchFactory(helper=gevraagd, hulpvraag=vraag, status=Match.Status.AFGEWEZEN)
    avond = UserFactory(first_name="Evert", profiel__buurt=buurt)
    AanbodFactory(helper=avond, beschikbaarheid=_niet(vraag.dagdelen))

    client = client_for(assistent)
    per_naam = {
        naam: gevonden(pagina(client, vraag, zoek=naam))
        for naam in ["Piet", "Dirk", "Gerrit", "Evert"]
    }
    assert "Het aanbod voor Vervoer staat op pauze." in per_naam["Piet"]
    assert "Al het aanbod staat op pauze." in per_naam["Piet"]
    assert "Deze week al 1 keer gevraagd; wil hoogstens 1 keer per week." in per_naam["Dirk"]
    assert "Helpt nu bij 1 hulpvraag." in per_naam["Dirk"]
    assert "Spreekt ook Turks, net als de aanvrager." in per_naam["Dirk"]
    assert "Spreekt geen Turks, zoals de aanvrager." in per_naam["Evert"]
    assert "Al gevraagd voor deze hulpvraag (afgewezen)." in per_naam["Gerrit"]
    assert "Vraag deze helper" not in per_naam["Gerrit"]  # asked once is enough
    assert "Kan meestal niet op het gevraagde moment." in per_naam["Evert"]


def _niet(dagdelen: int) -> int:
    """Every part of the week except ``dagdelen``."""
    alles = 0
    for dag in range(7):
        for deel in range(3):
            alles |= bit(dag, deel)
    return alles & ~dagdelen


def test_only_volunteers_of_this_cooperatie_with_consent_are_found(
    client_for, assistent, vraag, buurt, helper
):
    AanbodFactory(helper=helper)
    UserFactory(first_name="Henkie", profiel__buurt=buurt)  # no offer, no skill
    zonder = UserFactory(first_name="Hendrik", profiel__zonder_toestemming=True)
    AanbodFactory(helper=zonder)
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")
    elders = UserFactory(first_name="Hennie", email="hennie@example.org", profiel=None)
    with in_cooperatie(oost):
        lid_worden(elders)
        AanbodFactory(
            helper=elders, categorieen=[Categorie.objects.create(slug="vervoer", naam="Vervoer")]
        )
    deel = gevonden(pagina(client_for(assistent), vraag, zoek="hen"))
    assert "Henk" in deel
    for naam in ["Henkie", "Hendrik", "Hennie"]:
        assert f"<strong>{naam}" not in deel, naam
    # Nor the requester herself, though she matches the name.
    assert "Truus" not in gevonden(pagina(client_for(assistent), vraag, zoek="truus"))


def test_outside_their_buurten_only_the_first_name_and_no_last_name_search(
    client_for, assistent, vraag, outsider, andere_buurt, assistent_van
):
    assistent_van(andere_buurt, first_name="Anna")  # Nieuwland is hers, not Bas's
    AanbodFactory(helper=outsider, bereik=Bereik.OVERAL)
    client = client_for(assistent)
    deel = gevonden(pagina(client, vraag, zoek="olga"))
    assert "<strong>Olga</strong>" in deel
    assert "Buiten" not in deel  # her last name is contact data
    assert "Helpt ook in Oud-Zuid." in deel
    assert "Olga" not in gevonden(pagina(client, vraag, zoek="buiten"))


def test_ask_a_found_volunteer_through_the_manual_match(client_for, assistent, vraag, buurt):
    karel = UserFactory(first_name="Karel", profiel__buurt=buurt)
    AanbodFactory(helper=karel, categorieen=[cat("klussen")])
    client = client_for(assistent)
    assert '<span class="visually-hidden"> (Karel' in gevonden(pagina(client, vraag, zoek="karel"))
    response = client.post(
        reverse("buurtassistenten:voorstellen", args=[vraag.pk]), {"helper": karel.pk}
    )
    assert response.status_code == 302
    match = Match.objects.get(hulpvraag=vraag, helper=karel)
    assert match.status == Match.Status.VOORGESTELD and match.voorgesteld_door == assistent
    assert Namens.objects.filter(voor=vraag.aanvrager, wat=Namens.Wat.MATCH).exists()


def test_a_helper_of_another_cooperatie_cannot_be_asked(client_for, assistent, vraag):
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")
    elders = UserFactory(first_name="Hennie", email="hennie@example.org", profiel=None)
    with in_cooperatie(oost):
        lid_worden(elders)
    response = client_for(assistent).post(
        reverse("buurtassistenten:voorstellen", args=[vraag.pk]), {"helper": elders.pk}
    )
    assert response.status_code == 302
    # Not even looked at: the form knows only the people who take part here.
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Kies een helper uit de lijst."
    ]
    assert not Match.objects.filter(helper=elders).exists()


def test_the_engine_list_shows_only_people_whose_offer_or_skill_fits(
    client_for, assistent, vraag, buurt
):
    past = UserFactory(first_name="Henk", profiel__buurt=buurt)
    AanbodFactory(helper=past)
    # A stale search row: Karel's offer is for klussen and he has no skill for vervoer, yet the
    # index says vervoer (as after a skill removed without the rows following).
    karel = UserFactory(first_name="Karel", profiel__buurt=buurt)
    klussen = AanbodFactory(helper=karel, categorieen=[cat("klussen")])
    rij = Zoekregel.objects.filter(aanbod=klussen).first()
    Zoekregel.objects.create(
        aanbod=klussen,
        helper=karel,
        categorie=cat("vervoer"),
        buurt=rij.buurt,
        expliciet=True,
        nabijheid=rij.nabijheid,
        beschikbaarheid=rij.beschikbaarheid,
        max_per_week=rij.max_per_week,
    )
    engine = pagina(client_for(assistent), vraag).split('id="zoeken-kop"')[0]
    assert "Henk" in engine and "Karel" not in engine
    assert "Aanbod voor Vervoer:" in engine


def test_bad_search_input_gets_a_dutch_message(client_for, assistent, vraag):
    html = pagina(client_for(assistent), vraag, soort="geen-soort", buurt="999999")
    assert "Kies een soort hulp uit de lijst." in html
    assert "Kies een buurt uit de lijst." in html
    assert "Verbeter je zoekopdracht hierboven." in html


def test_no_search_on_a_request_that_has_a_helper(client_for, assistent, truus, helper):
    hulpvraag = HulpvraagFactory(aanvrager=truus, status=Hulpvraag.Status.GEMATCHT)
    AanbodFactory(helper=helper)
    html = pagina(client_for(assistent), hulpvraag, zoek="henk")
    assert 'id="zoeken-kop"' not in html


@pytest.mark.parametrize("wie", ["bewoner", "outsider", "bestuurslid"])
def test_others_cannot_search(request, client_for, vraag, wie):
    response = client_for(request.getfixturevalue(wie)).get(
        reverse("buurtassistenten:hulpvraag", args=[vraag.pk]), {"zoek": "henk"}
    )
    assert response.status_code == 403


def _maak_vrijwilligers(aantal, buurt, andere_buurt):
    for i in range(aantal):
        user = UserFactory(
            first_name=f"Vrijwilliger{i}", profiel__buurt=[buurt, andere_buurt][i % 2]
        )
        user.profiel.talen = ["tr"]
        user.profiel.save()
        if i % 3 != 1:  # the first has an offer, as most do
            AanbodFactory(
                helper=user,
                bereik=Bereik.BUURTEN,
                buurten=[buurt],
                categorieen=[cat("vervoer"), cat("klussen")],
            )
        else:
            user.profiel.kan_categorieen.set([cat("vervoer")])
        MatchFactory(helper=user, hulpvraag=HulpvraagFactory(), status=Match.Status.GEACCEPTEERD)


def test_the_search_costs_the_same_queries_for_one_and_many(
    client_for, assistent, vraag, buurt, andere_buurt, django_assert_num_queries
):
    vraag.aanvrager.profiel.talen = ["tr"]
    vraag.aanvrager.profiel.save()
    client = client_for(assistent)
    url = reverse("buurtassistenten:hulpvraag", args=[vraag.pk])
    _maak_vrijwilligers(1, buurt, andere_buurt)
    # warm: the layout's per-person answers come from the cache (bewoners.per_persoon)
    client.get(url, {"zoek": "vrijwilliger"})
    with CaptureQueriesContext(connection) as een:
        html = client.get(url, {"zoek": "vrijwilliger"}).content.decode()
    assert gevonden(html).count("Vraag deze helper") == 1
    _maak_vrijwilligers(14, buurt, andere_buurt)
    with django_assert_num_queries(len(een.captured_queries)):
        html = client.get(url, {"zoek": "vrijwilliger"}).content.decode()
    assert gevonden(html).count("Vraag deze helper") == 15
    assert gevonden(html).count("Spreekt ook Turks, net als de aanvrager.") == 15
