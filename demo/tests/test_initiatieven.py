"""seed_demo's initiatives, activities and sign-ups (demo.initiatieven)."""

import random
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db.models import F, Q
from django.utils import timezone

from demo import initiatieven as demo
from demo.tests.hulp import seed_demo as _seed
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from meldingen.models import Melding

S = Aanmelding.Status


def _snapshot():
    return (
        Initiatief.objects.count(),
        Initiatief.organisatoren.through.objects.count(),
        Lidmaatschap.objects.count(),
        Activiteit.objects.count(),
        Bijeenkomst.objects.count(),
        Aanmelding.objects.count(),
        Melding.objects.filter(soort__startswith="activiteit_").count(),
    )


def _assert_sound(bijeenkomsten):
    """Never more signed up than there are places; a waiting list only when full."""
    met = bijeenkomsten.met_tellingen()
    assert not met.filter(
        activiteit__capaciteit__isnull=False, aantal_aangemeld__gt=F("activiteit__capaciteit")
    ).exists()
    assert (
        not met.filter(aantal_wachtlijst__gt=0)
        .filter(
            Q(activiteit__capaciteit__isnull=True)
            | Q(aantal_aangemeld__lt=F("activiteit__capaciteit"))
        )
        .exists()
    )
    aanmeldingen = Aanmelding.objects.filter(bijeenkomst__in=bijeenkomsten)
    # Attendance only for people with a place, at meetings that took place.
    assert not aanmeldingen.filter(aanwezig__isnull=False).exclude(status=S.AANGEMELD).exists()
    assert not aanmeldingen.filter(
        aanwezig__isnull=False, bijeenkomst__begin__gt=timezone.now()
    ).exists()
    assert not aanmeldingen.filter(
        aanwezig__isnull=False, bijeenkomst__status=Bijeenkomst.Status.GEANNULEERD
    ).exists()
    assert not bijeenkomsten.filter(einde__lte=F("begin")).exists()


@pytest.mark.django_db
def test_seed_demo_creates_a_dozen_initiatives_with_people_and_weekly_activities():
    _seed()
    now = timezone.now()

    initiatieven = {i.slug: i for i in Initiatief.objects.all()}
    assert set(initiatieven) == set(demo.MARKER_SLUGS) and len(initiatieven) == 12
    for initiatief in initiatieven.values():
        initiatief.full_clean()
        assert initiatief.organisatoren.exists()
        assert initiatief.lidmaatschappen.filter(status=Lidmaatschap.Status.LID).count() >= 6
        # Organisers are members too.
        assert not initiatief.organisatoren.exclude(lidmaatschappen__initiatief=initiatief)
        activiteit = initiatief.activiteiten.get()
        assert activiteit.herhaling == Activiteit.Herhaling.WEKELIJKS
        assert activiteit.regel.startswith("FREQ=WEEKLY")
        komend = activiteit.bijeenkomsten.filter(begin__gt=now)
        assert 12 <= komend.count() <= 14  # weekly, until about three months ahead
        laatste = timezone.localtime(komend.last().begin).date()
        assert laatste > timezone.localdate() + timedelta(days=80)
        # History: past meetings, with attendance where people sign up.
        voorbij = activiteit.bijeenkomsten.filter(begin__lt=now)
        assert voorbij.count() >= demo.VERLEDEN_WEKEN - 1
        if activiteit.aanmelden_nodig:
            assert Aanmelding.objects.filter(bijeenkomst__in=voorbij, aanwezig=True).exists()
            assert Aanmelding.objects.filter(bijeenkomst__in=komend).exists()
    assert Initiatief.objects.filter(aanmelden=Initiatief.Aanmelden.GOEDKEURING).exists()
    assert Lidmaatschap.objects.filter(status=Lidmaatschap.Status.AANGEVRAAGD).count() == 2
    assert Activiteit.objects.filter(aanmelden_nodig=False).count() == 2
    assert Bijeenkomst.objects.filter(status=Bijeenkomst.Status.GEANNULEERD).exists()
    # The regular places of some are demo rooms.
    zwemmen = initiatieven["zwemmen-voor-senioren"]
    assert zwemmen.accommodatie.slug == "zwembad-het-anker-instructiebad"
    _assert_sound(Bijeenkomst.objects.all())


@pytest.mark.django_db
def test_bewoner1_organises_the_walking_group_and_is_a_member_of_two_others():
    _seed()

    bewoner1 = Lidmaatschap.objects.filter(user__email="bewoner1@demo.wijk")
    assert list(
        Initiatief.objects.filter(organisatoren__email="bewoner1@demo.wijk").values_list(
            "slug", flat=True
        )
    ) == ["wandelclub-de-wetering"]
    assert set(bewoner1.values_list("initiatief__slug", flat=True)) == {
        "wandelclub-de-wetering",
        "repair-cafe-oud-zuid",
        "eetclub-samen-aan-tafel",
    }
    komend = Aanmelding.objects.filter(
        user__email="bewoner1@demo.wijk", bijeenkomst__begin__gt=timezone.now()
    )
    assert komend.filter(status=S.AANGEMELD).count() == 5
    assert set(komend.values_list("bijeenkomst__activiteit__initiatief__slug", flat=True)) == {
        "wandelclub-de-wetering",
        "repair-cafe-oud-zuid",
        "eetclub-samen-aan-tafel",
    }


@pytest.mark.django_db
def test_the_next_chair_yoga_is_full_with_a_waiting_list():
    _seed()

    yoga = Activiteit.objects.get(initiatief__slug=demo.VOL)
    volgende = yoga.bijeenkomsten.komend().met_tellingen().order_by("begin").first()
    assert volgende.aantal_aangemeld == yoga.capaciteit == 10
    assert volgende.aantal_wachtlijst == demo.WACHTLIJST
    # The people waiting were told their place in the inbox.
    wachtend = volgende.aanmeldingen.filter(status=S.WACHTLIJST).values_list("user", flat=True)
    assert Melding.objects.filter(
        ontvanger__in=wachtend, soort="activiteit_aanmelding", titel__contains="wachtlijst"
    ).count() == len(wachtend)


