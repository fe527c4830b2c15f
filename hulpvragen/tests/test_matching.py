"""The matching engine: scoring (``matching.score``), hard constraints (``matching.candidates``)
and the number of queries the engine needs.

Requests and offers are made through the services, so these tests exercise them too.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bewoners.availability import ALL, bit
from bewoners.services import profiel_gewijzigd
from bewoners.tests.factories import UserFactory
from hulpvragen import matching, services
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import MatchFactory
from hulpvragen.tests.hulp import cat, vraag

pytestmark = pytest.mark.django_db


def aanbod(helper, *, categorieen=("vervoer",), beschikbaarheid=ALL, bereik="overal", **kw):
    return services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[cat(c) for c in categorieen],
        beschikbaarheid=beschikbaarheid,
        bereik=bereik,
        max_per_week=kw.pop("max_per_week", 2),
        **kw,
    )


def helper_ids(hulpvraag):
    return {k.helper_id for k in matching.candidates(hulpvraag)}


# --- scoring ----------------------------------------------------------------------------------


def kandidaat(**kw):
    facts = {
        "helper_id": 1,
        "aanbod_id": 1,
        "expliciet": True,
        "zelfde_buurt": False,
        "buurt_in_bereik": False,
        "beschikbaarheid": ALL,
        "belasting": 0,
        "hielp_eerder": False,
    }
    return matching.Kandidaat(**{**facts, **kw})


@pytest.fixture
def losse_vraag():
    """An unsaved request for maandagochtend, just posted: scoring needs no database rows."""
    return Hulpvraag(categorie=cat(), dagdelen=bit(0, 0), aangemaakt_op=timezone.now())


def test_score_categorie_named_by_offer_beats_profile_skill(losse_vraag):
    expliciet = matching.score(kandidaat(expliciet=True), losse_vraag)
    via_profiel = matching.score(kandidaat(expliciet=False), losse_vraag)

    assert expliciet.delen["categorie"] == 1.0
    assert via_profiel.delen["categorie"] == 0.6
    assert expliciet.score > via_profiel.score


def test_score_nabijheid_same_buurt_named_buurt_overal(losse_vraag):
    zelfde = matching.score(kandidaat(zelfde_buurt=True), losse_vraag)
    genoemd = matching.score(kandidaat(buurt_in_bereik=True), losse_vraag)
    overal = matching.score(kandidaat(), losse_vraag)

    assert [zelfde.delen["nabijheid"], genoemd.delen["nabijheid"], overal.delen["nabijheid"]] == [
        1.0,
        0.6,
        0.3,
    ]
    assert zelfde.score > genoemd.score > overal.score
    assert "zelfde buurt" in zelfde.uitleg
    assert "helpt ook in deze buurt" in genoemd.uitleg
    assert not {"zelfde buurt", "helpt ook in deze buurt"} & set(overal.uitleg)


def test_score_beschikbaarheid_is_the_share_of_requested_parts():
    vraag = Hulpvraag(categorie=cat(), dagdelen=bit(0, 0) | bit(0, 1), aangemaakt_op=timezone.now())
    beide = matching.score(kandidaat(beschikbaarheid=bit(0, 0) | bit(0, 1)), vraag)
    half = matching.score(kandidaat(beschikbaarheid=bit(0, 0) | bit(3, 2)), vraag)

    assert beide.delen["beschikbaarheid"] == 1.0
    assert "tijd past" in beide.uitleg
    assert half.delen["beschikbaarheid"] == 0.5
    assert "tijd past" not in half.uitleg
    assert beide.score > half.score


def test_score_continuiteit(losse_vraag):
    eerder = matching.score(kandidaat(hielp_eerder=True), losse_vraag)
    nieuw = matching.score(kandidaat(hielp_eerder=False), losse_vraag)

    assert (eerder.delen["continuiteit"], nieuw.delen["continuiteit"]) == (1.0, 0.0)
    assert "hielp eerder" in eerder.uitleg and "hielp eerder" not in nieuw.uitleg
    assert eerder.score > nieuw.score


def test_score_belasting_decreases_with_recent_matches(losse_vraag):
    delen = [
        matching.score(kandidaat(belasting=n), losse_vraag).delen["belasting"] for n in (0, 1, 3)
    ]
    scores = [matching.score(kandidaat(belasting=n), losse_vraag).score for n in (0, 1, 3)]

    assert delen == [1.0, 0.5, 0.25]
    assert scores[0] > scores[1] > scores[2]
    assert "nog weinig gevraagd" in matching.score(kandidaat(belasting=0), losse_vraag).uitleg


def test_score_wachttijd_grows_with_the_age_of_the_request():
    with time_machine.travel(timezone.now(), tick=False) as reis:
        vraag = Hulpvraag(categorie=cat(), dagdelen=bit(0, 0), aangemaakt_op=timezone.now())
        vers = matching.score(kandidaat(), vraag)
        reis.shift(timedelta(hours=12))
        halve_dag = matching.score(kandidaat(), vraag)
        reis.shift(timedelta(hours=36))
        twee_dagen = matching.score(kandidaat(), vraag)
        reis.shift(timedelta(days=5))
        week = matching.score(kandidaat(), vraag)

    assert vers.delen["wachttijd"] == 0.0
    assert halve_dag.delen["wachttijd"] == 0.25  # 12 of the 48 hours before escalation
    assert twee_dagen.delen["wachttijd"] == 1.0
    assert week.delen["wachttijd"] == 1.0  # capped
    assert vers.score < halve_dag.score < twee_dagen.score
    assert "wacht al lang" in twee_dagen.uitleg and "wacht al lang" not in vers.uitleg


def test_score_taal_counts_a_shared_language_other_than_dutch(losse_vraag):
    gedeeld = matching.score(
        kandidaat(talen=["nl", "tr"]), losse_vraag, aanvrager_talen=["nl", "tr"]
    )
    alleen_nl = matching.score(kandidaat(talen=["nl"]), losse_vraag, aanvrager_talen=["nl", "tr"])

    assert gedeeld.delen["taal"] == 1.0
    assert "spreekt Turks" in gedeeld.uitleg
    assert alleen_nl.delen["taal"] == 0.0
    assert gedeeld.score > alleen_nl.score


def test_score_is_the_weighted_mean_of_its_parts(losse_vraag):
    k = matching.score(kandidaat(zelfde_buurt=True, belasting=1), losse_vraag)
    gewichten = matching.config()["GEWICHTEN"]
    verwacht = sum(gewichten[n] * w for n, w in k.delen.items()) / sum(gewichten.values())

    assert set(k.delen) == set(gewichten)
    assert all(0.0 <= w <= 1.0 for w in k.delen.values())
    assert k.score == pytest.approx(verwacht, abs=1e-4)


def test_weights_from_settings_change_the_order(settings, bewoner, buurt, andere_buurt):
    """Near but busy versus far but free: the weights decide."""
    dichtbij = UserFactory(profiel__buurt=buurt)
    ver_weg = UserFactory(profiel__buurt=andere_buurt)
    aanbod(dichtbij, max_per_week=5)
    aanbod(ver_weg)
    for _ in range(3):  # three recent helps elsewhere: belasting 3, still under the cap
        MatchFactory(helper=dichtbij, afgerond=True)
    hulpvraag = vraag(bewoner)

    def order():
        return [k.helper_id for k in matching.rank(hulpvraag)]

    assert order() == [dichtbij.pk, ver_weg.pk]

    settings.WIJK_MATCHING = {
        **settings.WIJK_MATCHING,
        "GEWICHTEN": {"nabijheid": 0.5, "belasting": 4.0},
    }
    assert order() == [ver_weg.pk, dichtbij.pk]


def test_created_match_stores_score_parts_and_explanation(bewoner, helper):
    aanbod(helper, bereik="eigen_buurt")
    eerdere = vraag(bewoner, titel="Vorige keer")
    MatchFactory(hulpvraag=eerdere, helper=helper, afgerond=True)
    Hulpvraag.objects.filter(pk=eerdere.pk).update(status=Hulpvraag.Status.AFGEROND)
    hulpvraag = vraag(bewoner)

    [match] = services.hulpvraag_match(hulpvraag.pk)

    match.refresh_from_db()
    assert match.helper == helper
    assert match.score_delen["categorie"] == 1.0
    assert match.score_delen["nabijheid"] == 1.0
    assert match.score_delen["continuiteit"] == 1.0
    assert set(match.score_delen) == set(matching.config()["GEWICHTEN"])
    assert match.uitleg[:2] == ["zelfde buurt", "Vervoer"]
    assert "hielp eerder" in match.uitleg
    assert match.uitleg_tekst.startswith("zelfde buurt · Vervoer")
    assert 0 < match.score <= 1


# --- hard constraints -------------------------------------------------------------------------


@pytest.fixture
def hulpvraag(bewoner):
    """Bep (Oud-Zuid) needs a lift in three days, 10:00-12:00 (an ochtend)."""
    return vraag(bewoner)


def test_category_neither_offer_nor_profile(hulpvraag, helper):
    aanbod(helper, categorieen=["klussen"])
    assert helper.pk not in helper_ids(hulpvraag)

    helper.profiel.kan_categorieen.add(cat("vervoer"))
    profiel_gewijzigd(helper.profiel)
    [found] = matching.candidates(hulpvraag)
    assert found.helper_id == helper.pk
    assert found.expliciet is False


def test_category_in_offer_is_found(hulpvraag, helper):
    aanbod(helper, categorieen=["klussen", "vervoer"])
    [found] = matching.candidates(hulpvraag)
    assert (found.helper_id, found.expliciet) == (helper.pk, True)


def test_reach_eigen_buurt_in_another_buurt_is_excluded(hulpvraag, outsider, helper):
    aanbod(outsider, bereik="eigen_buurt")
    aanbod(helper, bereik="eigen_buurt")  # control: the same buurt as the request

    assert helper_ids(hulpvraag) == {helper.pk}


def test_reach_buurten_not_naming_the_buurt_is_excluded(hulpvraag, andere_buurt, buurt):
    niet_genoemd = UserFactory(profiel__buurt=andere_buurt)
    genoemd = UserFactory(profiel__buurt=andere_buurt)
    aanbod(niet_genoemd, bereik="buurten", buurten=[andere_buurt])
    aanbod(genoemd, bereik="buurten", buurten=[buurt])

    [found] = matching.candidates(hulpvraag)
    assert found.helper_id == genoemd.pk
    assert found.buurt_in_bereik is True and found.zelfde_buurt is False


def test_reach_overal_is_found_from_another_buurt(hulpvraag, outsider):
    aanbod(outsider, bereik="overal")
    [found] = matching.candidates(hulpvraag)
    assert found.helper_id == outsider.pk
    assert found.zelfde_buurt is False and found.buurt_in_bereik is False


def test_availability_not_overlapping_the_window_is_excluded(hulpvraag, helper):
    dag = hulpvraag.datum.weekday()
    offer = aanbod(helper, beschikbaarheid=bit(dag, 2) | bit((dag + 1) % 7, 0))  # avond, next day
    assert helper_ids(hulpvraag) == set()

    services.aanbod_update(aanbod=offer, door=helper, beschikbaarheid=bit(dag, 0))
    assert helper_ids(hulpvraag) == {helper.pk}


def test_paused_offer_is_excluded(hulpvraag, helper):
    offer = aanbod(helper)
    services.aanbod_pause(aanbod=offer, door=helper)
    assert helper_ids(hulpvraag) == set()

    services.aanbod_pause(aanbod=offer, door=helper, pauze=False)
    assert helper_ids(hulpvraag) == {helper.pk}


def test_weekly_cap_reached_is_excluded(hulpvraag, helper):
    aanbod(helper, max_per_week=2)
    eerste = MatchFactory(helper=helper)
    assert helper_ids(hulpvraag) == {helper.pk}  # one this week: under the cap of two

    tweede = MatchFactory(helper=helper, geaccepteerd=True)
    assert helper_ids(hulpvraag) == set()

    # Matches older than a week, and declined ones, do not count.
    Match.objects.filter(pk=eerste.pk).update(aangemaakt_op=timezone.now() - timedelta(days=8))
    assert helper_ids(hulpvraag) == {helper.pk}
    Match.objects.filter(pk=eerste.pk).update(
        aangemaakt_op=timezone.now(), status=Match.Status.AFGEWEZEN
    )
    assert helper_ids(hulpvraag) == {helper.pk}
    assert tweede.status == Match.Status.GEACCEPTEERD


def test_the_requester_is_never_their_own_helper(hulpvraag, bewoner, helper):
    aanbod(bewoner)
    aanbod(helper)
    assert helper_ids(hulpvraag) == {helper.pk}


@pytest.mark.parametrize("status", [Match.Status.VOORGESTELD, Match.Status.AFGEWEZEN])
def test_already_proposed_or_declined_for_this_request_is_excluded(hulpvraag, helper, status):
    aanbod(helper)
    andere = MatchFactory(helper=helper, status=status)  # another request: no reason to skip
    assert helper_ids(hulpvraag) == {helper.pk}

    MatchFactory(hulpvraag=hulpvraag, helper=helper, status=status)
    assert helper_ids(hulpvraag) == set()
    assert andere.hulpvraag_id != hulpvraag.pk


def test_no_consent_is_excluded(hulpvraag, helper):
    aanbod(helper)
    helper.profiel.toestemming_op = None
    helper.profiel.save()
    assert helper_ids(hulpvraag) == set()

    helper.profiel.toestemming_op = timezone.now()
    helper.profiel.save()
    assert helper_ids(hulpvraag) == {helper.pk}


def test_inactive_account_is_excluded(hulpvraag, helper):
    aanbod(helper)
    helper.is_active = False
    helper.save()
    assert helper_ids(hulpvraag) == set()

    helper.is_active = True
    helper.save()
    assert helper_ids(hulpvraag) == {helper.pk}


# --- queries ----------------------------------------------------------------------------------


def test_candidates_is_one_query(hulpvraag, buurt, django_assert_num_queries):
    for _ in range(4):
        helper = UserFactory(profiel__buurt=buurt)
        helper.profiel.kan_categorieen.add(cat())
        aanbod(helper, categorieen=["klussen", "vervoer"])
    MatchFactory(helper=helper, afgerond=True)

    with django_assert_num_queries(1):
        found = matching.candidates(hulpvraag)
    assert len(found) == 4


def test_match_hulpvraag_query_count_does_not_grow_with_offers(buurt):
    def helpers(n):
        for _ in range(n):
            aanbod(UserFactory(profiel__buurt=buurt), bereik="eigen_buurt")

    def queries_for_new_request():
        hulpvraag = vraag(UserFactory(profiel__buurt=buurt))
        with CaptureQueriesContext(connection) as ctx:
            made = services.hulpvraag_match(hulpvraag.pk)
        assert len(made) == 3
        return len(ctx.captured_queries)

    helpers(5)
    weinig = queries_for_new_request()
    helpers(55)
    veel = queries_for_new_request()

    assert Match.objects.count() == 6
    assert weinig == veel
