"""A resident's coordination page: who may open it (and that every opening is recorded), the
contact log with its sensitive notes, follow-ups, referrals, the partners, finding a resident,
bad input, and the query count with 1 and with 50 contact moments."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory
from buurtassistenten import services
from buurtassistenten.models import (
    Contactmoment,
    Doorverwijzing,
    Intake,
    Inzage,
    Namens,
    Vervolg,
    Wijkpartner,
)
from buurtassistenten.tests.formulieren import contact
from hulpvragen.tests.factories import HulpvraagFactory
from initiatieven import services as initiatieven_services
from initiatieven.models import Aanmelding
from initiatieven.tests.factories import InitiatiefFactory
from tests.tijd import START, op

# The clock frozen (``klok``); Bas assigned to Oud-Zuid, where Bep and Henk live (``assistent``).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok", "assistent")]

GEVOELIG = "Gevoelige notitie (alleen voor de schrijver en de buurtassistenten van de buurt)"


@pytest.fixture
def andere_assistent(andere_buurt, assistent_van):
    """Anna is the buurtassistent of Nieuwland."""
    return assistent_van(
        andere_buurt,
        first_name="Anna",
        last_name="Anders",
        email="anna@example.org",
        profiel__buurt=andere_buurt,
    )


@pytest.fixture
def zwerver(db):
    """A resident without a buurt: every buurtassistent works for him, nobody is assigned."""
    return UserFactory(first_name="Zeno", last_name="Zonderbuurt", email="zeno@example.org")


@pytest.fixture
def wijkteam(db):
    return Wijkpartner.objects.create(naam="Wijkteam Oud-Zuid", soort=Wijkpartner.Soort.WIJKTEAM)


def url(naam, *args):
    return reverse(f"buurtassistenten:{naam}", args=args)


def notitie(door, bewoner, tekst, *, gevoelig=True):
    return Contactmoment.objects.create(
        bewoner=bewoner, door=door, kanaal="telefoon", notitie=tekst, gevoelig=gevoelig
    )


# --- who may open what -------------------------------------------------------------------------


def test_pages_need_a_login(client, bewoner, wijkteam):
    for adres in (
        url("bewoners"),
        url("bewoner", bewoner.pk),
        url("partners"),
        url("partner", wijkteam.pk),
    ):
        response = client.get(adres)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert not Inzage.objects.exists()


@pytest.mark.parametrize("wie", ["bewoner", "bestuurslid", "andere_assistent"])
def test_others_are_refused_and_nothing_is_written(
    request, client_for, wie, bewoner, buurtassistent, wijkteam
):
    moment = notitie(buurtassistent, bewoner, "Eerste kennismaking.", gevoelig=False)
    vervolg = Vervolg.objects.create(
        bewoner=bewoner, datum=START.date(), reden=Vervolg.Reden.AFSPRAAK, contactmoment=moment
    )
    verwijzing = Doorverwijzing.objects.create(
        bewoner=bewoner, partner=wijkteam, behoefte="wonen", door=buurtassistent
    )
    client = client_for(request.getfixturevalue(wie))

    assert client.get(url("bewoner", bewoner.pk)).status_code == 403
    posts = {
        url("contactmoment", bewoner.pk): contact(),
        url("vervolg_gedaan", vervolg.pk): {},
        url("doorverwijzing", bewoner.pk): {
            "doorverwijzing-partner": wijkteam.pk,
            "doorverwijzing-behoefte": "zorg",
        },
        url("doorverwijzing_status", verwijzing.pk): {f"status-{verwijzing.pk}-status": "afgerond"},
    }
    for adres, data in posts.items():
        assert client.post(adres, data).status_code == 403, adres

    assert not Inzage.objects.exists()
    assert Contactmoment.objects.get() == moment
    vervolg.refresh_from_db()
    assert vervolg.gedaan_op is None
    assert Doorverwijzing.objects.get().status == Doorverwijzing.Status.VERWEZEN


@pytest.mark.parametrize("wie", ["bewoner", "bestuurslid"])
def test_partners_and_search_are_for_buurtassistenten_only(
    request, client_for, wie, wijkteam, buurtassistent
):
    client = client_for(request.getfixturevalue(wie))
    assert client.get(url("bewoners")).status_code == 403
    assert client.get(url("partners")).status_code == 403
    assert client.get(url("partner", wijkteam.pk)).status_code == 403
    data = {"naam": "Huisarts Linde", "soort": "huisarts", "contact": "", "actief": "on"}
    assert client.post(url("partners"), data).status_code == 403
    assert client.post(url("partner", wijkteam.pk), data).status_code == 403
    wijkteam.refresh_from_db()
    assert wijkteam.naam == "Wijkteam Oud-Zuid"
    assert Wijkpartner.objects.count() == 1


def test_a_resident_who_does_not_exist_is_a_404_for_a_buurtassistent(
    client_for, buurtassistent, bewoner
):
    assert client_for(buurtassistent).get(url("bewoner", 999999)).status_code == 404
    assert client_for(bewoner).get(url("bewoner", 999999)).status_code == 403


# --- the access log ----------------------------------------------------------------------------


def test_every_opening_is_recorded(client_for, bewoner, buurtassistent, klok):
    client = client_for(buurtassistent)
    assert client.get(url("bewoner", bewoner.pk)).status_code == 200
    klok.move_to(op(0, 14, 15))
    pagina = client.get(url("bewoner", bewoner.pk)).content.decode()

    inzages = list(Inzage.objects.order_by("op"))
    assert [(i.door, i.bewoner, i.op) for i in inzages] == [
        (buurtassistent, bewoner, START),
        (buurtassistent, bewoner, op(0, 14, 15)),
    ]
    log = pagina.split("Wie opende deze pagina?", 1)[1]
    assert "maandag 4 maart, 14:15 – Bas Assistent" in log
    assert "maandag 4 maart, 09:00 – Bas Assistent" in log
    assert log.index("14:15") < log.index("09:00")  # newest first


def test_the_access_log_shows_the_last_20(client_for, bewoner, buurtassistent, helper):
    for i in range(25):
        Inzage.objects.create(door=helper, bewoner=bewoner, op=op(-30 + i, 10))
    pagina = client_for(buurtassistent).get(url("bewoner", bewoner.pk)).content.decode()
    log = pagina.split('<ul class="inzages">', 1)[1].split("</ul>", 1)[0]
    assert log.count("<li>") == 20
    assert "Bas Assistent" in log  # this opening is the newest
    assert "<li>2 februari 2030" not in log  # the oldest are left out
    assert Inzage.objects.count() == 26


# --- the resident's page -----------------------------------------------------------------------


def _namens_url(naam, pk):
    try:
        return reverse(naam, args=[pk])
    except NoReverseMatch:
        return ""


def test_the_page_shows_who_what_and_the_history(client_for, buurtassistent, buurt, helper):
    bewoner = services.intake_create(
        door=buurtassistent,
        first_name="Gerda",
        last_name="Offline",
        telefoon="030-1234567",
        adres="Lindelaan 12",
        postcode="3541 AB",
        woonplaats="Utrecht",
        buurt=buurt,
        toestemming_hoe="mondeling",
        notitie="Intake aan de keukentafel.",
    )
    bewoner.profiel.wat_heb_je_nodig = "Hulp met boodschappen."
    bewoner.profiel.save()
    hulpvraag = HulpvraagFactory(aanvrager=bewoner, titel="Boodschappen op dinsdag")
    HulpvraagFactory(aanvrager=bewoner, titel="Oude vraag", afgerond=True)
    groep = InitiatiefFactory(naam="Wandelgroep", organisatoren=[helper])
    activiteit = initiatieven_services.activiteit_create(
        initiatief=groep, door=helper, titel="Samen wandelen", begin=op(1, 10), einde=op(1, 11)
    )
    Aanmelding.objects.create(
        bijeenkomst=activiteit.bijeenkomsten.get(), user=bewoner, status="aangemeld"
    )
    ReserveringFactory(
        accommodatie=AccommodatieFactory(naam="Buurtzaal De Linde"),
        geboekt_door=bewoner,
        begin=op(2, 14),
        doel="Verjaardag",
    )
    Namens.objects.create(
        door=buurtassistent, voor=bewoner, wat=Namens.Wat.HULPVRAAG, omschrijving="Boodschappen"
    )

    pagina = client_for(buurtassistent).get(url("bewoner", bewoner.pk)).content.decode()

    for tekst in (
        "Gerda Offline",
        "030-1234567",
        "Lindelaan 12",
        "3541 AB",
        "Oud-Zuid",
        "geen e-mail",
        "Gegeven op maandag 4 maart, 09:00",
        "Bij de intake: Mondeling, bij een bezoek, op maandag 4 maart, 09:00, vastgelegd door Bas Assistent",
        "Hulp met boodschappen.",  # the private question
        "Samen wandelen",
        "Buurtzaal De Linde",
        "Verjaardag",
        "Intake aan de keukentafel.",
        "Hulpvraag geplaatst: Boodschappen",
    ):
        assert tekst in pagina, tekst
    assert "Oude vraag" not in pagina
    hulpvraag_url = _namens_url("buurtassistenten:hulpvraag", hulpvraag.pk) or (
        hulpvraag.get_absolute_url()
    )
    assert f'href="{hulpvraag_url}"' in pagina
    # The on-behalf actions that exist are offered; a resident without e-mail can take over.
    for naam in (
        "buurtassistenten:hulpvraag_namens",
        "buurtassistenten:aanmelden_namens",
        "buurtassistenten:reserveren_namens",
        "buurtassistenten:account_claimen",
    ):
        adres = _namens_url(naam, bewoner.pk)
        if adres:
            assert f'href="{adres}"' in pagina


def test_a_resident_with_e_mail_is_not_offered_an_account_transfer(
    client_for, buurtassistent, bewoner
):
    pagina = client_for(buurtassistent).get(url("bewoner", bewoner.pk)).content.decode()
    assert "bep@example.org" in pagina and "geen e-mail" not in pagina
    adres = _namens_url("buurtassistenten:account_claimen", bewoner.pk)
    if adres:
        assert adres not in pagina
    assert not Intake.objects.exists()


def test_the_page_keeps_its_query_count_with_many_contact_moments(
    client_for, bewoner, buurtassistent, wijkteam, django_assert_num_queries
):
    """1 or 50 contact moments (with follow-ups, referrals and actions on her behalf, by two
    buurtassistenten, some sensitive): the same number of queries, 23 with the request's own."""
    collega = UserFactory(rollen=[Rol.BUURTASSISTENT], with_mfa=True)
    client = client_for(buurtassistent)
    adres = url("bewoner", bewoner.pk)

    def maak(aantal):
        Contactmoment.objects.all().delete()
        Doorverwijzing.objects.all().delete()
        for i in range(aantal):
            moment = Contactmoment.objects.create(
                bewoner=bewoner,
                door=collega if i % 2 else buurtassistent,
                kanaal="telefoon",
                notitie=f"Notitie {i}",
                gevoelig=i % 3 == 0,
                datum=op(-i, 10),
            )
            Vervolg.objects.create(
                bewoner=bewoner, datum=op(i, 10).date(), reden="afspraak", contactmoment=moment
            )
            Namens.objects.create(door=collega, voor=bewoner, wat="hulpvraag", omschrijving=str(i))
            Doorverwijzing.objects.create(
                bewoner=bewoner, partner=wijkteam, behoefte="wonen", door=moment.door
            )

    maak(1)
    client.get(adres)  # warm up: session, caches
    with CaptureQueriesContext(connection) as een:
        assert client.get(adres).status_code == 200
    maak(50)
    with django_assert_num_queries(len(een.captured_queries)):
        response = client.get(adres)
    assert response.status_code == 200
    assert "Notitie 0" in response.content.decode()
    assert len(een.captured_queries) <= 30


