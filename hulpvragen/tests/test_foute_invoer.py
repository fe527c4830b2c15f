"""Bad input in the help forms (issue 12): ids no database column can hold, dates out of range.

``tests/test_hostile_input.py`` found that posting 9223372036854775808 as a category of an
offer answered 500 on SQLite (OverflowError from the ``pk__in`` query of the form's
multiple-choice field). The integer ``__in`` lookup of ``wijk.lib.lookups`` now ignores such
numbers, so the form says the choice is not valid.
"""

import pytest
from django.urls import reverse

from bewoners.models import Categorie
from hulpvragen.models import Aanbod, Hulpvraag
from hulpvragen.tests.test_views import geldig_aanbod, geldige_hulpvraag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "categorieen",
    [["9223372036854775808"], ["-9223372036854775809"], ["1" + "0" * 30], ["12abc"]],
)
def test_an_offer_with_a_category_id_no_column_can_hold_is_refused(client_for, helper, categorieen):
    response = client_for(helper).post(
        reverse("hulpvragen:aanbod_create"), geldig_aanbod(categorieen=categorieen)
    )
    assert response.status_code in (200, 400)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Aanbod.objects.exists()


def test_a_huge_id_beside_a_real_one_is_still_refused(client_for, helper):
    echt = Categorie.objects.get(slug="klussen").pk
    response = client_for(helper).post(
        reverse("hulpvragen:aanbod_create"),
        geldig_aanbod(categorieen=[echt, "9223372036854775808"]),
    )
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Aanbod.objects.exists()


@pytest.mark.parametrize("veld", ["datum", "uiterlijk"])
@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31"])
def test_a_request_with_a_date_out_of_range_is_refused(client_for, bewoner, veld, datum):
    wanneer = "datum" if veld == "datum" else "flexibel"
    response = client_for(bewoner).post(
        reverse("hulpvragen:hulpvraag_create"),
        geldige_hulpvraag(wanneer=wanneer, **{veld: datum}),
    )
    assert "Kies een datum tussen 1 januari 1900 en 31 december 2199." in response.content.decode()
    assert not Hulpvraag.objects.exists()
