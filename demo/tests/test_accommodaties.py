"""seed_demo's facilities and bookings (demo.accommodaties)."""

import random
from datetime import date, datetime, timedelta
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from accommodaties import services
from accommodaties.models import Accommodatie, Openingstijd, Reeks, Reservering, Sluiting
from demo import accommodaties as demo
from demo.tests.hulp import seed_demo as _seed
from meldingen.models import Melding

S = Reservering.Status


def _snapshot():
    return (
        Accommodatie.objects.count(),
        Accommodatie.beheerders.through.objects.count(),
        Openingstijd.objects.count(),
        Sluiting.objects.count(),
        Reeks.objects.count(),
        Reservering.objects.count(),
        Melding.objects.filter(soort__startswith="reservering_").count(),
    )


def _assert_sound(reserveringen):
    """No two active bookings of a facility overlap; each holds its buffer; within the hours."""
    per_ruimte = {}
    for r in reserveringen:
        per_ruimte.setdefault(r.accommodatie_id, []).append(r)
        assert r.bezet_tot == r.einde + r.accommodatie.buffer
        assert r.einde > r.begin
    for lijst in per_ruimte.values():
        assert demo.overlappen(lijst) == []
        # Also the inactive ones: the schedules never overlap at all.
        alle = sorted(lijst, key=lambda r: r.begin)
        assert all(b.begin >= a.bezet_tot for a, b in zip(alle, alle[1:], strict=False))


@pytest.mark.django_db
def test_seed_demo_creates_facilities_with_hours_closures_and_keepers():
    _seed()

    ruimtes = {a.slug: a for a in Accommodatie.objects.all()}
    assert set(ruimtes) == {
        "buurthuis-de-linde-grote-zaal",
        "beweegruimte-gezondheidscentrum",
        "zwembad-het-anker-instructiebad",
        "gemeenschapstuin-keuken",
    }
    zaal = ruimtes["buurthuis-de-linde-grote-zaal"]
    assert zaal.naam == "Buurthuis De Linde – grote zaal"
    assert zaal.goedkeuring_nodig and zaal.buffer_minuten == 15
    assert zaal.buurt.slug == "oud-zuid"
    assert ruimtes["zwembad-het-anker-instructiebad"].wie_mag_boeken == "beheerders"
    assert {e for a in ruimtes.values() for e in a.beheerders.values_list("email", flat=True)} == {
        "beheer@demo.wijk",
        "bewoner2@demo.wijk",
    }
    assert set(zaal.beheerders.values_list("email", flat=True)) == {
        "beheer@demo.wijk",
        "bewoner2@demo.wijk",
    }
    for ruimte in ruimtes.values():
        assert "beheer@demo.wijk" in ruimte.beheerders.values_list("email", flat=True)
        assert ruimte.beschrijving and ruimte.huisregels and ruimte.prijsinformatie
        ruimte.full_clean()
        dagen = set(ruimte.openingstijden.values_list("weekdag", flat=True))
        assert 0 < len(dagen) < 7  # some days closed
    # Morning and evening on one day.
    assert zaal.openingstijden.filter(weekdag=0).count() == 2
    assert not any(r.rolstoeltoegankelijk for r in ruimtes.values() if "keuken" in r.slug)
    assert Sluiting.objects.filter(accommodatie=zaal).exists()
    assert Sluiting.objects.exclude(accommodatie=zaal).exists()


@pytest.mark.django_db
def test_seed_demo_bookings_give_keepers_work_and_bewoner1_a_series():
    _seed()
    now = timezone.now()
    komend = Reservering.objects.filter(begin__gt=now)
    verleden = Reservering.objects.filter(begin__lt=now)

    # The keepers' overview has requests waiting, and were told about them.
    assert komend.filter(status=S.AANGEVRAAGD, accommodatie__slug=demo.MARKER_SLUG).exists()
    assert Melding.objects.filter(
        ontvanger__email="bewoner2@demo.wijk", soort="reservering_aanvraag"
    ).exists()
    assert set(komend.values_list("status", flat=True)) == set(S.values)
    # Only keepers book the pool.
    zwembad = Reservering.objects.filter(accommodatie__wie_mag_boeken="beheerders")
    assert zwembad.exists()
    assert set(zwembad.values_list("geboekt_door__email", flat=True)) == {"beheer@demo.wijk"}
    assert zwembad.exclude(namens="").exists()
    # bewoner1 has a couple of upcoming bookings, among them a weekly series.
    eigen = komend.filter(geboekt_door__email="bewoner1@demo.wijk", status__in=Reservering.ACTIEF)
    assert eigen.filter(reeks__isnull=True).count() >= 2
    reeks = Reeks.objects.get(geboekt_door__email="bewoner1@demo.wijk")
    assert reeks.interval_weken == 1
    assert eigen.filter(reeks=reeks).count() >= 5
    # History in the past, in every final state, never "aangevraagd".
    assert {S.BEVESTIGD, S.GEANNULEERD, S.GEWEIGERD} <= set(
        verleden.values_list("status", flat=True)
    )
    assert not verleden.filter(status=S.AANGEVRAAGD).exists()
    assert verleden.filter(geboekt_door__email="bewoner1@demo.wijk").exists()
    # Seeding sends no e-mail.
    assert mail.outbox == []


