"""The life cycle of a help request through the services: post, propose, accept, decline,
complete, cancel, withdraw; bad input; what e-mails may contain; and races on PostgreSQL.
"""

import threading
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import meenemen
from hulpvragen import services
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from hulpvragen.tests.hulp import meldingen, na_begin, vraag
from meldingen.models import Melding

PRIVE = "Sleutel ligt onder de mat, Dorpsstraat 12. Ik loop slecht na mijn heupoperatie."
TELEFOON_AANVRAGER = "06-11223344"
TELEFOON_HELPER = "06-99887766"
ANDER_HELPT_AL = "Iemand anders helpt al bij deze hulpvraag, of hij is gesloten. Dank je wel!"


def aanbod(helper, **kw):
    return services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving="Ik heb een auto.",
        categorieen=[Categorie.objects.get(slug="vervoer")],
        beschikbaarheid=ALL,
        bereik=kw.pop("bereik", "eigen_buurt"),
        max_per_week=kw.pop("max_per_week", 5),
        **kw,
    )


def voorgesteld(hulpvraag):
    return set(
        hulpvraag.matches.filter(status=Match.Status.VOORGESTELD).values_list("helper", flat=True)
    )


@pytest.fixture
def aanvrager(bewoner):
    bewoner.profiel.telefoon = TELEFOON_AANVRAGER
    bewoner.profiel.save()
    return bewoner


@pytest.fixture
def helpers(helper, buurt):
    """Four helpers in Oud-Zuid with equal offers; the engine asks the first three (by id)."""
    mensen = [helper, *(UserFactory(profiel__buurt=buurt) for _ in range(3))]
    for persoon in mensen:
        persoon.profiel.telefoon = TELEFOON_HELPER
        persoon.profiel.save()
        aanbod(persoon)
    return sorted(mensen, key=lambda u: u.pk)


