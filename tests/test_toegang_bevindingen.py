"""Regression tests for the access findings of issue 12 (each failed before its fix).

- ``/profiel/<id>/`` showed e-mail, phone and address to any organiser, keeper or booker, and to
  buurtassistenten of another buurt;
- a buurtassistent of another buurt could change, withdraw and cancel requests and matches that
  are not theirs, and read private details on the older hulpvragen pages and the match page
  (even of a match that was only proposed), and candidate helpers' phone numbers;
- a requester saw the helper's home address on the helper's profile.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.roles import Rol
from bewoners.tests.factories import BuurtFactory, UserFactory
from buurtassistenten.models import Inzage
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = pytest.mark.django_db

ADRES = "Lindelaan 7 geheim"
TELEFOON = "tel-geheim-"
PRIVE = "sleutel onder de mat, geheim"


def _persoon(buurt, naam, **kw):
    user = UserFactory(first_name=naam, last_name="Achternaam" + naam, profiel__buurt=buurt, **kw)
    user.profiel.adres = f"{ADRES} {naam}"
    user.profiel.telefoon = TELEFOON + naam
    user.profiel.postcode = "3541 AB"
    user.profiel.wat_heb_je_nodig = f"nodig-{naam}-geheim"
    user.profiel.save()
    return user


@pytest.fixture
def wijk(db):
    """Two buurten, each followed by its own buurtassistent."""
    noord = BuurtFactory(naam="Noord", slug="noord", postcodes="3541")
    zuid = BuurtFactory(naam="Zuid", slug="zuid", postcodes="3542")
    ba_noord = UserFactory(first_name="Nina", rollen=[Rol.BUURTASSISTENT], with_mfa=True)
    ba_zuid = UserFactory(first_name="Zaid", rollen=[Rol.BUURTASSISTENT], with_mfa=True)
    noord.buurtassistenten.add(ba_noord)
    zuid.buurtassistenten.add(ba_zuid)
    return {"noord": noord, "zuid": zuid, "ba_noord": ba_noord, "ba_zuid": ba_zuid}


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


# --- the profile page ---------------------------------------------------------------------------


def test_profile_shows_no_home_address_to_an_organiser_keeper_or_booker(client, wijk):
    """Organisers see their members' contact data, a keeper and a booker each other's: never
    the home address or the needs (the old rule handed out phone, e-mail *and* address)."""
    bep = _persoon(wijk["noord"], "Bep")
    organisator = _persoon(wijk["noord"], "Otto")
    InitiatiefFactory(organisatoren=[organisator], leden=[bep])
    keeper = _persoon(wijk["noord"], "Karel")
    zaal = AccommodatieFactory(beheerders=[keeper])
    ReserveringFactory(
        accommodatie=zaal, geboekt_door=bep, begin=timezone.now() + timedelta(days=2)
    )
    url = reverse("bewoners:profiel_detail", args=[bep.pk])
    for kijker in (organisator, keeper):
        status, html = _html(client, kijker, url)
        assert status == 200
        assert TELEFOON + "Bep" in html and bep.email in html
        assert ADRES not in html and "nodig-Bep" not in html
    status, html = _html(client, bep, reverse("bewoners:profiel_detail", args=[keeper.pk]))
    assert TELEFOON + "Karel" in html and ADRES not in html
    # Someone who organises or keeps something else sees no contact data at all.
    ander = _persoon(wijk["noord"], "Anton")
    InitiatiefFactory(organisatoren=[ander])
    AccommodatieFactory(beheerders=[ander])
    status, html = _html(client, ander, url)
    assert TELEFOON not in html and bep.email not in html and ADRES not in html


def test_profile_shows_contact_data_to_the_assistant_of_the_buurt_only(client, wijk):
    bep = _persoon(wijk["noord"], "Bep")
    url = reverse("bewoners:profiel_detail", args=[bep.pk])
    status, html = _html(client, wijk["ba_zuid"], url)
    assert status == 200
    assert ADRES not in html and TELEFOON not in html and bep.email not in html
    assert "nodig-Bep" not in html and "AchternaamBep" not in html
    status, html = _html(client, wijk["ba_noord"], url)
    assert ADRES in html and TELEFOON in html and bep.email in html and "nodig-Bep" in html
    # The look at Bep's needs is in her access log, with what was seen.
    inzage = Inzage.objects.get(bewoner=bep, door=wijk["ba_noord"])
    assert "nodig" in inzage.wat


def test_requester_sees_the_helpers_contact_data_but_not_the_address(client, wijk):
    bep = _persoon(wijk["noord"], "Bep")
    henk = _persoon(wijk["noord"], "Henk")
    match = MatchFactory(hulpvraag=HulpvraagFactory(aanvrager=bep), helper=henk, geaccepteerd=True)
    for url in (
        reverse("bewoners:profiel_detail", args=[henk.pk]),
        reverse("hulpvragen:match_detail", args=[match.pk]),
    ):
        status, html = _html(client, bep, url)
        assert status == 200
        assert TELEFOON + "Henk" in html and henk.email in html  # contact: yes
        assert f"{ADRES} Henk" not in html  # home: no
    # The helper goes to Bep's home: sees her address, on both pages alike.
    for url in (
        reverse("bewoners:profiel_detail", args=[bep.pk]),
        reverse("hulpvragen:match_detail", args=[match.pk]),
    ):
        status, html = _html(client, henk, url)
        assert f"{ADRES} Bep" in html and TELEFOON + "Bep" in html
        assert "nodig-Bep" not in html  # her profile's needs stay hers


# --- the older hulpvragen pages -------------------------------------------------------------------


@pytest.fixture
def vraag_noord(wijk):
    bep = _persoon(wijk["noord"], "Bep")
    return HulpvraagFactory(aanvrager=bep, prive_details=PRIVE)


def test_assistant_of_another_buurt_cannot_change_withdraw_or_cancel(client, wijk, vraag_noord):
    henk = _persoon(wijk["noord"], "Henk")
    match = MatchFactory(hulpvraag=vraag_noord, helper=henk, geaccepteerd=True)
    Hulpvraag.objects.filter(pk=vraag_noord.pk).update(status=Hulpvraag.Status.GEMATCHT)
    client.force_login(wijk["ba_zuid"])
    titel = vraag_noord.titel
    edit = client.post(
        reverse("hulpvragen:hulpvraag_edit", args=[vraag_noord.pk]),
        {"titel": "Overgenomen", "beschrijving": "x", "categorie": vraag_noord.categorie_id},
    )
    withdraw = client.post(reverse("hulpvragen:hulpvraag_withdraw", args=[vraag_noord.pk]))
    cancel = client.post(reverse("hulpvragen:match_cancel", args=[match.pk]), {"reden": "weg"})
    assert edit.status_code in (403, 404)
    assert withdraw.status_code in (403, 404)
    assert cancel.status_code in (403, 404)
    vraag_noord.refresh_from_db()
    match.refresh_from_db()
    assert vraag_noord.titel == titel and vraag_noord.status == Hulpvraag.Status.GEMATCHT
    assert match.status == Match.Status.GEACCEPTEERD
    # The assistant of the buurt may.
    client.force_login(wijk["ba_noord"])
    cancel = client.post(reverse("hulpvragen:match_cancel", args=[match.pk]), {"reden": "ziek"})
    assert cancel.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.GEANNULEERD


def test_assistant_of_another_buurt_reads_no_private_details(client, wijk, vraag_noord):
    henk = _persoon(wijk["noord"], "Henk")
    voorstel = MatchFactory(hulpvraag=vraag_noord, helper=henk)  # only proposed
    for url in (
        reverse("hulpvragen:hulpvraag_detail", args=[vraag_noord.pk]),
        reverse("hulpvragen:hulpvraag_edit", args=[vraag_noord.pk]),
        reverse("hulpvragen:match_detail", args=[voorstel.pk]),
    ):
        status, html = _html(client, wijk["ba_zuid"], url)
        assert PRIVE not in html, url
        assert ADRES not in html and TELEFOON not in html and henk.email not in html, url
    # The buurt's own assistant reads them, and each look is logged for Bep.
    for url in (
        reverse("hulpvragen:hulpvraag_detail", args=[vraag_noord.pk]),
        reverse("hulpvragen:match_detail", args=[voorstel.pk]),
    ):
        status, html = _html(client, wijk["ba_noord"], url)
        assert status == 200 and PRIVE in html
    assert Inzage.objects.filter(bewoner=vraag_noord.aanvrager, door=wijk["ba_noord"]).count() == 2
    assert not Inzage.objects.filter(door=wijk["ba_zuid"]).exists()


def test_a_proposed_match_shows_no_contact_data_to_either_side(client, wijk, vraag_noord):
    henk = _persoon(wijk["noord"], "Henk")
    voorstel = MatchFactory(hulpvraag=vraag_noord, helper=henk)
    url = reverse("hulpvragen:match_detail", args=[voorstel.pk])
    for kijker in (henk, vraag_noord.aanvrager):
        status, html = _html(client, kijker, url)
        assert status == 200
        assert ADRES not in html and TELEFOON not in html


def test_match_page_of_coordination_hides_phones_of_helpers_from_other_buurten(
    client, wijk, vraag_noord
):
    zuider = _persoon(wijk["zuid"], "Zoe")
    AanbodFactory(helper=zuider, bereik="overal")
    noorder = _persoon(wijk["noord"], "Nico")
    AanbodFactory(helper=noorder)
    status, html = _html(
        client, wijk["ba_noord"], reverse("buurtassistenten:hulpvraag", args=[vraag_noord.pk])
    )
    assert status == 200
    assert "Nico" in html and TELEFOON + "Nico" in html  # own buurt: name and phone
    assert "Zoe" in html, "the candidate from the other buurt is listed"
    assert TELEFOON + "Zoe" not in html and "AchternaamZoe" not in html
