"""The layout's per-person answers come from the cache and change at once (issue 16).

The header's unread count, the menu's role links and the second-factor rule are kept in the
cache (``bewoners.per_persoon``); every change shows on the next page, in its own coöperatie
only, and a static page for a logged-in resident costs the same few queries however many
meldingen they have.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.roles import PlatformRol, Rol, assign_role, remove_role
from bewoners.services import lid_worden
from bewoners.tests.factories import UserFactory, add_totp
from cooperaties.huidige import in_cooperatie
from cooperaties.services import cooperatie_create
from meldingen import services as meldingen
from meldingen.models import Melding

pytestmark = pytest.mark.django_db

STATISCH = reverse("privacyverklaring")
COORDINATIE = reverse("buurtassistenten:dashboard")
NETWERK = reverse("netwerk:federatie")


def _stuur(user, titel="Hallo"):
    return meldingen.melding_send(user, "buurtassistent_bericht", titel=titel)


def _badge(client, host="testserver") -> str:
    """The header's unread count as the page shows it ("" for none)."""
    html = client.get(STATISCH, HTTP_HOST=host).content.decode()
    begin = html.find('class="meldingen-kort"')
    if begin < 0:
        return ""
    return html[begin:].split('<span class="badge">', 1)[1].split("<", 1)[0]


def test_a_new_melding_shows_in_the_header_at_once(client, bewoner):
    client.force_login(bewoner)
    assert _badge(client) == ""
    _stuur(bewoner)
    assert _badge(client) == "1"
    _badge(client)  # from the cache now
    _stuur(bewoner)
    meldingen.melding_send_many([bewoner], "buurtassistent_bericht", titel="Voor velen")
    assert _badge(client) == "3"


def test_reading_meldingen_clears_the_header_at_once(client, bewoner):
    client.force_login(bewoner)
    eerste, _tweede = _stuur(bewoner), _stuur(bewoner)
    assert _badge(client) == "2"
    client.get(reverse("meldingen:open", args=[eerste.pk]))
    assert _badge(client) == "1"
    client.post(reverse("meldingen:mark_all_read"))
    assert _badge(client) == ""
    _stuur(bewoner)
    assert _badge(client) == "1"
    Melding.objects.get(gelezen_op__isnull=True).delete()  # as the admin does
    assert _badge(client) == ""


def test_a_role_taken_away_hides_the_menu_link_at_once(client, buurtassistent):
    client.force_login(buurtassistent)
    assert COORDINATIE in client.get(STATISCH).content.decode()
    assert client.get(COORDINATIE).status_code == 200
    remove_role(buurtassistent, Rol.BUURTASSISTENT)
    assert COORDINATIE not in client.get(STATISCH).content.decode()
    assert client.get(COORDINATIE).status_code == 403


def test_a_role_changed_elsewhere_shows_at_once(client, bewoner):
    """Changed without the roles' own functions (the admin, a migration's code): the signals."""
    add_totp(bewoner)  # the board's roles require the second factor
    client.force_login(bewoner)
    assert COORDINATIE not in client.get(STATISCH).content.decode()
    bewoner.profiel.rollen.add(Group.objects.get(name=Rol.BESTUUR))
    assert reverse("rapportages:rapport") in client.get(STATISCH).content.decode()
    bewoner.profiel.rollen.remove(Group.objects.get(name=Rol.BESTUUR))
    assert reverse("rapportages:rapport") not in client.get(STATISCH).content.decode()
    assert NETWERK not in client.get(STATISCH).content.decode()
    bewoner.groups.add(Group.objects.get(name=PlatformRol.NETWERKBESTUUR))
    assert NETWERK in client.get(STATISCH).content.decode()
    bewoner.groups.clear()
    assert NETWERK not in client.get(STATISCH).content.decode()


def test_the_second_factor_set_up_counts_at_once(client, bewoner):
    client.force_login(bewoner)
    assert client.get(STATISCH).status_code == 200
    assign_role(bewoner, Rol.BUURTASSISTENT)
    assert client.get(STATISCH).status_code == 302  # to the authenticator app's set-up
    add_totp(bewoner)
    assert client.get(STATISCH).status_code == 200


def test_another_cooperatie_never_sees_the_kept_answers_of_the_first(client, settings):
    settings.ALLOWED_HOSTS = [".localhost", "testserver"]
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")
    user = UserFactory(rollen=[Rol.BUURTASSISTENT], with_mfa=True)
    _stuur(user)
    with in_cooperatie(oost):
        lid_worden(user)
    client.force_login(user)
    # The first coöperatie: the role and the melding, now in the cache.
    for _ in range(2):
        html = client.get(STATISCH).content.decode()
        assert COORDINATIE in html and _badge(client) == "1"
    # Oost: a resident there, without meldingen.
    for _ in range(2):
        html = client.get(STATISCH, HTTP_HOST="oost.localhost").content.decode()
        assert "Wijkcoöperatie Oost" in html
        assert COORDINATIE not in html and _badge(client, "oost.localhost") == ""
    assert client.get(COORDINATIE, HTTP_HOST="oost.localhost").status_code == 403
    with in_cooperatie(oost):
        _stuur(user)
        _stuur(user)
    assert _badge(client, "oost.localhost") == "2"
    assert _badge(client) == "1"


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(STATISCH).status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")]


@pytest.mark.parametrize("aantal", [1, 60])
def test_a_static_page_costs_a_resident_only_the_session_and_the_account(client, bewoner, aantal):
    for n in range(aantal):
        _stuur(bewoner, titel=f"Melding {n}")
    client.force_login(bewoner)
    koud = _queries(client)
    # The first time: the session, the account, the roles here and the unread count.
    assert len(koud) == 4, koud
    warm = _queries(client)
    assert len(warm) == 2, warm
    assert "django_session" in warm[0] and "bewoners_user" in warm[1]
    assert _badge(client) == str(aantal)
