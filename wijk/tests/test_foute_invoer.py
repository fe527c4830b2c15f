"""Bad input in general (issue 12, deliverable 5): the one date range every form and filter
uses (``wijk.lib.forms``), and a friendly page for a request with more data than Django takes
(``wijk.middleware.TeVeelGegevensMiddleware``). The whole site is tried with hostile input in
``tests/test_hostile_input.py``."""

import importlib
import inspect
from datetime import date, datetime
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from wijk.lib.forms import (
    EERSTE_DATUM,
    LAATSTE_DATUM,
    DatumBereikMixin,
    DatumEnTijdenMixin,
    FilterForm,
    begrens_datums,
    datum_in_bereik,
)

BEREIK = "Kies een datum tussen 1 januari 1900 en 31 december 2199."
APPS = [
    "cooperaties",
    "bewoners",
    "meldingen",
    "hulpvragen",
    "accommodaties",
    "initiatieven",
    "buurtassistenten",
    "rapportages",
]


# --- the date range ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "waarde",
    [
        EERSTE_DATUM,
        LAATSTE_DATUM,
        date(2030, 3, 4),
        datetime(1900, 1, 1),
        datetime(2199, 12, 31, 23, 59),
    ],
)
def test_dates_in_the_range_pass(waarde):
    datum_in_bereik(waarde)


@pytest.mark.parametrize(
    "waarde",
    [date(1, 1, 1), date(1899, 12, 31), date(2200, 1, 1), date(9999, 12, 31), datetime(1, 1, 1)],
)
def test_dates_outside_the_range_are_refused_in_plain_dutch(waarde):
    with pytest.raises(ValidationError) as fout:
        datum_in_bereik(waarde)
    assert fout.value.messages == [BEREIK]


class _Formulier(DatumBereikMixin, forms.Form):
    dag = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added after __init__, as DatumEnTijdenMixin forms do: checked all the same.
        self.fields["later"] = forms.DateField(required=False)


@pytest.mark.parametrize(
    "data, fout_in",
    [
        ({"dag": "0001-01-01"}, "dag"),
        ({"dag": "2030-03-04", "moment": "9999-12-31T23:59"}, "moment"),
        ({"dag": "2030-03-04", "later": "9999-12-31"}, "later"),
    ],
)
def test_the_mixin_refuses_out_of_range_dates_in_every_date_field(data, fout_in):
    form = _Formulier(data)
    assert not form.is_valid()
    assert form.errors[fout_in] == [BEREIK]


def test_the_mixin_adds_the_check_once_and_sets_the_date_picker():
    form = _Formulier()
    begrens_datums(form.fields)
    begrens_datums(form.fields)
    assert form.fields["dag"].validators.count(datum_in_bereik) == 1
    assert 'min="1900-01-01"' in str(form["dag"]) and 'max="2199-12-31"' in str(form["dag"])


def _klassen(basis):
    """Classes derived from ``basis`` in the apps' forms and filters modules."""
    gevonden = []
    for app in APPS:
        for pad in sorted(Path(settings.BASE_DIR, app).glob("f*.py")):
            if not pad.stem.startswith(("forms", "filters")):
                continue
            module = importlib.import_module(f"{app}.{pad.stem}")
            gevonden += [
                klasse
                for _naam, klasse in inspect.getmembers(module, inspect.isclass)
                if issubclass(klasse, basis) and klasse.__module__ == module.__name__
            ]
    return gevonden


def test_every_form_with_a_date_uses_the_one_date_range():
    """A new form with a date or date-time field must use ``DatumBereikMixin`` (directly or
    through ``DatumEnTijdenMixin``); this fails when one does not."""
    klassen = _klassen(forms.BaseForm)
    assert len(klassen) > 20
    met_datum = [
        klasse
        for klasse in klassen
        if issubclass(klasse, DatumEnTijdenMixin)
        or any(
            isinstance(veld, (forms.DateField, forms.DateTimeField))
            for veld in klasse.base_fields.values()
        )
    ]
    assert len(met_datum) >= 8
    zonder = [k.__qualname__ for k in met_datum if not issubclass(k, DatumBereikMixin)]
    assert zonder == []


def test_every_filter_uses_the_filter_form():
    filtersets = _klassen(django_filters.FilterSet)
    assert len(filtersets) >= 5
    zonder = [f.__qualname__ for f in filtersets if not issubclass(f._meta.form, FilterForm)]
    assert zonder == []


# --- too much data -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_larger_than_allowed_gets_a_friendly_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/i18n/setlang/", {"language": "nl", "tekst": "x" * 2000})
    assert response.status_code == 413
    inhoud = response.content.decode()
    assert "Te veel gegevens in één keer" in inhoud
    assert "Er is niets opgeslagen." in inhoud


@pytest.mark.django_db
def test_too_many_fields_in_the_body_get_a_friendly_413(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post("/i18n/setlang/", {f"veld{i}": "x" for i in range(20)})
    assert response.status_code == 413
    assert "Te veel gegevens in één keer" in response.content.decode()


@pytest.mark.django_db
def test_too_many_fields_in_the_query_get_a_friendly_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.get("/initiatieven/agenda/", {f"veld{i}": "x" for i in range(20)})
    assert response.status_code == 400
    assert "Te veel gegevens in één keer" in response.content.decode()


@pytest.mark.django_db
def test_a_normal_post_is_not_touched(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


# --- ids no column can hold --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("waarde", [2**63, -(2**63) - 1, 10**30])
def test_in_with_a_number_no_column_can_hold_matches_nothing(buurt, waarde):
    from bewoners.models import Buurt

    assert list(Buurt.objects.filter(pk__in=[waarde])) == []
    assert list(Buurt.objects.filter(pk__in=[waarde, buurt.pk])) == [buurt]
    assert Buurt.objects.exclude(pk__in=[waarde]).count() == Buurt.objects.count()