# --- sensitive notes ---------------------------------------------------------------------------


def test_a_sensitive_note_shows_to_its_author_not_to_another_buurtassistent(
    client_for, zwerver, buurtassistent, andere_assistent
):
    # Zeno has no buurt: both may open his page, neither is assigned to him.
    client_for(andere_assistent).post(
        url("contactmoment", zwerver.pk),
        contact(notitie="Zorgen over geheugen.", gevoelig="on"),
    )
    notitie(andere_assistent, zwerver, "Komt graag naar de koffieochtend.", gevoelig=False)
    assert Contactmoment.objects.get(gevoelig=True).door == andere_assistent

    eigen = client_for(andere_assistent).get(url("bewoner", zwerver.pk)).content.decode()
    assert "Zorgen over geheugen." in eigen and GEVOELIG not in eigen

    ander = client_for(buurtassistent).get(url("bewoner", zwerver.pk)).content.decode()
    assert "Zorgen over geheugen." not in ander
    assert GEVOELIG in ander
    assert "Komt graag naar de koffieochtend." in ander  # not sensitive: everyone reads it


def test_the_assigned_buurtassistent_reads_a_sensitive_note(
    client_for, zwerver, buurt, buurtassistent, andere_assistent
):
    # Anna wrote it while Zeno had no buurt; now he lives in Oud-Zuid, Bas's buurt.
    notitie(andere_assistent, zwerver, "Zorgen over geheugen.")
    zwerver.profiel.buurt = buurt
    zwerver.profiel.save()

    pagina = client_for(buurtassistent).get(url("bewoner", zwerver.pk)).content.decode()
    assert "Zorgen over geheugen." in pagina and GEVOELIG not in pagina
    # Anna no longer works for Zeno.
    assert client_for(andere_assistent).get(url("bewoner", zwerver.pk)).status_code == 403


