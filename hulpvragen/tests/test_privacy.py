"""Privacy of help requests: export, erasure, who sees contact details and private details."""

import json
from datetime import time, timedelta

import pytest
from django.utils import timezone

from bewoners import privacy
from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.permissions import can_see_contact
from hulpvragen import permissions, services
from hulpvragen.models import Aanbod, Hulpvraag, Match
from hulpvragen.tests.hulp import na_begin
from meldingen.models import Melding

pytestmark = pytest.mark.django_db

TEKSTEN = {
    "titel": "Vervoer naar de cardioloog van Bep",
    "beschrijving": "Ik moet naar het Diakonessenhuis voor mijn hart.",
    "prive_details": "Dorpsstraat 12, bel twee keer aan, ik ben slechthorend.",
    "bedankje": "Dank je wel Henk, zonder jou had ik het niet gered.",
    "aanbod": "Henk rijdt graag met zijn blauwe Volvo",
    "reden": "Bep vond het vervelend om alleen te gaan",
}


def vraag(aanvrager, **kw):
    return services.hulpvraag_create(
        aanvrager=aanvrager,
        categorie=Categorie.objects.get(slug="vervoer"),
        titel=kw.pop("titel", TEKSTEN["titel"]),
        beschrijving=kw.pop("beschrijving", TEKSTEN["beschrijving"]),
        prive_details=kw.pop("prive_details", TEKSTEN["prive_details"]),
        wanneer="datum",
        datum=timezone.localdate() + timedelta(days=3),
        tijd_van=time(10),
        tijd_tot=time(12),
    )


def aanbod(helper):
    return services.aanbod_create(
        helper=helper,
        titel="Ik rijd graag",
        beschrijving=TEKSTEN["aanbod"],
        categorieen=[Categorie.objects.get(slug="vervoer")],
        beschikbaarheid=ALL,
        bereik="eigen_buurt",
    )


@pytest.fixture
def voorstel(bewoner, helper):
    """Henk is proposed for Bep's request; he has not answered yet."""
    aanbod(helper)
    hulpvraag = vraag(bewoner)
    [match] = services.hulpvraag_match(hulpvraag.pk)
    return match


def accepteer(match):
    return services.match_accept(match_id=match.pk, door=match.helper)


def free_texts_in_hulpvragen_tables() -> str:
    rows = [
        *Hulpvraag.objects.values_list("titel", "beschrijving", "prive_details"),
        *Aanbod.objects.values_list("titel", "beschrijving"),
        *Match.objects.values_list("bedankje", "reden", "uitleg"),
    ]
    return json.dumps(rows, ensure_ascii=False)


# --- export -----------------------------------------------------------------------------------


def test_export_holds_my_requests_offers_and_matches(voorstel, bewoner, helper):
    match = accepteer(voorstel)
    with na_begin(match):
        services.match_complete(
            match_id=match.pk, door=bewoner, uren=1, bedankje=TEKSTEN["bedankje"]
        )

    van_bep = privacy.export_user_data(bewoner)["hulpvragen"]
    van_henk = privacy.export_user_data(helper)["hulpvragen"]

    [mijn_vraag] = van_bep["hulpvragen"]
    assert mijn_vraag["titel"] == TEKSTEN["titel"]
    assert mijn_vraag["prive_details"] == TEKSTEN["prive_details"]
    assert mijn_vraag["status"] == Hulpvraag.Status.AFGEROND
    [bep_match] = van_bep["matches"]
    assert (bep_match["rol"], bep_match["bedankje"]) == ("aanvrager", TEKSTEN["bedankje"])
    assert van_bep["aanbod"] == []

    [mijn_aanbod] = van_henk["aanbod"]
    assert mijn_aanbod["beschrijving"] == TEKSTEN["aanbod"]
    assert mijn_aanbod["onderwerpen"] == ["Vervoer"]
    [henk_match] = van_henk["matches"]
    assert henk_match["rol"] == "helper" and henk_match["hulpvraag"] == TEKSTEN["titel"]
    assert henk_match["status"] == Match.Status.AFGEROND
    assert van_henk["hulpvragen"] == []
    # Bep's private details are hers, not part of Henk's export.
    assert TEKSTEN["prive_details"] not in privacy.export_user_json(helper)
    assert TEKSTEN["titel"] in privacy.export_user_json(bewoner)


def test_export_of_an_outsider_holds_nothing_of_others(voorstel, outsider):
    export = privacy.export_user_data(outsider)["hulpvragen"]
    assert export == {"hulpvragen": [], "aanbod": [], "matches": []}


# --- erasure ----------------------------------------------------------------------------------


def test_erasure_of_the_requester_leaves_none_of_her_free_texts(voorstel, bewoner, helper):
    match = accepteer(voorstel)
    with na_begin(match):
        services.match_complete(
            match_id=match.pk, door=bewoner, uren=1, bedankje=TEKSTEN["bedankje"]
        )
    tweede = vraag(bewoner, titel="Boodschappen voor Bep", beschrijving="Bep heeft griep")
    services.hulpvraag_match(tweede.pk)

    privacy.erase_user(bewoner)

    stored = free_texts_in_hulpvragen_tables()
    for tekst in (
        TEKSTEN["titel"],
        TEKSTEN["beschrijving"],
        TEKSTEN["prive_details"],
        TEKSTEN["bedankje"],
        "Boodschappen voor Bep",
        "Bep heeft griep",
    ):
        assert tekst not in stored
    tweede.refresh_from_db()
    assert tweede.status == Hulpvraag.Status.INGETROKKEN
    assert not Match.objects.filter(hulpvraag=tweede, status=Match.Status.VOORGESTELD).exists()
    # The skeleton stays for the figures; Henk's own offer is untouched.
    assert Hulpvraag.objects.filter(aanvrager=bewoner).count() == 2
    assert Aanbod.objects.filter(helper=helper, beschrijving=TEKSTEN["aanbod"]).exists()