@pytest.fixture
def geplaatst(aanvrager, helpers, django_capture_on_commit_callbacks):
    """A posted request; matching ran as it would after the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        hulpvraag = vraag(aanvrager, prive_details=PRIVE)
    mail.outbox.clear()
    return hulpvraag


def match_van(hulpvraag, helper):
    return Match.objects.get(hulpvraag=hulpvraag, helper=helper)


# --- posting and proposing --------------------------------------------------------------------


def test_posting_proposes_the_top_three_and_notifies_them(
    aanvrager, helpers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hulpvraag = vraag(aanvrager)

    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Hulpvraag.Status.OPEN
    assert hulpvraag.buurt == aanvrager.profiel.buurt
    assert hulpvraag.matching_gevraagd_op is not None
    assert hulpvraag.gematcht_gezocht_op is not None
    assert voorgesteld(hulpvraag) == {h.pk for h in helpers[:3]}
    for match in hulpvraag.matches.all():
        assert match.verloopt_op == match.aangemaakt_op + timedelta(hours=24)
        assert match.voorgesteld_door is None
    for h in helpers[:3]:
        assert meldingen(h, "hulp_voorstel") == 1
    assert meldingen(helpers[3], "hulp_voorstel") == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(h.email for h in helpers[:3])


def test_k_comes_from_the_settings(settings, aanvrager, helpers):
    settings.WIJK_MATCHING = {**settings.WIJK_MATCHING, "K": 2}
    hulpvraag = vraag(aanvrager)

    assert len(services.hulpvraag_match(hulpvraag.pk)) == 2
    assert services.hulpvraag_match(hulpvraag.pk) == []  # idempotent: two are waiting
    assert voorgesteld(hulpvraag) == {h.pk for h in helpers[:2]}


def test_no_candidates_makes_no_proposals(aanvrager):
    hulpvraag = vraag(aanvrager)
    assert services.hulpvraag_match(hulpvraag.pk) == []
    assert Melding.objects.filter(soort="hulp_voorstel").count() == 0


# --- accept -----------------------------------------------------------------------------------


def test_accept_matches_the_request_and_lapses_the_other_proposals(
    geplaatst, aanvrager, helpers, django_capture_on_commit_callbacks
):
    eerste, tweede, derde, vierde = helpers
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)

    geplaatst.refresh_from_db()
    assert geplaatst.status == Hulpvraag.Status.GEMATCHT
    assert geplaatst.gematcht_op is not None
    assert match.status == Match.Status.GEACCEPTEERD and match.geaccepteerd_op is not None
    for ander in (tweede, derde):
        other = match_van(geplaatst, ander)
        assert other.status == Match.Status.VERLOPEN
        assert other.verlopen_op is not None
        assert meldingen(ander, "hulp_vervallen") == 1
        assert meldingen(ander, "hulp_geaccepteerd") == 0
    assert meldingen(aanvrager, "hulp_geaccepteerd") == 1
    assert meldingen(eerste, "hulp_geaccepteerd") == 1
    assert meldingen(eerste, "hulp_vervallen") == 0
    assert meldingen(vierde, "hulp_voorstel") == 0
    assert {m.to[0] for m in mail.outbox} == {aanvrager.email, eerste.email}


def test_accept_twice_or_by_a_second_helper_is_refused_in_dutch(geplaatst, helpers):
    eerste, tweede = helpers[:2]
    services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)

    with pytest.raises(ValidationError) as exc:
        services.match_accept(match_id=match_van(geplaatst, tweede).pk, door=tweede)
    assert exc.value.messages == [ANDER_HELPT_AL]
    with pytest.raises(ValidationError):
        services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)
    assert geplaatst.matches.filter(status=Match.Status.GEACCEPTEERD).count() == 1


def test_accept_of_a_declined_proposal_changes_nothing(geplaatst, helpers):
    eerste = helpers[0]
    match = match_van(geplaatst, eerste)
    services.match_decline(match_id=match.pk, door=eerste)

    with pytest.raises(ValidationError, match="staat niet meer open"):
        services.match_accept(match_id=match.pk, door=eerste)
    geplaatst.refresh_from_db()
    assert geplaatst.status == Hulpvraag.Status.OPEN  # the request update was rolled back
    assert match_van(geplaatst, eerste).status == Match.Status.AFGEWEZEN


# --- decline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reden", ["Ik ben die dag op vakantie.", ""])
def test_decline_proposes_the_next_candidate(
    geplaatst, helpers, reden, django_capture_on_commit_callbacks
):
    eerste, vierde = helpers[0], helpers[3]
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_decline(
            match_id=match_van(geplaatst, eerste).pk, door=eerste, reden=f"  {reden} "
        )

    assert match.status == Match.Status.AFGEWEZEN
    assert match.afgewezen_op is not None
    assert match.reden == reden
    assert voorgesteld(geplaatst) == {h.pk for h in helpers[1:]}
    assert meldingen(vierde, "hulp_voorstel") == 1
    assert meldingen(eerste, "hulp_voorstel") == 1  # not asked again


# --- complete ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kant", ["helper", "aanvrager"])
def test_complete_by_either_side_with_hours_and_thanks(geplaatst, aanvrager, helpers, kant):
    eerste = helpers[0]
    match = services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)
    door, ander = (eerste, aanvrager) if kant == "helper" else (aanvrager, eerste)

    with na_begin(match):
        match = services.match_complete(
            match_id=match.pk, door=door, uren=Decimal("1.5"), bedankje=" Dank je wel! "
        )

    geplaatst.refresh_from_db()
    assert geplaatst.status == Hulpvraag.Status.AFGEROND and geplaatst.afgerond_op is not None
    assert match.status == Match.Status.AFGEROND
    assert match.afgerond_door == door
    assert match.uren == Decimal("1.5")
    assert match.bedankje == "Dank je wel!"
    assert meldingen(ander, "hulp_afgerond") == 1
    assert meldingen(door, "hulp_afgerond") == 0


def test_complete_needs_an_accepted_match(geplaatst, helpers):
    match = match_van(geplaatst, helpers[0])
    with pytest.raises(ValidationError, match="niet \\(meer\\) afgesproken"):
        services.match_complete(match_id=match.pk, door=helpers[0], uren=1)
    assert match_van(geplaatst, helpers[0]).status == Match.Status.VOORGESTELD


# --- cancel -----------------------------------------------------------------------------------


def test_cancel_opens_the_request_again_and_matches_anew(
    geplaatst, aanvrager, helpers, django_capture_on_commit_callbacks
):
    eerste, vierde = helpers[0], helpers[3]
    match = services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)

    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_cancel(match_id=match.pk, door=eerste, reden="Mijn auto is stuk.")

    geplaatst.refresh_from_db()
    assert match.status == Match.Status.GEANNULEERD
    assert match.reden == "Mijn auto is stuk."
    assert geplaatst.status == Hulpvraag.Status.OPEN
    assert geplaatst.gematcht_op is None
    assert meldingen(aanvrager, "hulp_geannuleerd") == 1
    assert meldingen(eerste, "hulp_geannuleerd") == 0
    # Matched anew: the helper who had not been asked yet gets a proposal.
    assert voorgesteld(geplaatst) == {vierde.pk}
    assert meldingen(vierde, "hulp_voorstel") == 1


def test_cancel_by_the_requester_notifies_the_helper(geplaatst, aanvrager, helpers):
    eerste = helpers[0]
    match = services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)
    services.match_cancel(match_id=match.pk, door=aanvrager)

    assert meldingen(eerste, "hulp_geannuleerd") == 1
    assert meldingen(aanvrager, "hulp_geannuleerd") == 0


# --- withdraw ---------------------------------------------------------------------------------


def test_withdraw_cancels_proposals_and_tells_the_helpers(geplaatst, aanvrager, helpers):
    hulpvraag = services.hulpvraag_withdraw(hulpvraag=geplaatst, door=aanvrager)

    assert hulpvraag.status == Hulpvraag.Status.INGETROKKEN
    assert hulpvraag.ingetrokken_op is not None
    assert set(geplaatst.matches.values_list("status", flat=True)) == {Match.Status.GEANNULEERD}
    for h in helpers[:3]:
        assert meldingen(h, "hulp_geannuleerd") == 1
    assert meldingen(helpers[3], "hulp_geannuleerd") == 0
    with pytest.raises(ValidationError, match="al gesloten"):
        services.hulpvraag_withdraw(hulpvraag=geplaatst, door=aanvrager)


def test_withdraw_by_an_outsider_is_refused(geplaatst, outsider):
    with pytest.raises(PermissionDenied):
        services.hulpvraag_withdraw(hulpvraag=geplaatst, door=outsider)
    geplaatst.refresh_from_db()
    assert geplaatst.status == Hulpvraag.Status.OPEN
    assert len(voorgesteld(geplaatst)) == 3


# --- bad input --------------------------------------------------------------------------------


def test_a_date_in_the_past_is_refused(aanvrager, helpers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        vraag(aanvrager, dagen=-1)
    assert "datum" in exc.value.message_dict
    assert "al voorbij" in exc.value.message_dict["datum"][0]
    assert Hulpvraag.objects.count() == 0
    assert Match.objects.count() == 0


def test_an_end_before_the_start_is_refused(aanvrager, helpers):
    with pytest.raises(ValidationError) as exc:
        vraag(aanvrager, van=time(14), tot=time(13))
    assert exc.value.message_dict["tijd_tot"] == ["De eindtijd moet later zijn dan de begintijd."]
    assert Hulpvraag.objects.count() == 0


def test_posting_without_consent_is_refused(aanvrager):
    aanvrager.profiel.toestemming_op = None
    aanvrager.profiel.save()
    with pytest.raises(ValidationError, match="toestemming"):
        vraag(aanvrager)
    assert Hulpvraag.objects.count() == 0


def test_an_over_long_reason_changes_nothing(
    geplaatst, helpers, django_capture_on_commit_callbacks
):
    match = match_van(geplaatst, helpers[0])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        services.match_decline(match_id=match.pk, door=helpers[0], reden="x" * 301)

    assert "reden" in exc.value.message_dict
    match.refresh_from_db()
    assert match.status == Match.Status.VOORGESTELD and match.reden == ""
    assert voorgesteld(geplaatst) == {h.pk for h in helpers[:3]}


def test_too_many_hours_change_nothing(geplaatst, helpers):
    eerste = helpers[0]
    match = services.match_accept(match_id=match_van(geplaatst, eerste).pk, door=eerste)
    with na_begin(match), pytest.raises(ValidationError) as exc:
        services.match_complete(match_id=match.pk, door=eerste, uren=Decimal("150"))
    assert "uren" in exc.value.message_dict
    match.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD and match.uren is None


def test_someone_elses_match_is_refused(geplaatst, aanvrager, helpers, outsider):
    eerste, tweede = helpers[:2]
    match = match_van(geplaatst, eerste)

    for door in (outsider, tweede, aanvrager):  # the requester cannot answer for the helper
        with pytest.raises(PermissionDenied):
            services.match_accept(match_id=match.pk, door=door)
        with pytest.raises(PermissionDenied):
            services.match_decline(match_id=match.pk, door=door)
    services.match_accept(match_id=match.pk, door=eerste)
    for door in (outsider, tweede):
        with pytest.raises(PermissionDenied):
            services.match_complete(match_id=match.pk, door=door, uren=1)
        with pytest.raises(PermissionDenied):
            services.match_cancel(match_id=match.pk, door=door)

    match.refresh_from_db()
    geplaatst.refresh_from_db()
    assert match.status == Match.Status.GEACCEPTEERD
    assert geplaatst.status == Hulpvraag.Status.GEMATCHT


# --- what e-mails may contain -----------------------------------------------------------------


def test_emails_never_contain_private_details_or_phone_numbers(
    aanvrager, helpers, django_capture_on_commit_callbacks
):
    eerste, tweede = helpers[:2]

    def stap(call):
        """One request of a person: what it queues runs after its commit."""
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    hulpvraag = stap(lambda: vraag(aanvrager, prive_details=PRIVE))
    stap(lambda: services.match_decline(match_id=match_van(hulpvraag, tweede).pk, door=tweede))
    match = stap(
        lambda: services.match_accept(match_id=match_van(hulpvraag, eerste).pk, door=eerste)
    )
    stap(lambda: services.match_cancel(match_id=match.pk, door=aanvrager, reden="Toch niet."))
    tweede_vraag = stap(lambda: vraag(aanvrager, prive_details=PRIVE))
    nieuw = stap(
        lambda: services.match_accept(match_id=match_van(tweede_vraag, eerste).pk, door=eerste)
    )
    with na_begin(nieuw):
        stap(
            lambda: services.match_complete(match_id=nieuw.pk, door=eerste, uren=2, bedankje="Top")
        )

    soorten = Melding.objects.filter(email_verzonden_op__isnull=False).values_list(
        "soort", flat=True
    )
    assert {"hulp_voorstel", "hulp_geaccepteerd", "hulp_geannuleerd"} <= set(soorten)
    assert len(mail.outbox) == len(soorten) >= 10
    for message in mail.outbox:
        parts = [message.subject, message.body, *(body for body, _ in message.alternatives)]
        for part in parts:
            for secret in (PRIVE, "Dorpsstraat", "heup", TELEFOON_AANVRAGER, TELEFOON_HELPER):
                assert secret not in part


# --- races (PostgreSQL) -----------------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent transactions need PostgreSQL; SQLite serialises writers",
)


def in_threads(*calls):
    """Run each call in its own thread, all starting at the same moment; return the outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - the test inspects what happened
            outcomes[i] = ("fout", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=meenemen(run), args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hangs (deadlock?)"
    return outcomes


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_helpers_accepting_at_the_same_moment_one_wins(buurt):
    aanvrager = UserFactory(profiel__buurt=buurt)
    a, b = UserFactory(profiel__buurt=buurt), UserFactory(profiel__buurt=buurt)

    for _ronde in range(10):
        hulpvraag = HulpvraagFactory(aanvrager=aanvrager)
        ma = MatchFactory(hulpvraag=hulpvraag, helper=a)
        mb = MatchFactory(hulpvraag=hulpvraag, helper=b)

        outcomes = in_threads(
            lambda ma=ma: services.match_accept(match_id=ma.pk, door=a),
            lambda mb=mb: services.match_accept(match_id=mb.pk, door=b),
        )

        gewonnen = [o for kind, o in outcomes if kind == "ok"]
        verloren = [o for kind, o in outcomes if kind == "fout"]
        assert len(gewonnen) == 1 and len(verloren) == 1, outcomes
        assert isinstance(verloren[0], ValidationError), verloren
        assert verloren[0].messages == [ANDER_HELPT_AL]
        hulpvraag.refresh_from_db()
        assert hulpvraag.status == Hulpvraag.Status.GEMATCHT
        statussen = sorted(hulpvraag.matches.values_list("status", flat=True))
        assert statussen == [Match.Status.GEACCEPTEERD, Match.Status.VERLOPEN]
        assert hulpvraag.matches.get(status=Match.Status.GEACCEPTEERD).pk == gewonnen[0].pk


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_matching_runs_at_once_make_no_more_than_k_proposals(buurt):
    for _ in range(6):
        aanbod(UserFactory(profiel__buurt=buurt), max_per_week=14)
    aanvrager = UserFactory(profiel__buurt=buurt)

    for _ronde in range(5):
        hulpvraag = HulpvraagFactory(aanvrager=aanvrager)  # no matching queued yet

        outcomes = in_threads(
            lambda h=hulpvraag: services.hulpvraag_match(h.pk),
            lambda h=hulpvraag: services.hulpvraag_match(h.pk),
        )

        assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
        assert sorted(len(made) for _, made in outcomes) == [0, 3]
        assert hulpvraag.matches.filter(status=Match.Status.VOORGESTELD).count() == 3


# --- proposing by hand ------------------------------------------------------------------------


def test_a_buurtassistent_proposes_a_helper_by_hand(aanvrager, helper, buurtassistent):
    hulpvraag = vraag(aanvrager)

    match = services.match_propose(hulpvraag=hulpvraag, helper=helper, door=buurtassistent)

    assert match.status == Match.Status.VOORGESTELD
    assert match.voorgesteld_door == buurtassistent
    assert meldingen(helper, "hulp_voorstel") == 1
    with pytest.raises(ValidationError, match="al eerder gevraagd"):
        services.match_propose(hulpvraag=hulpvraag, helper=helper, door=buurtassistent)


def test_proposing_by_hand_is_for_buurtassistenten_only(aanvrager, helper, outsider):
    hulpvraag = vraag(aanvrager)
    with pytest.raises(PermissionDenied):
        services.match_propose(hulpvraag=hulpvraag, helper=helper, door=outsider)
    assert not hulpvraag.matches.exists()


@pytest.mark.parametrize("reden", ["geen toestemming", "niet actief"])
def test_no_proposal_by_hand_for_someone_without_consent_or_inactive(
    aanvrager, helper, buurtassistent, reden
):
    hulpvraag = vraag(aanvrager)
    if reden == "geen toestemming":
        helper.profiel.toestemming_op = None
        helper.profiel.save()
    else:
        helper.is_active = False
        helper.save()

    with pytest.raises(ValidationError, match="kan nu niet gevraagd worden"):
        services.match_propose(hulpvraag=hulpvraag, helper=helper, door=buurtassistent)
    assert not hulpvraag.matches.exists()
    assert meldingen(helper, "hulp_voorstel") == 0


# --- a new offer ------------------------------------------------------------------------------


def test_a_new_offer_is_proposed_for_waiting_requests_within_its_weekly_cap(
    aanvrager, helper, buurt, django_capture_on_commit_callbacks
):
    eerste = vraag(aanvrager, dagen=2)
    tweede = vraag(UserFactory(profiel__buurt=buurt), dagen=4)
    assert services.hulpvraag_match(eerste.pk) == []  # nobody offers help yet

    with django_capture_on_commit_callbacks(execute=True):
        offer = aanbod(helper, max_per_week=1)

    # Longest-waiting first; the cap of one per week stops a second proposal.
    assert voorgesteld(eerste) == {helper.pk}
    assert voorgesteld(tweede) == set()
    assert meldingen(helper, "hulp_voorstel") == 1
    offer.refresh_from_db()
    assert offer.gematcht_gezocht_op is not None


def test_a_match_id_that_does_not_exist_is_refused_like_someone_elses(helpers):
    for action in (services.match_accept, services.match_decline, services.match_cancel):
        with pytest.raises(PermissionDenied):
            action(match_id=987654, door=helpers[0])


def test_resuming_an_offer_needs_consent_but_editing_a_paused_one_does_not(helper):
    mijn = aanbod(helper)
    services.aanbod_pause(aanbod=mijn, door=helper)
    helper.profiel.withdraw_consent()

    services.aanbod_update(aanbod=mijn, door=helper, titel="Klusjes, later weer")
    with pytest.raises(ValidationError, match="toestemming"):
        services.aanbod_pause(aanbod=mijn, door=helper, pauze=False)

    mijn.refresh_from_db()
    assert mijn.actief is False and mijn.titel == "Klusjes, later weer"


def test_the_why_is_in_each_readers_language(aanvrager, helper, buurt):
    from django.utils import translation

    helper.taal = "en"
    helper.save()
    aanbod(helper)
    hulpvraag = vraag(aanvrager)
    [match] = services.hulpvraag_match(hulpvraag.pk)

    assert "zelfde buurt" in match.uitleg  # stored as the Dutch source text
    melding = Melding.objects.get(ontvanger=helper, soort="hulp_voorstel")
    assert "same neighbourhood" in melding.tekst and "zelfde buurt" not in melding.tekst
    with translation.override("en"):
        assert match.uitleg_tekst.startswith("same neighbourhood · Transport")
    with translation.override("nl"):
        assert match.uitleg_tekst.startswith("zelfde buurt · Vervoer")


def test_a_system_reason_is_shown_in_the_readers_language(geplaatst, aanvrager, helpers):
    from django.utils import translation

    services.hulpvraag_withdraw(hulpvraag=geplaatst, door=aanvrager)
    match = match_van(geplaatst, helpers[0])

    assert match.reden == "De hulpvraag is ingetrokken."
    with translation.override("en"):
        assert match.reden_tekst == "The help request has been withdrawn."
