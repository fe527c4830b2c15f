"""A date out of the app's range is refused in the admin too (issue 12: year-1 dates broke
pages once stored)."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from accommodaties.models import Accommodatie, Sluiting
from wijk.lib.forms import datum_in_bereik

pytestmark = pytest.mark.django_db


def test_every_admin_form_has_the_date_range_on_its_date_fields(rf, beheerder):
    beheerder.is_superuser = True  # every admin form and inline, whatever the permissions
    request = rf.get("/")
    request.user = beheerder
    gecontroleerd = 0
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        for naam, veld in form.base_fields.items():
            model_veld = next((f for f in model._meta.fields if f.name == naam), None)
            if model_veld is not None and model_veld.get_internal_type() in (
                "DateField",
                "DateTimeField",
            ):
                assert datum_in_bereik in veld.validators, f"{model.__name__}.{naam}"
                gecontroleerd += 1
    # The login library's sessions and second steps are look-only in the admin (issue 15), so
    # their dates are no form fields; the app's own models still have these five.
    assert gecontroleerd >= 5


def test_a_closure_of_the_year_1_is_refused_by_the_admin_inline(rf, beheerder):
    beheerder.is_superuser = True  # every admin form and inline, whatever the permissions
    request = rf.get("/")
    request.user = beheerder
    [inline] = [
        i
        for i in admin.site._registry[Accommodatie].get_inline_instances(request)
        if i.model is Sluiting
    ]
    van = inline.get_formset(request).form.base_fields["van"]
    with pytest.raises(ValidationError) as fout:
        van.clean(["01-01-0001", "10:00"])
    assert "Kies een datum tussen 1 januari 1900 en 31 december 2199." in fout.value.messages
    assert van.clean(["01-03-2030", "10:00"]).year == 2030
