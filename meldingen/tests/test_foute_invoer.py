"""Where a melding form sends you back to: only a path on this site (issue 12: ``next=40``
answered 500, because ``redirect()`` took "40" for the name of a URL pattern)."""

import pytest
from django.urls import reverse

from meldingen.models import Melding
from meldingen.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "volgende",
    ["40", "home", "hulp/", "meldingen:inbox", "//evil.example/", "https://evil.example/", ""],
)
def test_marking_read_with_a_next_that_is_not_a_local_path_goes_to_the_inbox(
    client_for, bewoner, volgende
):
    melding = MeldingFactory(ontvanger=bewoner)
    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]), {"next": volgende}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meldingen:inbox")
    assert Melding.objects.get(pk=melding.pk).gelezen_op is not None


def test_marking_all_read_with_next_40_goes_to_the_inbox(client_for, bewoner):
    MeldingFactory(ontvanger=bewoner)
    response = client_for(bewoner).post(reverse("meldingen:mark_all_read"), {"next": "40"})
    assert response.status_code == 302
    assert response["Location"] == reverse("meldingen:inbox")


def test_a_local_path_is_followed(client_for, bewoner):
    melding = MeldingFactory(ontvanger=bewoner)
    terug = f"{reverse('meldingen:inbox')}?ongelezen=1&page=2"
    response = client_for(bewoner).post(
        reverse("meldingen:mark_read", args=[melding.pk]), {"next": terug}
    )
    assert response.status_code == 302
    assert response["Location"] == terug
