"""The browse lists' rows and filter form are rendered once per process for their values
(``hulpvragen.weergave``): the remembered HTML must always be what rendering anew gives, for
every value a row or the form shows, and the pages must read the same with and without it."""

import re
from datetime import date, time, timedelta

import pytest
import time_machine
from django.http import QueryDict
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from bewoners.models import Buurt, Categorie
from bewoners.tests.factories import BuurtFactory, UserFactory
from hulpvragen import weergave
from hulpvragen.filters import AanbodFilter, HulpvraagFilter
from hulpvragen.models import Aanbod, Bereik, Hulpvraag, Urgentie, Wanneer
from hulpvragen.permissions import zichtbaar_aanbod
from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory

pytestmark = pytest.mark.django_db


def _vers_hulpvraag(h, eigen):
    return get_template("hulpvragen/_hulpvraag_rij.html").render(
        {"hulpvraag": h, "eigen_buurt_id": eigen}
    )


def _vers_aanbod(a, eigen):
    return get_template("hulpvragen/_aanbod_rij.html").render(
        {"aanbod": a, "eigen_buurt_id": eigen}
    )


def _hulpvraag(pk):
    return Hulpvraag.objects.voor_lijst().get(pk=pk)


def _aanbod(pk):
    return Aanbod.objects.voor_lijst().get(pk=pk)


def test_a_request_row_is_remembered_and_the_same_as_rendered_anew(bewoner):
    h = _hulpvraag(HulpvraagFactory(aanvrager=UserFactory(profiel__buurt=bewoner.profiel.buurt)).pk)
    eerste = weergave.hulpvraag_rij(h, bewoner.profiel.buurt_id)
    assert eerste == _vers_hulpvraag(h, bewoner.profiel.buurt_id)
    assert "jouw buurt" in eerste
    assert weergave.hulpvraag_rij(_hulpvraag(h.pk), bewoner.profiel.buurt_id) is eerste


# Every value a request's row shows, changed one at a time: the row follows at once.
HULPVRAAG_WIJZIGINGEN = [
    ("titel", lambda h: setattr(h, "titel", "Een andere titel")),
    ("beschrijving", lambda h: setattr(h, "beschrijving", "Nu met andere woorden erin.")),
    ("urgentie", lambda h: setattr(h, "urgentie", Urgentie.HOOG)),
    ("datum", lambda h: setattr(h, "datum", h.datum + timedelta(days=1))),
    ("tijd", lambda h: setattr(h, "tijd_tot", time(13, 30))),
    (
        "flexibel",
        lambda h: (setattr(h, "wanneer", Wanneer.FLEXIBEL), setattr(h, "uiterlijk", h.datum)),
    ),
    (
        "wekelijks",
        lambda h: (
            setattr(h, "wanneer", Wanneer.WEKELIJKS),
            setattr(h, "weekdag", 2),
            setattr(h, "herhalen_tot", h.datum + timedelta(days=60)),
        ),
    ),
    ("categorie", lambda h: setattr(h, "categorie", Categorie.objects.get(slug="klussen"))),
    ("buurt", lambda h: setattr(h, "buurt", Buurt.objects.exclude(pk=h.buurt_id).first())),
    ("geen buurt", lambda h: setattr(h, "buurt", None)),
]


@pytest.mark.parametrize(
    "wat,wijzig", HULPVRAAG_WIJZIGINGEN, ids=[w for w, _ in HULPVRAAG_WIJZIGINGEN]
)
def test_a_request_row_follows_every_value_it_shows(bewoner, wat, wijzig):
    eigen = bewoner.profiel.buurt_id
    BuurtFactory()  # another buurt to move to
    h = _hulpvraag(HulpvraagFactory(aanvrager=UserFactory(profiel__buurt=bewoner.profiel.buurt)).pk)
    voor = weergave.hulpvraag_rij(h, eigen)
    wijzig(h)
    na = weergave.hulpvraag_rij(h, eigen)
    assert na == _vers_hulpvraag(h, eigen)
    assert na != voor


def test_a_renamed_category_or_buurt_shows_at_once(bewoner):
    eigen = bewoner.profiel.buurt_id
    h = _hulpvraag(HulpvraagFactory(aanvrager=UserFactory(profiel__buurt=bewoner.profiel.buurt)).pk)
    weergave.hulpvraag_rij(h, eigen)
    Categorie.objects.filter(pk=h.categorie_id).update(naam="Rijden")
    Buurt.objects.filter(pk=h.buurt_id).update(naam="Nieuwe Hof")
    na = weergave.hulpvraag_rij(_hulpvraag(h.pk), eigen)
    assert "Rijden" in na and "Nieuwe Hof" in na


def test_a_request_row_per_reader_buurt_language_and_year(bewoner):
    eigen = bewoner.profiel.buurt_id
    h = _hulpvraag(
        HulpvraagFactory(
            aanvrager=UserFactory(profiel__buurt=bewoner.profiel.buurt),
            datum=date(2031, 3, 12),
        ).pk
    )
    mijn = weergave.hulpvraag_rij(h, eigen)
    ander = weergave.hulpvraag_rij(h, eigen + 1000)
    assert "jouw buurt" in mijn and "jouw buurt" not in ander
    with translation.override("en"):
        engels = weergave.hulpvraag_rij(h, eigen)
        assert engels == _vers_hulpvraag(h, eigen)
    assert engels != mijn and "Wednesday" in engels
    # The year shows only when it is not this year: the same row reads differently in 2031.
    with time_machine.travel(timezone.make_aware(timezone.datetime(2031, 1, 5, 12)), tick=False):
        in_2031 = weergave.hulpvraag_rij(h, eigen)
        assert in_2031 == _vers_hulpvraag(h, eigen)
    assert "2031" in mijn and "2031" not in in_2031