# --- contact moments and follow-ups ------------------------------------------------------------


def test_a_contact_moment_with_a_follow_up(client_for, bewoner, buurtassistent):
    client = client_for(buurtassistent)
    response = client.post(
        url("contactmoment", bewoner.pk),
        contact(kanaal="huisbezoek", soort="welkom", vervolg_op="2030-03-18"),
        follow=True,
    )
    assert response.redirect_chain[0][0] == url("bewoner", bewoner.pk) + "#contactmomenten"
    inhoud = response.content.decode()
    assert "Contactmoment opgeslagen. Het vervolg staat op maandag 18 maart." in inhoud

    moment = Contactmoment.objects.get()
    assert (moment.door, moment.kanaal, moment.soort) == (buurtassistent, "huisbezoek", "welkom")
    assert moment.datum == op(0, 8, 30)
    assert moment.notitie == "Belde over de tuin."
    vervolg = Vervolg.objects.get()
    assert (vervolg.datum, vervolg.contactmoment) == (date(2030, 3, 18), moment)
    assert "maandag 18 maart" in inhoud


@pytest.mark.parametrize(
    ("anders", "bericht"),
    [
        ({"datum": "2030-03-04T10:00"}, "Een contactmoment ligt niet in de toekomst."),
        ({"vervolg_op": "2030-03-03"}, "Kies voor het vervolg een datum vanaf vandaag."),
        ({"notitie": "x" * 1001}, "Dit is te lang: gebruik hoogstens 1000 tekens (nu 1001)."),
        ({"datum": "gisteren"}, "Vul een datum en tijd in"),
        ({"datum": ""}, "Vul in wanneer het contact was."),
        ({"kanaal": ""}, "Kies hoe je contact had."),
        ({"kanaal": "duif"}, "Kies uit de lijst hoe je contact had."),
        ({"vervolg_op": "volgende week"}, "Vul een datum in"),
    ],
)
def test_bad_contact_input_gets_a_dutch_error_and_saves_nothing(
    client_for, bewoner, buurtassistent, anders, bericht
):
    vervolg = Vervolg.objects.create(bewoner=bewoner, datum=START.date(), reden="afspraak")
    response = client_for(buurtassistent).post(url("contactmoment", bewoner.pk), contact(**anders))
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Er is iets niet goed ingevuld" in inhoud
    assert bericht in inhoud
    assert not Contactmoment.objects.exists()
    assert Vervolg.objects.get() == vervolg
    vervolg.refresh_from_db()
    assert vervolg.gedaan_op is None  # a due follow-up stays open
    if "notitie" not in anders:
        assert "Belde over de tuin." in inhoud  # the input is kept


