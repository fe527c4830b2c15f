"""The demo has a year of history (issue 15, 12): the board report shows real figures and
trends for last quarter and this year, whatever day the seed runs."""

import pytest
from django.db.models import F
from django.utils import timezone

from accommodaties.models import Reservering
from buurtassistenten.models import Contactmoment, Doorverwijzing, Vervolg
from demo.tests.hulp import seed_demo as _seed
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding
from rapportages import cijfers
from rapportages.forms import Keuze, vaste_periode

pytestmark = pytest.mark.django_db

# The month-by-month series of the report (cijfers.trend*), each with its two counts.
REEKSEN = {
    cijfers.trend: ("nieuw", "gematcht"),
    cijfers.trend_meedoen: ("aanmeldingen", "gekomen"),
    cijfers.trend_ruimtes: ("boekingen", "geannuleerd"),
}


def _periode(keuze: str) -> cijfers.Periode:
    return cijfers.Periode(*vaste_periode(keuze, timezone.localdate()))


def _controleer(periode: cijfers.Periode) -> None:
    deze_maand = timezone.localdate().replace(day=1)
    for reeks, kolommen in REEKSEN.items():
        for maand in reeks(periode):
            for kolom in kolommen:
                if maand["maand"] < deze_maand:  # a whole month: shown, not "<5"
                    assert maand[kolom] >= 5, (reeks.__name__, maand)
    hulp = cijfers.hulp(periode)
    for sleutel in ("nieuw", "gematcht", "afgerond", "actieve_helpers", "geholpen_bewoners"):
        assert hulp[sleutel] > 0, sleutel
    assert hulp["uren"] > 0
    meedoen = cijfers.meedoen(periode)
    for sleutel in ("nieuwe_bewoners", "aanmeldingen", "gekomen", "actieve_initiatieven"):
        assert meedoen[sleutel] > 0, sleutel
    assert cijfers.accommodaties(periode)["boekingen"] > 0
    coordinatie = cijfers.coordinatie(periode)
    assert coordinatie["contactmomenten"] > 0
    assert coordinatie["doorverwijzingen"]


def test_last_quarter_and_this_year_have_figures_in_every_series_and_month():
    _seed()
    vorig_kwartaal = _periode(Keuze.VORIG_KWARTAAL)
    _controleer(vorig_kwartaal)
    assert cijfers.meedoen(vorig_kwartaal)["verwelkomd"] > 0
    _controleer(_periode(Keuze.DIT_JAAR))
    # A year back, busier in autumn and winter than in the summer holidays.
    jaar = cijfers.Periode(
        timezone.localdate().replace(day=1).replace(year=timezone.localdate().year - 1),
        timezone.localdate().replace(day=1),
    )
    per_maand = {m["maand"].month: m["nieuw"] for m in cijfers.trend(jaar)}
    assert sum(per_maand[m] for m in (10, 11, 1)) > sum(per_maand[m] for m in (7, 8, 6))


def test_the_history_is_sound():
    _seed()
    now = timezone.now()
    # Nothing of the past lies in the future, and who acted had joined by then.
    assert not Hulpvraag.objects.filter(aanvrager__date_joined__gt=F("aangemaakt_op")).exists()
    assert not Match.objects.filter(helper__date_joined__gt=F("aangemaakt_op")).exists()
    assert not Match.objects.filter(afgerond_op__gt=now).exists()
    assert not Match.objects.filter(geaccepteerd_op__lt=F("aangemaakt_op")).exists()
    assert not Hulpvraag.objects.filter(gematcht_op__lt=F("aangemaakt_op")).exists()
    afgerond = Match.objects.filter(status=Match.Status.AFGEROND)
    assert afgerond.count() > 100
    assert not afgerond.filter(uren__isnull=True).exists()
    assert not Reservering.objects.filter(geboekt_door__date_joined__gt=F("aangemaakt_op")).exists()
    assert not Aanmelding.objects.filter(
        user__date_joined__gt=F("bijeenkomst__begin"), bijeenkomst__begin__lt=now
    ).exists()
    assert not Contactmoment.objects.filter(datum__gt=now).exists()
    assert (
        not Contactmoment.objects.exclude(aangemaakt_op=F("datum"))
        .filter(datum__lt=now - timezone.timedelta(days=30))
        .exists()
    )
    assert not Doorverwijzing.objects.filter(bijgewerkt_op__lt=F("aangemaakt_op")).exists()
    # The welcome follow-ups that were due are done; none waits from before the last weeks.
    assert (
        not Vervolg.objects.open()
        .filter(datum__lt=timezone.localdate() - timezone.timedelta(days=60))
        .exists()
    )