AANBOD_WIJZIGINGEN = [
    ("titel", lambda a: setattr(a, "titel", "Anders aanbod")),
    ("beschrijving", lambda a: setattr(a, "beschrijving", "Iets heel anders.")),
    ("categorieen", lambda a: setattr(a, "lijst_categorieen", list(Categorie.objects.all()[:2]))),
    ("voornaam", lambda a: setattr(a.helper, "first_name", "Gerrit")),
    ("overal", lambda a: setattr(a, "bereik", Bereik.OVERAL)),
    ("buurten", lambda a: setattr(a, "lijst_buurten", list(Buurt.objects.all()))),
    ("eigen buurt weg", lambda a: setattr(a, "buurt", None)),
]


@pytest.mark.parametrize("wat,wijzig", AANBOD_WIJZIGINGEN, ids=[w for w, _ in AANBOD_WIJZIGINGEN])
def test_an_offer_row_follows_every_value_it_shows(bewoner, wat, wijzig):
    BuurtFactory()
    eigen = bewoner.profiel.buurt_id
    a = _aanbod(
        AanbodFactory(
            helper=UserFactory(profiel__buurt=bewoner.profiel.buurt),
            bereik=Bereik.BUURTEN,
            categorieen=[Categorie.objects.get(slug="vervoer")],
        ).pk
    )
    voor = weergave.aanbod_rij(a, eigen)
    assert voor == _vers_aanbod(a, eigen)
    wijzig(a)
    na = weergave.aanbod_rij(a, eigen)
    assert na == _vers_aanbod(a, eigen)
    assert na != voor


def _velden(filterset):
    filterset.qs  # noqa: B018 - validates the form, as the view does
    return weergave.filter_velden(filterset.form)


def _velden_vers(filterset):
    return get_template("hulpvragen/_filter_velden.html").render({"form": filterset.form})


@pytest.mark.parametrize("filter_class", [HulpvraagFilter, AanbodFilter])
@pytest.mark.parametrize(
    "data", [None, {"q": "fiets"}, {"categorie": "999999", "buurt": "x"}], ids=["leeg", "q", "fout"]
)
def test_the_filter_form_is_what_rendering_anew_gives(bewoner, filter_class, data):
    eigen = bewoner.profiel.buurt_id
    qs = Hulpvraag.objects.all() if filter_class is HulpvraagFilter else zichtbaar_aanbod()
    gegevens = None
    if data is not None:
        gegevens = QueryDict(mutable=True)
        gegevens.update(data)
    html = _velden(filter_class(gegevens, queryset=qs, eigen_buurt_id=eigen))
    assert html == _velden_vers(filter_class(gegevens, queryset=qs, eigen_buurt_id=eigen))
    if data and "categorie" in data:
        assert "errorlist" in html
    # A new category and another reader's own buurt are in the choices at once.
    Categorie.objects.create(naam="Fietsen maken", slug="fietsen-maken")
    nieuw = _velden(filter_class(gegevens, queryset=qs, eigen_buurt_id=None))
    assert "Fietsen maken" in nieuw and "jouw buurt" not in nieuw
    assert nieuw == _velden_vers(filter_class(gegevens, queryset=qs, eigen_buurt_id=None))


@pytest.mark.parametrize("naam", ["hulpvraag_list", "aanbod_list"])
def test_the_lists_read_the_same_remembered_or_not(client_for, bewoner, naam):
    buren = UserFactory.create_batch(2, profiel__buurt=bewoner.profiel.buurt)
    for buur in buren:
        HulpvraagFactory(aanvrager=buur, urgentie=Urgentie.HOOG)
        AanbodFactory(helper=buur, bereik=Bereik.BUURTEN, buurten=[bewoner.profiel.buurt])
    client = client_for(bewoner)
    adres = reverse(f"hulpvragen:{naam}")
    weergave.rijen.vergeet()
    weergave.filterformulieren.vergeet()
    vers = client.get(adres, {"q": "e"}).content.decode()
    onthouden = client.get(adres, {"q": "e"}).content.decode()
    assert vers.count('class="kaart"') == 2
    assert _zonder_sleutels(onthouden) == _zonder_sleutels(vers)


def _zonder_sleutels(html):
    """Without the CSRF token and the CSP nonce, which differ per response."""
    return re.sub(r"[A-Za-z0-9+/=_-]{20,}", "", html)


def test_remembering_is_bounded():
    geheugen = weergave.Onthouden(3)
    for i in range(5):
        geheugen(i, lambda i=i: f"<p>{i}</p>")
    geheugen(2, lambda: "anders")  # used, so kept over 3 and 4's elder
    geheugen(5, lambda: "<p>5</p>")
    assert list(geheugen._html) == [4, 2, 5]