def test_a_follow_up_is_marked_done(client_for, bewoner, buurtassistent, klok):
    vervolg = Vervolg.objects.create(
        bewoner=bewoner, datum=date(2030, 3, 1), reden=Vervolg.Reden.WELKOM_1
    )
    client = client_for(buurtassistent)
    pagina = client.get(url("bewoner", bewoner.pk)).content.decode()
    assert "Welkom: na 1 maand" in pagina and "te laat" in pagina
    assert url("vervolg_gedaan", vervolg.pk) in pagina

    klok.move_to(op(0, 11))
    response = client.post(url("vervolg_gedaan", vervolg.pk), follow=True)
    assert response.redirect_chain[0][0] == url("bewoner", bewoner.pk) + "#vervolgen"
    assert "Vervolg afgevinkt." in response.content.decode()
    vervolg.refresh_from_db()
    assert (vervolg.gedaan_op, vervolg.gedaan_door) == (op(0, 11), buurtassistent)
    assert url("vervolg_gedaan", vervolg.pk) not in response.content.decode()

    klok.move_to(op(0, 12))
    nog_eens = client.post(url("vervolg_gedaan", vervolg.pk), follow=True)
    assert "Dit vervolg was al gedaan." in nog_eens.content.decode()
    vervolg.refresh_from_db()
    assert vervolg.gedaan_op == op(0, 11)