def test_erasure_of_the_helper_removes_his_offer_and_texts(voorstel, bewoner, helper):
    match = accepteer(voorstel)
    services.match_cancel(match_id=match.pk, door=helper, reden=TEKSTEN["reden"])

    privacy.erase_user(helper)

    stored = free_texts_in_hulpvragen_tables()
    assert TEKSTEN["aanbod"] not in stored
    assert TEKSTEN["reden"] not in stored
    assert not Aanbod.objects.filter(helper=helper).exists()


def test_erasure_of_the_accepted_helper_opens_the_request_again(
    voorstel, bewoner, helper, buurt, django_capture_on_commit_callbacks
):
    from bewoners.tests.factories import UserFactory

    match = accepteer(voorstel)
    ander = UserFactory(profiel__buurt=buurt)
    aanbod(ander)

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_user(helper)

    hulpvraag = match.hulpvraag
    hulpvraag.refresh_from_db()
    match.refresh_from_db()
    assert match.status == Match.Status.GEANNULEERD
    # Not stuck as 'gematcht' without a helper: open again, matched anew, Bep is told.
    assert hulpvraag.status == Hulpvraag.Status.OPEN
    assert hulpvraag.gematcht_op is None
    assert hulpvraag.matches.filter(helper=ander, status=Match.Status.VOORGESTELD).exists()
    assert Melding.objects.filter(ontvanger=bewoner, soort="hulp_geannuleerd").count() == 1


def test_erasure_of_the_requester_tells_the_accepted_helper(voorstel, bewoner, helper):
    accepteer(voorstel)

    privacy.erase_user(bewoner)

    melding = Melding.objects.get(ontvanger=helper, soort="hulp_geannuleerd")
    assert TEKSTEN["titel"] not in melding.titel + melding.tekst
    assert not Match.objects.filter(helper=helper, status__in=Match.AKKOORD).exists()


# --- contact details --------------------------------------------------------------------------


def test_contact_details_only_inside_an_accepted_match(voorstel, bewoner, helper, outsider):
    assert not can_see_contact(bewoner, helper)  # proposed is not enough
    assert not can_see_contact(helper, bewoner)

    match = accepteer(voorstel)
    assert can_see_contact(bewoner, helper)
    assert can_see_contact(helper, bewoner)
    assert not can_see_contact(outsider, helper)
    assert not can_see_contact(outsider, bewoner)

    with na_begin(match):
        services.match_complete(match_id=match.pk, door=helper, uren=1)
    assert can_see_contact(bewoner, helper)  # stays visible after the help


def test_contact_details_end_with_a_cancelled_match(voorstel, bewoner, helper):
    match = accepteer(voorstel)
    services.match_cancel(match_id=match.pk, door=bewoner)

    assert not can_see_contact(bewoner, helper)
    assert not can_see_contact(helper, bewoner)


# --- private details of a request -------------------------------------------------------------


def test_private_details_for_requester_accepted_helper_and_buurtassistent(
    voorstel, bewoner, helper, buurtassistent, outsider
):
    hulpvraag = voorstel.hulpvraag
    assert permissions.can_see_prive_details(bewoner, hulpvraag)
    assert permissions.can_see_prive_details(buurtassistent, hulpvraag)
    assert not permissions.can_see_prive_details(helper, hulpvraag)  # proposed, not accepted
    assert not permissions.can_see_prive_details(outsider, hulpvraag)

    accepteer(voorstel)
    assert permissions.can_see_prive_details(helper, hulpvraag)
    assert not permissions.can_see_prive_details(outsider, hulpvraag)


def test_private_details_for_the_buurtassistent_who_entered_the_request(bewoner, buurtassistent):
    hulpvraag = services.hulpvraag_create(
        aanvrager=bewoner,
        door=buurtassistent,
        categorie=Categorie.objects.get(slug="vervoer"),
        titel="Namens Bep",
        beschrijving="Ingevoerd aan de telefoon.",
        prive_details=TEKSTEN["prive_details"],
        wanneer="datum",
        datum=timezone.localdate() + timedelta(days=3),
        tijd_van=time(10),
        tijd_tot=time(12),
    )
    assert hulpvraag.ingevoerd_door == buurtassistent
    assert permissions.can_see_prive_details(buurtassistent, hulpvraag)


def test_erasure_takes_the_words_out_of_other_peoples_meldingen(voorstel, bewoner, helper):
    from meldingen.models import Melding

    accepteer(voorstel)
    # Henk was told "Kun jij helpen? <titel>"; Bep was told "Henk helpt je met <titel>".
    assert Melding.objects.filter(ontvanger=helper, titel__contains=TEKSTEN["titel"]).exists()
    assert Melding.objects.filter(ontvanger=bewoner, titel__contains="Henk").exists()

    privacy.erase_user(bewoner)

    henk = " ".join(Melding.objects.filter(ontvanger=helper).values_list("titel", flat=True))
    assert TEKSTEN["titel"] not in henk
    assert "Bericht over een account dat is verwijderd" in henk
    assert Melding.objects.filter(ontvanger=helper).count() >= 2  # kept, without the words
