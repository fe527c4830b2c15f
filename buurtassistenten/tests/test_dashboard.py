"""The coordination dashboard: who may open it, what each queue shows (and does not show) on a
frozen clock, mine versus all buurten, the htmx parts, the links, and the query counts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.models import Categorie, Profiel, User
from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory
from buurtassistenten import queues, telling
from buurtassistenten.models import Contactmoment, Doorverwijzing, Vervolg, Wijkpartner
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 4 March 2030, 09:00.
NU = datetime(2030, 3, 4, 9, 0, tzinfo=AMS)
VANDAAG = NU.date()
URL = "/coordinatie/"


@pytest.fixture
def anna(andere_buurt, assistent_van):
    """The buurtassistent of ``andere_buurt`` (Nieuwland)."""
    return assistent_van(
        andere_buurt, first_name="Anna", last_name="Anders", email="anna@example.org"
    )


def bewoner_url(user) -> str:
    return reverse("buurtassistenten:bewoner", args=[user.pk])


def hulpvraag_url(hulpvraag) -> str:
    return reverse("buurtassistenten:hulpvraag", args=[hulpvraag.pk])


def open_wachtrij(client, naam, **params):
    response = client.get(URL, {"wachtrij": naam, **params})
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")  # timesince: "3&nbsp;dagen"


def gezelschap():
    return Categorie.objects.get(slug="gezelschap")


def partner():
    return Wijkpartner.objects.create(naam="Wijkteam Zuid", soort=Wijkpartner.Soort.WIJKTEAM)


def bijeenkomst(begin):
    initiatief = InitiatiefFactory()
    activiteit = Activiteit.objects.create(initiatief=initiatief, titel="Koffie-ochtend")
    return Bijeenkomst.objects.create(
        activiteit=activiteit, begin=begin, einde=begin + timedelta(hours=2), volgens_regel=begin
    )


def afwezig(user, *dagen_geleden, aanwezig=False):
    for dagen in dagen_geleden:
        Aanmelding.objects.create(
            bijeenkomst=bijeenkomst(NU - timedelta(days=dagen)),
            user=user,
            status=Aanmelding.Status.AANGEMELD,
            aanwezig=aanwezig,
        )


# een_van_elk(): the request with a waiting proposal is also an open request without a helper.
EEN_VAN_ELK = {**dict.fromkeys(queues.WACHTRIJEN, 1), "hulpvragen": 2}


def een_van_elk(buurt):
    """One item in every queue, all from residents of ``buurt``."""
    mensen = [UserFactory(profiel__buurt=buurt) for _ in range(6)]
    HulpvraagFactory(aanvrager=mensen[0], aangemaakt_op=NU - timedelta(days=3))
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=mensen[1]), aangemaakt_op=NU - timedelta(hours=30)
    )
    Profiel.objects.filter(user=mensen[2]).update(nieuw_in_wijk_sinds=VANDAAG - timedelta(days=7))
    Vervolg.objects.create(bewoner=mensen[3], datum=VANDAAG, reden=Vervolg.Reden.AFSPRAAK)
    afwezig(mensen[4], 10, 20)
    Doorverwijzing.objects.create(bewoner=mensen[5], partner=partner(), behoefte="wonen")
    return mensen


# --- who may open it -------------------------------------------------------------------------------


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("persona", ["bewoner", "helper", "bestuurslid", "beheerder", "outsider"])
def test_only_buurtassistenten_may_open_it(client_for, request, persona):
    user = request.getfixturevalue(persona)
    for params in ({}, {"wachtrij": "signalen", "alle": "1"}):
        assert client_for(user).get(URL, params).status_code == 403
    assert client_for(user).get(URL, headers={"HX-Request": "true"}).status_code == 403


def test_the_url_name_and_an_empty_dashboard(client_for, assistent):
    assert reverse("buurtassistenten:dashboard") == URL
    inhoud = client_for(assistent).get(URL).content.decode()
    assert "<h1>Coördinatie</h1>" in inhoud
    assert "Hier staat nu niets." in inhoud
    assert "Je ziet jouw buurten: Oud-Zuid." in inhoud


def test_a_nonsense_queue_shows_the_first(client_for, assistent):
    inhoud = open_wachtrij(client_for(assistent), "<script>", page="x")
    assert "Hulpvragen zonder helper" in inhoud and "<script>" not in inhoud


# --- mine or all buurten ------------------------------------------------------------------------


def test_another_buurts_assistent_sees_its_items_only_with_alle(client_for, assistent, anna, buurt):
    een_van_elk(buurt)
    assert queues.tellingen(assistent, now=NU) == EEN_VAN_ELK
    assert queues.tellingen(anna, now=NU) == dict.fromkeys(queues.WACHTRIJEN, 0)
    assert queues.tellingen(anna, alle=True, now=NU) == EEN_VAN_ELK

    client = client_for(anna)
    for naam in queues.WACHTRIJEN:
        assert "Hier staat nu niets." in open_wachtrij(client, naam)
        inhoud = open_wachtrij(client, naam, alle="1")
        assert "Hier staat nu niets." not in inhoud
        # The tabs keep the choice of all buurten.
        assert f'href="{URL}?wachtrij={naam}&amp;alle=1" aria-current="page"' in inhoud


def test_a_buurt_without_buurtassistent_is_everyones(client_for, assistent, anna, outsider):
    """Residents of a buurt nobody follows (or of no buurt) show to every buurtassistent."""
    outsider.profiel.buurt.buurtassistenten.clear()
    HulpvraagFactory(aanvrager=outsider, titel="Wie helpt Olga?")
    zonder = UserFactory(profiel__buurt=None)
    HulpvraagFactory(aanvrager=zonder, titel="Geen buurt")
    for assistent in (assistent, anna):
        inhoud = open_wachtrij(client_for(assistent), "hulpvragen")
        assert "Wie helpt Olga?" in inhoud and "Geen buurt" in inhoud


def test_two_buurtassistenten_in_one_buurt_see_each_row_once(assistent, anna, buurt):
    buurt.buurtassistenten.add(anna)
    een_van_elk(buurt)
    assert queues.tellingen(anna, now=NU) == EEN_VAN_ELK
    for naam in queues.WACHTRIJEN:
        rijen = list(queues.wachtrij(naam, anna, now=NU))
        assert len(rijen) == len({r.pk for r in rijen}) == EEN_VAN_ELK[naam]


# --- each queue ---------------------------------------------------------------------------------


def test_open_requests_oldest_first_with_waiting_time(client_for, assistent, bewoner, helper):
    oud = HulpvraagFactory(
        aanvrager=bewoner,
        titel="Boodschappen",
        aangemaakt_op=NU - timedelta(days=3),
        geescaleerd_op=NU - timedelta(days=1),
    )
    nieuw = HulpvraagFactory(
        aanvrager=bewoner, titel="Lamp ophangen", aangemaakt_op=NU - timedelta(hours=2)
    )
    HulpvraagFactory(aanvrager=bewoner, titel="Al gematcht", gematcht=True)
    HulpvraagFactory(aanvrager=bewoner, titel="Al klaar", afgerond=True)
    # Open by status, but a helper already said yes: not waiting for a helper.
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=bewoner, titel="Heeft helper"),
        helper=helper,
        geaccepteerd=True,
    )
    # A waiting proposal does not take a request out of the queue.
    MatchFactory(hulpvraag=nieuw, helper=helper)

    inhoud = open_wachtrij(client_for(assistent), "hulpvragen")
    assert "Al gematcht" not in inhoud and "Al klaar" not in inhoud
    assert "Heeft helper" not in inhoud
    assert inhoud.index("Boodschappen") < inhoud.index("Lamp ophangen")
    assert f'href="{hulpvraag_url(oud)}"' in inhoud and f'href="{hulpvraag_url(nieuw)}"' in inhoud
    assert f'href="{bewoner_url(bewoner)}"' in inhoud
    assert "3 dagen" in inhoud and "2 uur" in inhoud
    assert inhoud.count("Lang geen helper") == 1


def test_proposals_unanswered_for_half_their_validity(
    client_for, assistent, bewoner, helper, outsider
):
    # Proposals lapse after 24 hours; after 12 there is still time to phone the helper.
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=bewoner, titel="Oude vraag"),
        helper=helper,
        aangemaakt_op=NU - timedelta(hours=13),
    )
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=bewoner, titel="Verse vraag"),
        helper=helper,
        aangemaakt_op=NU - timedelta(hours=11),
    )
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=bewoner, titel="Ja gezegd"),
        helper=outsider,
        geaccepteerd=True,
        aangemaakt_op=NU - timedelta(days=3),
    )
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=bewoner, titel="Nee gezegd"),
        helper=outsider,
        status=Match.Status.AFGEWEZEN,
        aangemaakt_op=NU - timedelta(days=3),
    )

    inhoud = open_wachtrij(client_for(assistent), "voorstellen")
    assert "Oude vraag" in inhoud
    assert "Verse vraag" not in inhoud and "Ja gezegd" not in inhoud and "Nee gezegd" not in inhoud
    assert f'href="{bewoner_url(helper)}"' in inhoud and f'href="{bewoner_url(bewoner)}"' in inhoud
    assert "13 uur geleden" in inhoud


def test_newcomers_not_yet_welcomed(client_for, assistent, buurt):
    nieuw = UserFactory(first_name="Nina", last_name="Nieuw", profiel__buurt=buurt)
    welkom = UserFactory(first_name="Willem", last_name="Welkom", profiel__buurt=buurt)
    lang = UserFactory(first_name="Lotte", last_name="Lang", profiel__buurt=buurt)
    Profiel.objects.filter(user__in=[nieuw, welkom]).update(nieuw_in_wijk_sinds=date(2030, 2, 1))
    Profiel.objects.filter(user=lang).update(nieuw_in_wijk_sinds=date(2029, 6, 1))
    Contactmoment.objects.create(
        bewoner=welkom, door=assistent, kanaal="huisbezoek", soort=Contactmoment.Soort.WELKOM
    )

    inhoud = open_wachtrij(client_for(assistent), "nieuwkomers")
    assert "Nina Nieuw" in inhoud and f'href="{bewoner_url(nieuw)}"' in inhoud
    assert "vrijdag 1 februari" in inhoud
    assert "Willem" not in inhoud and "Lotte" not in inhoud


def test_follow_ups_due_today_or_overdue(client_for, assistent, bewoner, helper, outsider):
    Vervolg.objects.create(bewoner=bewoner, datum=VANDAAG, reden=Vervolg.Reden.AFSPRAAK)
    Vervolg.objects.create(
        bewoner=helper, datum=VANDAAG - timedelta(days=5), reden=Vervolg.Reden.WELKOM_1
    )
    morgen = UserFactory(first_name="Maarten", profiel__buurt=bewoner.profiel.buurt)
    Vervolg.objects.create(
        bewoner=morgen, datum=VANDAAG + timedelta(days=1), reden=Vervolg.Reden.AFSPRAAK
    )
    gedaan = UserFactory(first_name="Gerda", profiel__buurt=bewoner.profiel.buurt)
    Vervolg.objects.create(
        bewoner=gedaan,
        datum=VANDAAG - timedelta(days=1),
        reden=Vervolg.Reden.AFSPRAAK,
        gedaan_op=NU,
        gedaan_door=assistent,
    )

    inhoud = open_wachtrij(client_for(assistent), "vervolg")
    assert inhoud.index("Henk de Vries") < inhoud.index("Bep Jansen")  # oldest date first
    assert "Welkom: na 1 maand" in inhoud and "Te laat" in inhoud and "Vandaag" in inhoud
    assert "Maarten" not in inhoud and "Gerda" not in inhoud
    assert f'href="{bewoner_url(bewoner)}"' in inhoud


def test_outreach_signals(client_for, assistent, buurt):
    def persoon(naam):
        return UserFactory(first_name=naam, last_name="Signaal", profiel__buurt=buurt)

    eenzaam = persoon("Gijs")
    HulpvraagFactory(aanvrager=eenzaam, categorie=gezelschap(), titel="Samen koffie")
    # An open request of another kind, or a closed one for company: no signal.
    HulpvraagFactory(aanvrager=persoon("Karel"))
    HulpvraagFactory(aanvrager=persoon("Gerrit"), categorie=gezelschap(), afgerond=True)

    afwezig(persoon("Ada"), 5, 40)
    afwezig(persoon("Eenmaal"), 5)
    afwezig(persoon("Oud"), 5, 70)  # the second absence is too long ago
    afwezig(persoon("Aanwezig"), 5, 10, aanwezig=True)

    zaal = AccommodatieFactory(buurt=buurt)

    uur = iter(range(24))  # bookings of one room may not overlap (PostgreSQL checks)

    def boek(wie, dagen, **velden):
        begin = NU + timedelta(days=dagen, hours=next(uur) * 2 - NU.hour)
        ReserveringFactory(accommodatie=zaal, geboekt_door=wie, begin=begin, **velden)

    stil = persoon("Stijn")
    boek(stil, -100)
    nog_actief = persoon("Nora")
    boek(nog_actief, -100)
    afwezig(nog_actief, 10, aanwezig=True)
    komt_nog = persoon("Koen")  # booked long ago for a day still to come
    boek(komt_nog, -100)
    boek(komt_nog, 7)
    helper_stil = persoon("Hanna")
    MatchFactory(helper=helper_stil, geaccepteerd=True, aangemaakt_op=NU - timedelta(days=90))
    heel_lang = persoon("Lex")  # last active more than 180 days ago
    MatchFactory(helper=heel_lang, geaccepteerd=True, aangemaakt_op=NU - timedelta(days=200))
    afgezegd = persoon("Frits")  # only a refused booking: never active
    boek(afgezegd, -100, status="geweigerd")
    vrager_stil = persoon("Vera")  # asked for help and got it, 75 days ago
    MatchFactory(
        hulpvraag=HulpvraagFactory(aanvrager=vrager_stil, afgerond=True),
        afgerond=True,
        aangemaakt_op=NU - timedelta(days=80),
        afgerond_op=NU - timedelta(days=75),
    )

    inhoud = open_wachtrij(client_for(assistent), "signalen")
    for naam in ("Gijs", "Ada", "Stijn", "Hanna", "Vera"):
        assert f"{naam} Signaal" in inhoud
    for naam in ("Karel", "Gerrit", "Eenmaal", "Oud", "Aanwezig", "Nora", "Koen", "Lex", "Frits"):
        assert f"{naam} Signaal" not in inhoud
    assert "Vraagt om gezelschap" in inhoud
    assert "2 keer niet gekomen" in inhoud
    assert "Stil sinds zaterdag 24 november 2029" in inhoud  # Stijn's booking, 100 days ago
    assert f'href="{bewoner_url(eenzaam)}"' in inhoud and f'href="{bewoner_url(stil)}"' in inhoud
    assert "Stil sinds woensdag 19 december 2029" in inhoud  # Vera's help was done 75 days ago


def test_open_referrals_oldest_first(client_for, assistent, bewoner, helper, buurt):
    wijkteam = partner()
    Doorverwijzing.objects.create(
        bewoner=bewoner, partner=wijkteam, behoefte="geld", aangemaakt_op=NU - timedelta(days=2)
    )
    Doorverwijzing.objects.create(
        bewoner=helper,
        partner=wijkteam,
        behoefte="wonen",
        status=Doorverwijzing.Status.OPGEPAKT,
        aangemaakt_op=NU - timedelta(days=9),
    )
    klaar = UserFactory(first_name="Klaas", profiel__buurt=buurt)
    Doorverwijzing.objects.create(
        bewoner=klaar, partner=wijkteam, behoefte="zorg", status=Doorverwijzing.Status.AFGEROND
    )

    inhoud = open_wachtrij(client_for(assistent), "doorverwijzingen")
    assert inhoud.index("Henk de Vries") < inhoud.index("Bep Jansen")
    assert "Geld en administratie" in inhoud and "Opgepakt" in inhoud and "Wijkteam Zuid" in inhoud
    assert "Klaas" not in inhoud
    assert f'href="{bewoner_url(bewoner)}"' in inhoud


def test_the_counts_are_tabs_to_their_queues(client_for, assistent, buurt):
    een_van_elk(buurt)
    HulpvraagFactory(aanvrager=UserFactory(profiel__buurt=buurt))
    inhoud = client_for(assistent).get(URL, {"wachtrij": "vervolg"}).content.decode()
    assert 'hx-trigger="every 60s"' in inhoud
    assert f'href="{URL}?wachtrij=vervolg" aria-current="page">Terugbellen' in inhoud
    assert (
        f'href="{URL}?wachtrij=hulpvragen">Hulpvragen zonder helper <span class="badge">3' in inhoud
    )


# --- htmx parts --------------------------------------------------------------------------------


def test_htmx_gets_only_the_queue_or_only_the_counts(client_for, assistent, bewoner):
    HulpvraagFactory(aanvrager=bewoner, titel="Samen naar de markt")
    client = client_for(assistent)

    deel = client.get(URL, headers={"HX-Request": "true", "HX-Target": "wachtrij"})
    inhoud = deel.content.decode()
    assert "<html" not in inhoud and "<h1>" not in inhoud and 'id="tellingen"' not in inhoud
    assert inhoud.lstrip().startswith('<section id="wachtrij"')
    assert "Samen naar de markt" in inhoud
    assert "HX-Request" in deel["Vary"]

    tellingen = client.get(URL, headers={"HX-Request": "true", "HX-Target": "tellingen"})
    inhoud = tellingen.content.decode()
    assert inhoud.lstrip().startswith('<nav id="tellingen"')
    assert "Samen naar de markt" not in inhoud and "<html" not in inhoud


# --- links to the dashboard ----------------------------------------------------------------------


def test_the_menu_links_to_it_for_buurtassistenten_only(client_for, assistent, bewoner):
    assert (
        f'href="{URL}"' not in client_for(bewoner).get(reverse("bewoners:start")).content.decode()
    )
    inhoud = client_for(assistent).get(reverse("bewoners:start")).content.decode()
    assert f'<a href="{URL}">Coördinatie</a>' in inhoud
    assert (
        f'<a href="{URL}" aria-current="page">Coördinatie</a>'
        in client_for(assistent).get(URL).content.decode()
    )


def test_the_admin_links_to_it_for_buurtassistenten(client_for, beheerder):
    inhoud = client_for(beheerder).get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' not in inhoud
    assert "Wijkcoöperatie" in inhoud or "<title>" in inhoud  # header and title still there

    assistent = UserFactory(rollen=[Rol.BUURTASSISTENT], is_staff=True, with_mfa=True)
    inhoud = client_for(assistent).get(reverse("admin:index")).content.decode()
    assert f'<a href="{URL}">Coördinatie</a>' in inhoud


# --- query counts --------------------------------------------------------------------------------


def test_all_counts_in_one_query(assistent, buurt, django_assert_num_queries):
    een_van_elk(buurt)
    telling.bijwerken(NU)  # the signals as the beat counts them (never counted: live, apart)
    with django_assert_num_queries(1):
        assert queues.tellingen(assistent, now=NU)["signalen"] == 1


def _veel(naam, n, buurt, start):
    """``n`` more items in queue ``naam``, inserted in bulk, for residents of ``buurt``."""
    mensen = User.objects.bulk_create(
        User(first_name=f"Bewoner {start + i}", last_name="Bulk", password="!") for i in range(n)
    )
    Profiel.objects.bulk_create(
        Profiel(
            user=u,
            buurt=buurt,
            nieuw_in_wijk_sinds=VANDAAG - timedelta(days=3) if naam == "nieuwkomers" else None,
        )
        for u in mensen
    )
    if naam in ("hulpvragen", "voorstellen", "signalen"):
        categorie = gezelschap() if naam == "signalen" else Categorie.objects.get(slug="vervoer")
        vragen = Hulpvraag.objects.bulk_create(
            Hulpvraag(
                aanvrager=u,
                buurt=buurt,
                categorie=categorie,
                titel=f"Vraag {start + i}",
                beschrijving="-",
                datum=VANDAAG + timedelta(days=3),
                aangemaakt_op=NU - timedelta(hours=i + 30),
                geescaleerd_op=NU if i % 2 else None,
            )
            for i, u in enumerate(mensen)
        )
        if naam == "voorstellen":
            helper = UserFactory(profiel__buurt=buurt)
            Match.objects.bulk_create(
                Match(hulpvraag=v, helper=helper, aangemaakt_op=NU - timedelta(hours=30))
                for v in vragen
            )
    elif naam == "vervolg":
        Vervolg.objects.bulk_create(
            Vervolg(bewoner=u, datum=VANDAAG - timedelta(days=i % 9), reden="afspraak")
            for i, u in enumerate(mensen)
        )
    elif naam == "doorverwijzingen":
        wijkteam = Wijkpartner.objects.first() or partner()
        Doorverwijzing.objects.bulk_create(
            Doorverwijzing(bewoner=u, partner=wijkteam, behoefte="zorg") for u in mensen
        )


@pytest.mark.parametrize("naam", queues.WACHTRIJEN)
def test_the_query_count_is_the_same_for_10_and_1000_items(
    client_for, assistent, buurt, naam, django_assert_num_queries
):
    client = client_for(assistent)
    _veel(naam, 10, buurt, 0)
    telling.bijwerken(NU)  # the signals as the beat counts them
    # warm: the layout's per-person answers come from the cache (bewoners.per_persoon)
    open_wachtrij(client, naam)
    with CaptureQueriesContext(connection) as tien:
        inhoud = open_wachtrij(client, naam)
    assert inhoud.count("Bewoner 9 Bulk") + inhoud.count("Vraag 9<") >= 1

    _veel(naam, 990, buurt, 10)
    telling.bijwerken(NU)
    with django_assert_num_queries(len(tien.captured_queries)):
        inhoud = open_wachtrij(client, naam)
    assert "Pagina 1 van 50" in inhoud
    assert queues.tellingen(assistent, now=NU)[naam] == 1000