def test_follow_up_done_needs_a_post(client_for, bewoner, buurtassistent):
    vervolg = Vervolg.objects.create(bewoner=bewoner, datum=START.date(), reden="afspraak")
    assert client_for(buurtassistent).get(url("vervolg_gedaan", vervolg.pk)).status_code == 405
    vervolg.refresh_from_db()
    assert vervolg.gedaan_op is None


# --- referrals ---------------------------------------------------------------------------------


def test_a_referral_and_its_status(client_for, bewoner, buurtassistent, wijkteam):
    client = client_for(buurtassistent)
    pagina = client.get(url("bewoner", bewoner.pk)).content.decode()
    assert "Wijkteam Oud-Zuid" in pagina and "Eenzaamheid en contact" in pagina

    response = client.post(
        url("doorverwijzing", bewoner.pk),
        {"doorverwijzing-partner": wijkteam.pk, "doorverwijzing-behoefte": "eenzaamheid"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == url("bewoner", bewoner.pk) + "#doorverwijzingen"
    assert "Doorverwezen naar Wijkteam Oud-Zuid." in response.content.decode()
    verwijzing = Doorverwijzing.objects.get()
    assert (verwijzing.partner, verwijzing.behoefte, verwijzing.door) == (
        wijkteam,
        "eenzaamheid",
        buurtassistent,
    )
    assert verwijzing.status == Doorverwijzing.Status.VERWEZEN

    response = client.post(
        url("doorverwijzing_status", verwijzing.pk),
        {f"status-{verwijzing.pk}-status": "opgepakt"},
        follow=True,
    )
    assert "De doorverwijzing naar Wijkteam Oud-Zuid is nu: opgepakt." in response.content.decode()
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.OPGEPAKT


@pytest.mark.parametrize(
    ("data", "bericht"),
    [
        ({"doorverwijzing-behoefte": "zorg"}, "Kies een partner."),
        ({"doorverwijzing-partner": "gestopt", "doorverwijzing-behoefte": "zorg"}, "uit de lijst"),
        ({"doorverwijzing-partner": "wijkteam"}, "Kies waar de vraag over gaat."),
        (
            {
                "doorverwijzing-partner": "wijkteam",
                "doorverwijzing-behoefte": "beginnende dementie",
            },
            "Kies een soort vraag uit de lijst.",
        ),
    ],
)
def test_a_bad_referral_gets_a_dutch_error_and_saves_nothing(
    client_for, bewoner, buurtassistent, wijkteam, data, bericht
):
    gestopt = Wijkpartner.objects.create(naam="Oude stichting", soort="welzijn", actief=False)
    partners = {"wijkteam": str(wijkteam.pk), "gestopt": str(gestopt.pk)}
    data = {k: partners.get(v, v) for k, v in data.items()}
    response = client_for(buurtassistent).post(url("doorverwijzing", bewoner.pk), data)
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Er is iets niet goed ingevuld" in inhoud and bericht in inhoud
    assert not Doorverwijzing.objects.exists()
    # The partner that stopped is not offered.
    assert "Oude stichting" not in inhoud


def test_a_bad_referral_status_changes_nothing(client_for, bewoner, buurtassistent, wijkteam):
    verwijzing = services.doorverwijzing_create(
        door=buurtassistent, bewoner=bewoner, partner=wijkteam, behoefte="wonen"
    )
    response = client_for(buurtassistent).post(
        url("doorverwijzing_status", verwijzing.pk), {f"status-{verwijzing.pk}-status": "weg"}
    )
    assert response.status_code == 400
    assert "Kies een status uit de lijst." in response.content.decode()
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VERWEZEN


# --- partners ----------------------------------------------------------------------------------


def test_a_buurtassistent_adds_and_changes_a_partner(client_for, buurtassistent, buurt, bewoner):
    client = client_for(buurtassistent)
    assert client.get(url("partners")).status_code == 200
    response = client.post(
        url("partners"),
        {
            "naam": "Huisartsenpraktijk De Linde",
            "soort": "huisarts",
            "contact": "030-7654321, spreekuur om 8 uur",
            "buurten": [buurt.pk],
            "actief": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == url("partners")
    partner = Wijkpartner.objects.get()
    assert (partner.naam, partner.soort, list(partner.buurten.all()), partner.actief) == (
        "Huisartsenpraktijk De Linde",
        "huisarts",
        [buurt],
        True,
    )
    lijst = client.get(url("partners")).content.decode()
    assert "Huisartsenpraktijk De Linde" in lijst and "spreekuur om 8 uur" in lijst

    edit = url("partner", partner.pk)
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"naam": "Huisartsenpraktijk De Linde", "soort": "huisarts", "contact": ""}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.actief is False and partner.contact == ""
    # A partner we stopped working with is no longer offered for a referral.
    pagina = client.get(url("bewoner", bewoner.pk)).content.decode()
    assert "Huisartsenpraktijk De Linde" not in pagina


@pytest.mark.parametrize(
    ("anders", "bericht"),
    [
        ({"naam": ""}, "Vul de naam van de organisatie in."),
        ({"naam": "wijkteam oud-zuid"}, "Deze partner staat al in de lijst."),
        ({"naam": "x" * 151}, "Dit is te lang: gebruik hoogstens 150 tekens (nu 151)."),
        ({"contact": "x" * 501}, "Dit is te lang: gebruik hoogstens 500 tekens (nu 501)."),
        ({"soort": ""}, "Kies de soort partner."),
        ({"soort": "kapper"}, "Kies de soort partner uit de lijst."),
        ({"buurten": ["999999"]}, "Kies buurten uit de lijst."),
    ],
)
def test_bad_partner_input_gets_a_dutch_error_and_saves_nothing(
    client_for, buurtassistent, wijkteam, anders, bericht
):
    data = {"naam": "Welzijn Utrecht", "soort": "welzijn", "contact": "", "actief": "on"}
    data.update(anders)
    client = client_for(buurtassistent)

    nieuw = client.post(url("partners"), data)
    assert nieuw.status_code == 400
    assert "Er is iets niet goed ingevuld" in nieuw.content.decode()
    assert bericht in nieuw.content.decode()
    assert Wijkpartner.objects.count() == 1

    andere = Wijkpartner.objects.create(naam="Stichting Welzijn", soort="welzijn")
    bewerkt = client.post(url("partner", andere.pk), data)
    assert bewerkt.status_code == 400 and bericht in bewerkt.content.decode()
    andere.refresh_from_db()
    assert (andere.naam, andere.soort, andere.contact) == ("Stichting Welzijn", "welzijn", "")


def test_a_partner_keeps_its_own_name(client_for, buurtassistent, wijkteam):
    response = client_for(buurtassistent).post(
        url("partner", wijkteam.pk),
        {"naam": "Wijkteam Oud-Zuid", "soort": "wijkteam", "contact": "Bel 14030", "actief": "on"},
    )
    assert response.status_code == 302
    wijkteam.refresh_from_db()
    assert wijkteam.contact == "Bel 14030"


# --- finding a resident ------------------------------------------------------------------------


def test_search_by_name_phone_and_postcode(client_for, buurtassistent, bewoner, helper):
    bewoner.profiel.telefoon = "06-12345678"
    bewoner.profiel.postcode = "3541 AB"
    bewoner.profiel.save()
    client = client_for(buurtassistent)

    for zoek in ("bep", "Bep Jansen", "0612345678", "06 1234 5678", "3541ab", "3541 AB"):
        inhoud = client.get(url("bewoners"), {"q": zoek}).content.decode()
        assert url("bewoner", bewoner.pk) in inhoud, zoek
        assert "Henk" not in inhoud, zoek
    niemand = client.get(url("bewoners"), {"q": "Pietersen"}).content.decode()
    assert "Niemand gevonden" in niemand

    alles = client.get(url("bewoners")).content.decode()
    assert "Bep Jansen" in alles and "Henk de Vries" in alles


def test_search_stays_in_the_werkgebied_unless_asked(
    client_for, buurtassistent, bewoner, outsider, zwerver, andere_assistent
):
    client = client_for(buurtassistent)
    eigen = client.get(url("bewoners")).content.decode()
    assert "Bep Jansen" in eigen and "Zeno Zonderbuurt" in eigen
    assert "Olga" not in eigen

    alle = client.get(url("bewoners"), {"q": "olga", "alle": "on"}).content.decode()
    # Someone of another buurt: by first name only (bewoners.permissions), no phone or postcode.
    assert "Olga" in alle and "Buiten" not in alle
    assert url("bewoner", outsider.pk) not in alle  # not hers to open
    # Whom to ask instead: the assistant of her buurt, by first name (docs/toegang.md: an
    # assistant of another buurt sees what any resident sees; the full name is contact data).
    assert "Anna" in alle and "Anna Anders" not in alle
    assert client.get(url("bewoner", outsider.pk)).status_code == 403


def test_whole_wijk_search_does_not_match_phone_or_postcode_of_other_buurten(
    client_for, buurtassistent, bewoner, outsider, andere_assistent
):
    """A hit on a number would tell whose number it is (issue 12: only through the rule)."""
    outsider.profiel.telefoon = "06-99887766"
    outsider.profiel.postcode = "3543 ZZ"
    outsider.profiel.save()
    bewoner.profiel.telefoon = "06-11223344"
    bewoner.profiel.save()
    client = client_for(buurtassistent)
    for zoek in ("0699887766", "3543zz"):
        inhoud = client.get(url("bewoners"), {"q": zoek, "alle": "on"}).content.decode()
        assert "Olga" not in inhoud and "Niemand gevonden" in inhoud, zoek
    eigen = client.get(url("bewoners"), {"q": "0611223344", "alle": "on"}).content.decode()
    assert url("bewoner", bewoner.pk) in eigen
    # By name the resident of another buurt is still found (to know whom to ask instead).
    assert "Olga" in client.get(url("bewoners"), {"q": "olga", "alle": "on"}).content.decode()


def test_search_with_htmx_returns_only_the_list(client_for, buurtassistent, bewoner):
    response = client_for(buurtassistent).get(url("bewoners"), {"q": "bep"}, HTTP_HX_REQUEST="true")
    inhoud = response.content.decode()
    assert '<section id="bewoners-lijst"' in inhoud and "<html" not in inhoud
    assert "Bep Jansen" in inhoud


def test_search_keeps_its_query_count(
    client_for, buurtassistent, andere_buurt, andere_assistent, django_assert_num_queries
):
    client = client_for(buurtassistent)
    client.get(url("bewoners"))  # warm up: session, caches
    with CaptureQueriesContext(connection) as leeg:
        client.get(url("bewoners"), {"alle": "on"})
    for i in range(30):
        UserFactory(profiel__buurt=andere_buurt if i % 2 else None)
    with django_assert_num_queries(len(leeg.captured_queries)):
        response = client.get(url("bewoners"), {"alle": "on"})
    assert response.status_code == 200
    assert "20 bewoners" not in response.content.decode()  # one page of many
    # 10, plus what the viewer may see of the rows (werkgebied, and the relations of the rows
    # outside it), the same for 1 row or a page full.
    assert len(leeg.captured_queries) <= 15
