"""seed_demo's residents, staff and scale residents (the bewoners part)."""

from io import StringIO

import pytest
from django.core.management import call_command

from bewoners.models import Profiel, User
from meldingen.models import Melding


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_scales():
    call_command("seed_demo", stdout=StringIO())
    first = (User.objects.count(), Profiel.objects.count(), Melding.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Profiel.objects.count(), Melding.objects.count()) == first
    assert first[0] >= 50

    call_command("seed_demo", "--scale", "300", stdout=StringIO())
    call_command("seed_demo", "--scale", "300", stdout=StringIO())
    assert User.objects.filter(email__startswith="schaal-").count() == 300
    assert Profiel.objects.filter(user__email__startswith="schaal-").count() == 300
