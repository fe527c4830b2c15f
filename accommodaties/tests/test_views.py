"""Pages for facilities and bookings: what each person sees and may do, bad input, query counts."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from accommodaties import services
from accommodaties.models import Accommodatie, Openingstijd, Reservering, Sluiting
from accommodaties.tests.factories import ELKE_DAG_8_TOT_22, AccommodatieFactory
from accommodaties.tests.hulp import AMS, op
from bewoners.tests.factories import UserFactory
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def kees(db):
    """Keeper of the hall."""
    return UserFactory(first_name="Kees", last_name="Sleutel", email="kees@example.org")


@pytest.fixture
def zaal(kees, buurt):
    return AccommodatieFactory(
        slug="buurtzaal-de-linde",
        buurt=buurt,
        adres="Lindelaan 1",
        huisregels="Laat de zaal netjes achter.",
        beheerders=[kees],
        openingstijden=ELKE_DAG_8_TOT_22[:6],  # closed on Sundays
    )


def boek(zaal, wie, begin, einde, doel="Koffieochtend", aantal=5):
    return services.reservering_create(
        accommodatie=zaal, door=wie, begin=begin, einde=einde, aantal_personen=aantal, doel=doel
    )


def formulier(**anders):
    data = {
        "datum": "2030-03-06",
        "van": "10:00",
        "tot": "12:00",
        "aantal_personen": "8",
        "doel": "Breiclub",
        "namens": "",
        "herhalen": "0",
        "tot_en_met": "",
    }
    data.update(anders)
    return data


# --- who may see what --------------------------------------------------------------------------


def test_pages_need_a_login(client, zaal):
    for url in (
        reverse("accommodaties:list"),
        zaal.get_absolute_url(),
        reverse("accommodaties:reserveren", args=[zaal.slug]),
        reverse("accommodaties:mijn"),
        reverse("accommodaties:beheer"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_the_list_shows_active_facilities_and_filters(client_for, bewoner, zaal, andere_buurt):
    Accommodatie.objects.create(
        naam="Oude gymzaal", slug="oude-gymzaal", capaciteit=5, actief=False
    )
    Accommodatie.objects.create(
        naam="Zwembad", slug="zwembad", capaciteit=30, buurt=andere_buurt, rolstoeltoegankelijk=True
    )
    client = client_for(bewoner)

    inhoud = client.get(reverse("accommodaties:list")).content.decode()
    assert "Buurtzaal De Linde" in inhoud and "Zwembad" in inhoud
    assert "Oude gymzaal" not in inhoud

    gefilterd = client.get(
        reverse("accommodaties:list"), {"rolstoeltoegankelijk": "on", "capaciteit": "25"}
    ).content.decode()
    assert "Zwembad" in gefilterd and "Buurtzaal De Linde" not in gefilterd


def test_residents_see_busy_but_not_who_booked(client_for, bewoner, helper, zaal, kees):
    boek(zaal, helper, op(1, 10), op(1, 12), doel="Geheime verjaardag")
    client = client_for(bewoner)

    for weergave in ("", "lijst"):
        inhoud = client.get(zaal.get_absolute_url(), {"weergave": weergave}).content.decode()
        assert "bezet" in inhoud
        assert "Henk" not in inhoud and "Geheime verjaardag" not in inhoud

    keeper = client_for(kees).get(zaal.get_absolute_url(), {"weergave": "lijst"}).content.decode()
    assert "Henk" in keeper and "Geheime verjaardag" in keeper


def test_a_free_slot_links_to_the_booking_form_with_that_time(client_for, bewoner, zaal):
    inhoud = client_for(bewoner).get(zaal.get_absolute_url()).content.decode()
    link = (
        reverse("accommodaties:reserveren", args=[zaal.slug]) + "?datum=2030-03-05&amp;van=10%3A00"
    )
    assert link in inhoud

    # The list (for phones and without the grid) offers each start time of a free stretch.
    assert 'aria-label="Boek dinsdag 5 maart vanaf 10:00"' in inhoud
    assert 'aria-label="Boek dinsdag 5 maart vanaf 21:30"' in inhoud  # 30 minutes still fit
    assert "vanaf 22:00" not in inhoud

    formulier_pagina = client_for(bewoner).get(
        reverse("accommodaties:reserveren", args=[zaal.slug]),
        {"datum": "2030-03-05", "van": "10:00", "tot": "11:00"},
    )
    assert 'value="2030-03-05"' in formulier_pagina.content.decode()
    assert 'value="10:00"' in formulier_pagina.content.decode()


def test_week_navigation_with_htmx_returns_only_the_week(client_for, bewoner, zaal):
    client = client_for(bewoner)
    volgende = client.get(zaal.get_absolute_url(), {"week": "2030-03-13"}, HTTP_HX_REQUEST="true")
    inhoud = volgende.content.decode()
    assert '<section id="week"' in inhoud and "<html" not in inhoud
    assert "11 maart" in inhoud  # the week starts on that Monday
    gewoon = client.get(zaal.get_absolute_url(), {"week": "2030-03-13"}).content.decode()
    assert "<html" in gewoon and "11 maart" in gewoon


def test_a_closure_shows_in_the_calendar(client_for, bewoner, zaal):
    Sluiting.objects.create(accommodatie=zaal, van=op(2, 0), tot=op(3, 0), reden="Schilderwerk")
    inhoud = client_for(bewoner).get(zaal.get_absolute_url(), {"weergave": "lijst"})
    assert "Schilderwerk" in inhoud.content.decode()


@pytest.mark.parametrize("weergave", ["", "lijst"])
def test_the_week_calendar_keeps_its_query_count(
    client_for, kees, zaal, django_assert_num_queries, weergave
):
    """1 booking or 500 in the week shown: the same number of queries (keeper's view, with names)."""
    client = client_for(kees)
    boekers = [UserFactory() for _ in range(5)]

    def maak(n):
        Reservering.objects.filter(accommodatie=zaal).delete()
        rijen = []
        for i in range(n):
            begin = op(0, 8) + timedelta(minutes=10 * (i % 84)) + timedelta(days=i // 84)
            rijen.append(
                Reservering(
                    accommodatie=zaal,
                    geboekt_door=boekers[i % 5],
                    begin=begin,
                    einde=begin + timedelta(minutes=10),
                    bezet_tot=begin + timedelta(minutes=10),
                    aantal_personen=1,
                    doel=f"Boeking {i}",
                    status=Reservering.Status.BEVESTIGD,
                )
            )
        Reservering.objects.bulk_create(rijen)

    url = zaal.get_absolute_url()
    maak(1)
    client.get(url)  # warm up: session, caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        assert client.get(url, {"weergave": weergave}).status_code == 200
    maak(500)
    with django_assert_num_queries(len(een.captured_queries)):
        response = client.get(url, {"weergave": weergave})
    assert response.status_code == 200
    if weergave:
        assert "Boeking 499" in response.content.decode()


# --- booking -----------------------------------------------------------------------------------


def test_booking_through_the_form(client_for, bewoner, zaal, kees):
    response = client_for(bewoner).post(
        reverse("accommodaties:reserveren", args=[zaal.slug]), formulier()
    )
    reservering = Reservering.objects.get()
    assert response.status_code == 302 and response["Location"] == reservering.get_absolute_url()
    assert reservering.begin == op(2, 10) and reservering.einde == op(2, 12)
    assert reservering.status == Reservering.Status.AANGEVRAAGD
    melding = Melding.objects.get(ontvanger=kees, soort="reservering_aanvraag")
    assert melding.url == reverse("accommodaties:beheer")


@pytest.mark.parametrize(
    ("anders", "bericht"),
    [
        ({"tot": "09:00"}, "Het einde moet na het begin liggen"),
        ({"van": "21:00", "tot": "23:00"}, "niet open"),
        ({"datum": "2030-03-10"}, "niet open"),  # a Sunday
        ({"tot": "15:00"}, "hoogstens 240 minuten"),
        ({"tot": "10:15"}, "minstens 30 minuten"),
        ({"datum": "2030-07-01"}, "Zo ver vooruit"),
        ({"datum": "2030-03-04", "van": "08:00", "tot": "08:45"}, "al voorbij"),
        ({"aantal_personen": "21"}, "hoogstens 20 mensen"),
        ({"aantal_personen": "0"}, "minstens 1"),
        ({"doel": ""}, "verplicht"),
        ({"datum": "morgen"}, "Vul een datum in"),
        ({"herhalen": "1", "tot_en_met": ""}, "Tot wanneer"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_saves_nothing(client_for, bewoner, zaal, anders, bericht):
    response = client_for(bewoner).post(
        reverse("accommodaties:reserveren", args=[zaal.slug]), formulier(**anders)
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Er is iets niet goed ingevuld" in inhoud
    assert bericht in inhoud
    assert not Reservering.objects.exists()
    # The input is kept.
    assert 'value="Breiclub"' in inhoud or anders.get("doel") == ""


def test_a_closure_and_an_overlap_are_refused(client_for, bewoner, helper, zaal):
    Sluiting.objects.create(accommodatie=zaal, van=op(3, 0), tot=op(4, 0), reden="Onderhoud")
    boek(zaal, helper, op(2, 11), op(2, 13))
    client = client_for(bewoner)

    dicht = client.post(
        reverse("accommodaties:reserveren", args=[zaal.slug]), formulier(datum="2030-03-07")
    )
    assert "De ruimte is dan dicht: Onderhoud" in dicht.content.decode()
    bezet = client.post(reverse("accommodaties:reserveren", args=[zaal.slug]), formulier())
    assert "Deze tijd is al bezet" in bezet.content.decode()
    assert Reservering.objects.count() == 1


def test_a_series_with_a_taken_date_shows_it_and_books_the_rest_on_request(
    client_for, bewoner, helper, zaal
):
    boek(zaal, helper, op(9, 10), op(9, 11))  # Wednesday 13 March
    client = client_for(bewoner)
    url = reverse("accommodaties:reserveren", args=[zaal.slug])
    data = formulier(herhalen="1", tot_en_met="2030-03-27")

    eerst = client.post(url, data)
    inhoud = eerst.content.decode()
    assert "Niet alle datums zijn vrij" in inhoud and "13 maart" in inhoud
    assert Reservering.objects.filter(geboekt_door=bewoner).count() == 0

    daarna = client.post(url, {**data, "alleen_vrije": "on"})
    assert daarna.status_code == 302
    data_geboekt = sorted(
        r.begin.astimezone(AMS).day for r in Reservering.objects.filter(geboekt_door=bewoner)
    )
    assert data_geboekt == [6, 20, 27]


# --- one booking -------------------------------------------------------------------------------


def test_someone_elses_booking_is_a_404_and_stays_as_it_was(client_for, bewoner, outsider, zaal):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    client = client_for(outsider)
    assert client.get(reservering.get_absolute_url()).status_code == 404
    for naam in ("afzeggen", "goedkeuren", "weigeren", "verplaatsen"):
        response = client.post(
            reverse(f"accommodaties:{naam}", args=[reservering.pk]),
            {"afzeggen-reden": "weg", "weigeren-reden": "nee", **formulier(datum="2030-03-07")},
        )
        assert response.status_code == 404
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD
    assert reservering.begin == op(2, 10)


def test_the_booker_may_not_approve_their_own_request(client_for, bewoner, zaal):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    response = client_for(bewoner).post(reverse("accommodaties:goedkeuren", args=[reservering.pk]))
    assert response.status_code == 403
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD


def test_keeper_approves_and_the_resident_sees_it_confirmed(client_for, bewoner, zaal, kees):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    keeper = client_for(kees)
    overzicht = keeper.get(reverse("accommodaties:beheer")).content.decode()
    assert "1 aanvraag wacht op jou" in overzicht and "Bep" in overzicht

    response = keeper.post(
        reverse("accommodaties:goedkeuren", args=[reservering.pk]), {"next": "beheer"}
    )
    assert response["Location"] == reverse("accommodaties:beheer")
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.BEVESTIGD
    melding = Melding.objects.get(ontvanger=bewoner, soort="reservering_besluit")
    assert melding.url == reservering.get_absolute_url()

    pagina = client_for(bewoner).get(reservering.get_absolute_url()).content.decode()
    assert "Bevestigd" in pagina
    # Inside an active booking, the booker can reach the keeper.
    assert "kees@example.org" in pagina


def test_refusing_needs_a_reason(client_for, bewoner, zaal, kees):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    keeper = client_for(kees)
    leeg = keeper.post(
        reverse("accommodaties:weigeren", args=[reservering.pk]), {"weigeren-reden": ""}
    )
    assert leeg.status_code == 400 and "Schrijf kort op waarom" in leeg.content.decode()
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD

    keeper.post(
        reverse("accommodaties:weigeren", args=[reservering.pk]),
        {"weigeren-reden": "Dan is er een buurtfeest."},
    )
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEWEIGERD
    assert "buurtfeest" in client_for(bewoner).get(reservering.get_absolute_url()).content.decode()


def test_cancelling_after_the_deadline_is_refused_and_changes_nothing(
    client_for, bewoner, zaal, klok
):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    klok.move_to(op(1, 12))  # 22 hours before
    response = client_for(bewoner).post(
        reverse("accommodaties:afzeggen", args=[reservering.pk]),
        {"afzeggen-reden": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reservering.get_absolute_url()
    assert "Afzeggen kan tot 24 uur van tevoren" in response.content.decode()
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.AANGEVRAAGD


def test_the_booker_cancels_in_time_and_the_keeper_hears(client_for, bewoner, zaal, kees):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    response = client_for(bewoner).post(
        reverse("accommodaties:afzeggen", args=[reservering.pk]), {"afzeggen-reden": ""}
    )
    assert response.status_code == 302
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEANNULEERD
    assert Melding.objects.filter(ontvanger=kees, soort="reservering_geannuleerd").exists()


def test_a_keeper_cancels_with_a_reason(client_for, bewoner, zaal, kees):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    keeper = client_for(kees)
    zonder = keeper.post(
        reverse("accommodaties:afzeggen", args=[reservering.pk]), {"afzeggen-reden": ""}
    )
    assert zonder.status_code == 400
    keeper.post(
        reverse("accommodaties:afzeggen", args=[reservering.pk]),
        {"afzeggen-reden": "Lekkage in het dak."},
    )
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.GEANNULEERD
    melding = Melding.objects.get(ontvanger=bewoner, soort="reservering_geannuleerd")
    assert "Lekkage" in melding.tekst


def test_moving_one_date_keeps_the_rules(client_for, bewoner, helper, zaal, kees):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    services.reservering_approve(reservering=reservering, door=kees)
    boek(zaal, helper, op(3, 10), op(3, 12))
    client = client_for(bewoner)
    url = reverse("accommodaties:verplaatsen", args=[reservering.pk])

    bezet = client.post(url, formulier(datum="2030-03-07", van="11:00", tot="12:00"))
    assert "Deze tijd is al bezet" in bezet.content.decode()
    reservering.refresh_from_db()
    assert reservering.begin == op(2, 10) and reservering.status == Reservering.Status.BEVESTIGD

    client.post(url, formulier(datum="2030-03-08", van="14:00", tot="15:30", aantal_personen="4"))
    reservering.refresh_from_db()
    assert (reservering.begin, reservering.einde) == (op(4, 14), op(4, 15, 30))
    assert reservering.bezet_tot == op(4, 15, 45)
    assert reservering.aantal_personen == 4
    # The keeper approves the new time again.
    assert reservering.status == Reservering.Status.AANGEVRAAGD
    assert Melding.objects.filter(ontvanger=kees, titel__contains="verplaatst").exists()


# --- my bookings and the keeper's overview -----------------------------------------------------


def test_my_bookings_lists_coming_and_past(client_for, bewoner, zaal, klok):
    boek(zaal, bewoner, op(2, 10), op(2, 12), doel="Dansles")
    boek(zaal, bewoner, op(1, 10), op(1, 11), doel="Bijles")
    klok.move_to(op(1, 15))
    inhoud = client_for(bewoner).get(reverse("accommodaties:mijn")).content.decode()
    komend, eerder = inhoud.split("Eerder", 1)
    assert "Dansles" in komend and "Bijles" in eerder
    assert reverse("accommodaties:mijn_agenda") in inhoud


def test_keeper_pages_refuse_residents(client_for, bewoner, bestuurslid, zaal):
    for wie in (bewoner, bestuurslid):
        assert client_for(wie).get(reverse("accommodaties:beheer")).status_code == 403


def test_the_keeper_overview_shows_only_own_facilities(client_for, bewoner, zaal, kees):
    ander = Accommodatie.objects.create(naam="Sporthal", slug="sporthal", capaciteit=50)
    for dag in range(7):
        Openingstijd.objects.create(accommodatie=ander, weekdag=dag, van=time(8), tot=time(22))
    boek(zaal, bewoner, op(2, 10), op(2, 12), doel="In de zaal")
    boek(ander, bewoner, op(2, 10), op(2, 12), doel="In de sporthal")
    inhoud = client_for(kees).get(reverse("accommodaties:beheer")).content.decode()
    assert "In de zaal" in inhoud and "In de sporthal" not in inhoud


def test_the_keeper_overview_keeps_its_query_count(
    client_for, kees, zaal, django_assert_max_num_queries
):
    boekers = [UserFactory() for _ in range(3)]
    for i in range(30):
        boek(zaal, boekers[i % 3], op(1 + i // 6, 8 + 2 * (i % 6)), op(1 + i // 6, 9 + 2 * (i % 6)))
    client = client_for(kees)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("accommodaties:beheer"))
    assert "30 aanvragen wachten op jou" in response.content.decode()


def test_reserved_words_cannot_be_a_slug(zaal):
    from django.core.exceptions import ValidationError

    zaal.slug = "beheer"
    with pytest.raises(ValidationError):
        zaal.full_clean()


# --- keepers edit their facility ---------------------------------------------------------------


def _bewerk_data(zaal, **anders):
    data = {
        "beschrijving": "Grote zaal met keuken.",
        "adres": "Lindelaan 1",
        "capaciteit": "30",
        "rolstoeltoegankelijk": "on",
        "toegankelijkheid": "",
        "huisregels": "Na 22 uur stil.",
        "prijsinformatie": "Gratis voor bewoners.",
        "wie_mag_boeken": "alle_bewoners",
        "goedkeuring_nodig": "on",
        "min_duur_minuten": "30",
        "max_duur_minuten": "240",
        "buffer_minuten": "15",
        "vooruit_dagen": "90",
        "annuleren_uren_vooraf": "24",
        "dicht-TOTAL_FORMS": "1",
        "dicht-INITIAL_FORMS": "0",
        "dicht-0-van": "2030-03-20T00:00",
        "dicht-0-tot": "2030-03-21T00:00",
        "dicht-0-reden": "Schoonmaak",
    }
    tijden = list(zaal.openingstijden.all())
    data["open-TOTAL_FORMS"] = str(len(tijden) + 1)
    data["open-INITIAL_FORMS"] = str(len(tijden))
    for i, t in enumerate(tijden):
        data[f"open-{i}-id"] = str(t.pk)
        data[f"open-{i}-accommodatie"] = str(zaal.pk)
        data[f"open-{i}-weekdag"] = str(t.weekdag)
        data[f"open-{i}-van"] = f"{t.van:%H:%M}"
        data[f"open-{i}-tot"] = f"{t.tot:%H:%M}"
    n = len(tijden)
    data.update({f"open-{n}-weekdag": "6", f"open-{n}-van": "12:00", f"open-{n}-tot": "17:00"})
    data.update(anders)
    return data


def test_a_keeper_sets_rules_opening_hours_and_closures(client_for, kees, zaal):
    url = reverse("accommodaties:bewerken", args=[zaal.slug])
    client = client_for(kees)
    assert client.get(url).status_code == 200
    response = client.post(url, _bewerk_data(zaal, **{"open-0-DELETE": "on"}))
    assert response.status_code == 302
    zaal.refresh_from_db()
    assert zaal.capaciteit == 30 and zaal.huisregels == "Na 22 uur stil."
    dagen = sorted(zaal.openingstijden.values_list("weekdag", flat=True))
    assert dagen == [1, 2, 3, 4, 5, 6]  # Monday removed, Sunday afternoon added
    assert zaal.sluitingen.get().reden == "Schoonmaak"


def test_editing_with_mistakes_saves_nothing(client_for, kees, zaal):
    url = reverse("accommodaties:bewerken", args=[zaal.slug])
    response = client_for(kees).post(
        url,
        _bewerk_data(zaal, capaciteit="40", max_duur_minuten="20", **{"open-6-tot": "11:00"}),
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "De langste boeking moet minstens zo lang zijn als de kortste." in inhoud
    assert "De sluitingstijd moet na de openingstijd liggen." in inhoud
    zaal.refresh_from_db()
    assert zaal.capaciteit == 20 and zaal.openingstijden.count() == 6
    assert not zaal.sluitingen.exists()


def test_only_keepers_edit_a_facility(client_for, bewoner, outsider, zaal):
    url = reverse("accommodaties:bewerken", args=[zaal.slug])
    for wie in (bewoner, outsider):
        assert client_for(wie).get(url).status_code == 403
        assert client_for(wie).post(url, _bewerk_data(zaal)).status_code == 403
    zaal.refresh_from_db()
    assert zaal.capaciteit == 20


def test_who_may_not_book_sees_why_instead_of_a_form(client_for, bewoner, zaal, kees):
    zaal.wie_mag_boeken = "beheerders"
    zaal.save()
    client = client_for(bewoner)
    pagina = client.get(zaal.get_absolute_url()).content.decode()
    assert "Deze ruimte boeken alleen beheerders" in pagina
    assert "Deze ruimte boeken</a>" not in pagina
    formulier_pagina = client.get(reverse("accommodaties:reserveren", args=[zaal.slug]))
    assert formulier_pagina.status_code == 403
    assert (
        client.post(reverse("accommodaties:reserveren", args=[zaal.slug]), formulier()).status_code
        == 403
    )
    assert not Reservering.objects.exists()
    # The keeper books it.
    client_for(kees).post(reverse("accommodaties:reserveren", args=[zaal.slug]), formulier())
    assert Reservering.objects.get().status == Reservering.Status.BEVESTIGD


def test_without_consent_the_page_says_so(client_for, bewoner, zaal):
    bewoner.profiel.withdraw_consent()
    pagina = client_for(bewoner).get(zaal.get_absolute_url()).content.decode()
    assert "Geef eerst toestemming in je profiel" in pagina
    assert reverse("bewoners:consent") in pagina


@pytest.mark.parametrize("week", ["morgen", "2030-02-31", "9999-12-31", "0001-01-01", ""])
def test_a_strange_week_in_the_address_shows_this_week(client_for, bewoner, zaal, week):
    response = client_for(bewoner).get(zaal.get_absolute_url(), {"week": week})
    assert response.status_code == 200
    assert "4 maart" in response.content.decode()  # the Monday of this week


def test_a_strange_date_in_the_booking_link_is_ignored(client_for, bewoner, zaal):
    response = client_for(bewoner).get(
        reverse("accommodaties:reserveren", args=[zaal.slug]),
        {"datum": "2030-02-31", "van": "25:00", "tot": "x"},
    )
    assert response.status_code == 200
