"""Filters for browsing open help requests and offers (django-filter, plain GET parameters).

No buurt is chosen by default (all buurten); the person's own buurt is listed first and marked.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.availability import DAGEN, bit
from bewoners.models import Buurt, Categorie
from wijk.lib.forms import FilterForm

from .models import Aanbod, Bereik, Hulpvraag, Urgentie, Wanneer


def buurt_choices(eigen_buurt_id):
    """All buurten, the person's own first and marked "(jouw buurt)"."""
    choices = []
    for pk, naam in Buurt.objects.values_list("pk", "naam"):
        if pk == eigen_buurt_id:
            choices.insert(0, (pk, _("%(naam)s (jouw buurt)") % {"naam": naam}))
        else:
            choices.append((pk, naam))
    return choices


class _Basis(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoek op woorden"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    categorie = django_filters.ModelChoiceFilter(
        label=_("Soort hulp"),
        queryset=Categorie.objects.actief(),
        empty_label=_("Alle soorten hulp"),
        method="filter_categorie",
    )
    buurt = django_filters.ChoiceFilter(
        label=_("Buurt"),
        empty_label=_("Alle buurten"),
        method="filter_buurt",
    )

    class Meta:
        form = FilterForm

    def __init__(self, data=None, *args, eigen_buurt_id=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["buurt"].extra["choices"] = buurt_choices(eigen_buurt_id)

    def filter_q(self, queryset, name, value):
        for woord in value.split()[:10]:
            queryset = queryset.filter(Q(titel__icontains=woord) | Q(beschrijving__icontains=woord))
        return queryset


class HulpvraagFilter(_Basis):
    wanneer = django_filters.ChoiceFilter(
        label=_("Wanneer"),
        empty_label=_("Maakt niet uit"),
        choices=[
            ("week", _("Binnen een week")),
            ("maand", _("Binnen een maand")),
            ("flexibel", _("Flexibel")),
            ("wekelijks", _("Elke week")),
        ],
        method="filter_wanneer",
    )
    urgentie = django_filters.ChoiceFilter(
        label=_("Hoe dringend"), empty_label=_("Maakt niet uit"), choices=Urgentie.choices
    )

    class Meta:
        model = Hulpvraag
        fields = ["q", "categorie", "buurt", "wanneer", "urgentie"]
        form = FilterForm

    def filter_categorie(self, queryset, name, value):
        return queryset.filter(categorie=value)

    def filter_buurt(self, queryset, name, value):
        return queryset.filter(buurt_id=int(value))

    def filter_wanneer(self, queryset, name, value):
        if value in ("week", "maand"):
            vandaag = timezone.localdate()
            tot = vandaag + timedelta(days=7 if value == "week" else 31)
            return queryset.filter(
                Q(wanneer=Wanneer.DATUM, datum__range=(vandaag, tot))
                | Q(wanneer=Wanneer.FLEXIBEL, uiterlijk__range=(vandaag, tot))
                | Q(wanneer=Wanneer.WEKELIJKS)
            )
        if value == "flexibel":
            return queryset.filter(wanneer=Wanneer.FLEXIBEL)
        if value == "wekelijks":
            return queryset.filter(wanneer=Wanneer.WEKELIJKS)
        return queryset


def dag_mask(dag: int) -> int:
    return bit(dag, 0) | bit(dag, 1) | bit(dag, 2)


class AanbodFilter(_Basis):
    dag = django_filters.ChoiceFilter(
        label=_("Kan op"),
        empty_label=_("Maakt niet uit"),
        choices=[(i, str(d).capitalize()) for i, d in enumerate(DAGEN)],
        method="filter_dag",
    )

    class Meta:
        model = Aanbod
        fields = ["q", "categorie", "buurt", "dag"]
        form = FilterForm

    def filter_categorie(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Aanbod.categorieen.through.objects.filter(
                    aanbod_id=OuterRef("pk"), categorie_id=value.pk
                )
            )
        )

    def filter_buurt(self, queryset, name, value):
        """Offers that reach this buurt: everywhere, the helper's own, or one they chose."""
        value = int(value)
        genoemd = Aanbod.buurten.through.objects.filter(aanbod_id=OuterRef("pk"), buurt_id=value)
        return queryset.filter(
            Q(bereik=Bereik.OVERAL) | Q(buurt_id=value) | Q(Exists(genoemd), bereik=Bereik.BUURTEN)
        )

    def filter_dag(self, queryset, name, value):
        return queryset.annotate(
            _dag=F("beschikbaarheid").bitand(Value(dag_mask(int(value))))
        ).filter(_dag__gt=0)