@pytest.mark.django_db
def test_seed_demo_bookings_never_overlap_and_lie_within_opening_hours():
    _seed()

    reserveringen = list(Reservering.objects.select_related("accommodatie"))
    _assert_sound(reserveringen)
    for r in reserveringen:
        assert services.binnen_openingstijden(r.accommodatie, r.begin, r.einde), r
        assert not r.accommodatie.sluitingen.filter(van__lt=r.einde, tot__gt=r.begin).exists()


@pytest.mark.django_db
def test_seed_demo_does_not_duplicate_the_demo_set():
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first


@pytest.mark.django_db
def test_seed_demo_scale_creates_facilities_and_bookings_in_proportion():
    _seed("--scale", "200")
    schaal = Accommodatie.objects.filter(slug__startswith=demo.SCHAAL_SLUG).order_by("slug")
    assert schaal.count() == 3  # at least three
    boekingen = Reservering.objects.filter(accommodatie__in=schaal).select_related("accommodatie")
    per_ruimte = [boekingen.filter(accommodatie=a).count() for a in schaal.all()]
    assert min(per_ruimte) > 500  # two years of a few bookings a day
    today = timezone.localdate()
    eerste = timezone.localtime(boekingen.order_by("begin").first().begin).date()
    laatste = timezone.localtime(boekingen.order_by("begin").last().begin).date()
    assert eerste <= today - timedelta(days=700)
    assert today + timedelta(days=45) <= laatste <= today + timedelta(days=60)
    # A realistic mix, booked by scale residents, some on behalf of an initiative.
    assert set(boekingen.values_list("status", flat=True)) == set(S.values)
    assert not boekingen.filter(begin__lt=timezone.now(), status=S.AANGEVRAAGD).exists()
    assert (
        not boekingen.exclude(geboekt_door__email__startswith="schaal-")
        .exclude(geboekt_door__email="beheer@demo.wijk")
        .exists()
    )
    assert boekingen.exclude(namens="").count() > boekingen.count() / 10
    assert not boekingen.filter(status=S.GEANNULEERD, geannuleerd_op__isnull=True).exists()
    assert not boekingen.filter(status=S.BEVESTIGD, bevestigd_op__isnull=True).exists()
    _assert_sound(list(boekingen))
    for r in list(boekingen.order_by("?")[:200]):
        assert services.binnen_openingstijden(r.accommodatie, r.begin, r.einde), r

    # Running it again adds nothing; a larger scale adds facilities in proportion.
    before = _snapshot()
    _seed("--scale", "200")
    assert _snapshot() == before
    command = SimpleNamespace(stdout=StringIO())
    demo.seed_scale(command, random.Random(1), 8000)
    assert schaal.count() == 4
    assert [boekingen.filter(accommodatie=a).count() for a in schaal.all()[:3]] == per_ruimte
    assert boekingen.filter(accommodatie=schaal.last()).count() > 300
    assert "1 schaal-accommodaties" in command.stdout.getvalue()


def test_facilities_in_proportion_to_residents():
    assert demo.aantal_ruimtes(200) == 3
    assert demo.aantal_ruimtes(2000) == 3
    assert demo.aantal_ruimtes(20000) == 10
    assert demo.aantal_ruimtes(100000) == 50


@pytest.mark.parametrize("seed", range(20))
def test_plan_keeps_the_buffer_the_hours_and_the_closures(seed):
    ams = ZoneInfo("Europe/Amsterdam")
    rng = random.Random(seed)
    buffer = timedelta(minutes=rng.choice((0, 10, 15, 30)))
    openingstijden = demo.uren(ma_di_wo_do_vr="9-12:30,12:30-17,19-22:30", za="10-17")
    # Over the change to summer time, with a closure of a few days.
    van, tot = date(2030, 3, 20), date(2030, 4, 20)
    sluiting = (datetime(2030, 4, 1, 12, tzinfo=ams), datetime(2030, 4, 4, tzinfo=ams))
    momenten = demo.plan_boekingen(
        rng,
        openingstijden=openingstijden,
        van=van,
        tot=tot,
        buffer=buffer,
        min_duur=30,
        max_duur=180,
        drukte=rng.random(),
        sluitingen=[sluiting],
    )
    assert momenten
    for (_b1, e1), (b2, _e2) in zip(momenten, momenten[1:], strict=False):
        assert b2 >= e1 + buffer
    for begin, einde in momenten:
        lokaal_begin, lokaal_einde = begin.astimezone(ams), einde.astimezone(ams)
        assert van <= lokaal_begin.date() < tot
        assert 30 <= (einde - begin).total_seconds() / 60 <= 180
        assert lokaal_begin.minute % 15 == 0
        assert any(
            a <= lokaal_begin.time() and lokaal_einde.time() <= b and lokaal_begin.date() == d
            for d in [lokaal_einde.date()]
            for a, b in openingstijden.get(lokaal_begin.weekday(), [])
        )
        assert not (begin < sluiting[1] and einde > sluiting[0])
