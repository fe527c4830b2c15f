"""Filters for the list of initiatives, the agenda and the printable week."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.models import Buurt
from wijk.lib.forms import FilterForm

from .models import Bijeenkomst, Initiatief, Thema

DATE = {"type": "date"}
DATUM_FOUT = {"invalid": _("Vul een datum in, bijvoorbeeld 14-03-2030.")}


def _begin_van_dag(dag):
    return timezone.make_aware(datetime.combine(dag, time.min))


def _buurt_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Buurt"),
        queryset=Buurt.objects.order_by("naam"),
        empty_label=_("Alle buurten"),
        method="in_buurt",
    )


def _thema_filter(field_name: str):
    return django_filters.ChoiceFilter(
        label=_("Thema"),
        choices=Thema.choices,
        empty_label=_("Alle thema's"),
        field_name=field_name,
    )


class InitiatiefFilter(django_filters.FilterSet):
    thema = _thema_filter("thema")
    buurt = _buurt_filter()

    class Meta:
        model = Initiatief
        fields = ["thema", "buurt"]
        form = FilterForm

    def in_buurt(self, queryset, name, value):
        # A subquery, not a join: no initiative twice, and counts stay right.
        return queryset.filter(pk__in=Initiatief.objects.filter(buurten=value).values("pk"))


class AgendaFilter(django_filters.FilterSet):
    """Coming meetings: by theme, neighbourhood, dates, and only those with a place left."""

    thema = _thema_filter("activiteit__initiatief__thema")
    buurt = _buurt_filter()
    van = django_filters.DateFilter(
        label=_("Vanaf"),
        method="vanaf",
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=DATUM_FOUT,
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"),
        method="tot_en_met",
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=DATUM_FOUT,
    )
    met_plek = django_filters.BooleanFilter(
        label=_("Alleen met plek vrij"),
        widget=forms.CheckboxInput,
        method="alleen_met_plek",
    )

    class Meta:
        model = Bijeenkomst
        fields = ["thema", "buurt", "van", "tot", "met_plek"]
        # Dates outside the range the app accepts are refused with a message on the field
        # (a day after 9999-12-31 does not exist), so the methods below get sane dates only.
        form = FilterForm

    def in_buurt(self, queryset, name, value):
        initiatieven = Initiatief.objects.filter(buurten=value).values("pk")
        return queryset.filter(activiteit__initiatief__in=initiatieven)

    def vanaf(self, queryset, name, value):
        return queryset.filter(begin__gte=_begin_van_dag(value))

    def tot_en_met(self, queryset, name, value):
        return queryset.filter(begin__lt=_begin_van_dag(value + timedelta(days=1)))

    def alleen_met_plek(self, queryset, name, value):
        """An unticked box means "don't care", not "only the full ones". Needs the counts."""
        return queryset.met_plek() if value else queryset


class WeekFilter(django_filters.FilterSet):
    """The printable week: for one neighbourhood or theme, if wanted."""

    buurt = _buurt_filter()
    thema = _thema_filter("activiteit__initiatief__thema")

    class Meta:
        model = Bijeenkomst
        fields = ["buurt", "thema"]
        form = FilterForm

    in_buurt = AgendaFilter.in_buurt