@pytest.mark.django_db
def test_seeding_mails_nobody_about_activities_also_after_the_commit(
    django_capture_on_commit_callbacks,
):
    # Run what waits for the commit, as a real (committing) seed does.
    with django_capture_on_commit_callbacks(execute=True):
        _seed()

    assert not Melding.objects.filter(soort="activiteit_nieuw").exists()
    assert Melding.objects.filter(soort="activiteit_aanmelding").exists()
    assert not Melding.objects.filter(soort__startswith="activiteit_", email_gewenst=True)
    assert not [m for m in mail.outbox if "Nieuw bij" in m.subject or "aangemeld" in m.subject]
    # After the commit most members want to hear of new activities again.
    leden = Lidmaatschap.objects.filter(status=Lidmaatschap.Status.LID)
    assert leden.filter(nieuwe_activiteiten_melden=True).count() > leden.count() / 2


@pytest.mark.django_db
def test_seed_demo_does_not_duplicate_the_demo_set():
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first


@pytest.mark.django_db
def test_seed_demo_scale_adds_initiatives_in_proportion_with_two_years_of_meetings():
    _seed("--scale", "200")
    now = timezone.now()
    schaal = Initiatief.objects.filter(slug__startswith=demo.SCHAAL_SLUG).order_by("pk")
    assert schaal.count() == 2  # at least two
    bijeenkomsten = Bijeenkomst.objects.filter(activiteit__initiatief__in=schaal)
    per_activiteit = list(
        Activiteit.objects.filter(initiatief__in=schaal).values_list("pk", flat=True)
    )
    for pk in per_activiteit:
        keren = bijeenkomsten.filter(activiteit_id=pk)
        assert 110 <= keren.count() <= 120  # weekly for two years and three months
        eerste = timezone.localtime(keren.first().begin).date()
        laatste = timezone.localtime(keren.last().begin).date()
        assert eerste <= timezone.localdate() - timedelta(days=720)
        assert timezone.localdate() + timedelta(days=80) <= laatste
        # Weekly at the same local time, also across daylight saving.
        assert len({timezone.localtime(k.begin).strftime("%a %H:%M") for k in keren}) == 1
    aanmeldingen = Aanmelding.objects.filter(bijeenkomst__in=bijeenkomsten)
    assert aanmeldingen.count() > 1000
    assert set(aanmeldingen.values_list("status", flat=True)) == set(S.values)
    assert aanmeldingen.filter(bijeenkomst__begin__gt=now).exists()
    assert aanmeldingen.filter(aanwezig=True).count() > aanmeldingen.filter(aanwezig=False).count()
    # Only scale residents, and only members.
    assert not aanmeldingen.exclude(user__email__startswith="schaal-").exists()
    assert not Lidmaatschap.objects.filter(initiatief__in=schaal).exclude(
        user__email__startswith="schaal-"
    )
    assert not aanmeldingen.exclude(
        user__lidmaatschappen__initiatief=F("bijeenkomst__activiteit__initiatief")
    ).exists()
    _assert_sound(bijeenkomsten)

    # Running it again adds nothing; a larger scale adds initiatives in proportion.
    before = _snapshot()
    _seed("--scale", "200")
    assert _snapshot() == before
    aantallen = [bijeenkomsten.filter(activiteit__initiatief=i).count() for i in schaal]
    command = SimpleNamespace(stdout=StringIO())
    demo.seed_scale(command, random.Random(1), 1500)
    schaal = schaal.all()  # not the rows read above
    assert schaal.count() == 3
    assert [bijeenkomsten.filter(activiteit__initiatief=i).count() for i in schaal[:2]] == (
        aantallen
    )
    assert bijeenkomsten.filter(activiteit__initiatief=schaal.last()).count() > 100
    assert "1 schaal-initiatieven" in command.stdout.getvalue()
    _assert_sound(bijeenkomsten)


def test_initiatives_in_proportion_to_residents():
    assert demo.aantal_initiatieven(200) == 2
    assert demo.aantal_initiatieven(2000) == 4
    assert demo.aantal_initiatieven(20000) == 40
    assert demo.aantal_initiatieven(100000) == 200


@pytest.mark.parametrize("seed", range(20))
def test_sign_ups_of_one_meeting_never_exceed_its_places(seed):
    rng = random.Random(seed)
    now = timezone.now()
    capaciteit = rng.choice([None, 1, 6, 12])
    bijeenkomst = Bijeenkomst(
        pk=1,
        begin=now + timedelta(days=rng.randint(-30, 30)),
        einde=now + timedelta(days=40),
        status=rng.choice(Bijeenkomst.Status.values),
    )

    rijen = demo.aanmeldingen_voor(rng, bijeenkomst, list(range(100, 140)), capaciteit, now=now)

    aangemeld = [r for r in rijen if r.status == S.AANGEMELD]
    wachtend = [r for r in rijen if r.status == S.WACHTLIJST]
    assert len({r.user_id for r in rijen}) == len(rijen)
    if capaciteit is None:
        assert not wachtend
    else:
        assert len(aangemeld) <= capaciteit
        assert not wachtend or len(aangemeld) == capaciteit
    # Who waits signed up after everyone with a place.
    if wachtend:
        assert max(r.aangemeld_op for r in aangemeld) <= min(r.aangemeld_op for r in wachtend)
    assert all(r.aangemeld_op <= now for r in rijen)
