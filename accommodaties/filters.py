import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from bewoners.models import Buurt
from wijk.lib.forms import FilterForm

from .models import Accommodatie


class AccommodatieFilter(django_filters.FilterSet):
    buurt = django_filters.ModelChoiceFilter(
        label=_("Buurt"), queryset=Buurt.objects.all(), empty_label=_("Alle buurten")
    )
    rolstoeltoegankelijk = django_filters.BooleanFilter(
        label=_("Toegankelijk met een rolstoel"),
        widget=forms.CheckboxInput,
        method="alleen_als_aangevinkt",
    )
    ringleiding = django_filters.BooleanFilter(
        label=_("Met ringleiding"), widget=forms.CheckboxInput, method="alleen_als_aangevinkt"
    )
    capaciteit = django_filters.NumberFilter(
        label=_("Voor hoeveel mensen?"),
        lookup_expr="gte",
        min_value=1,
        max_value=100_000,
        max_digits=6,
        decimal_places=0,
        error_messages={
            "invalid": _("Vul een aantal mensen in, bijvoorbeeld 20."),
            "min_value": _("Vul minstens 1 in."),
            "max_value": _("Vul een kleiner aantal in."),
            "max_digits": _("Vul een kleiner aantal in."),
            "max_whole_digits": _("Vul een kleiner aantal in."),
            "max_decimal_places": _("Vul een heel getal in."),
        },
    )

    class Meta:
        model = Accommodatie
        fields = ["buurt", "capaciteit", "rolstoeltoegankelijk", "ringleiding"]
        form = FilterForm

    def alleen_als_aangevinkt(self, queryset, name, value):
        """An unticked box means "don't care", not "only those without"."""
        return queryset.filter(**{name: True}) if value else queryset
