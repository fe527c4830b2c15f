"""Default deny for URLs (issue 12): every URL pattern declares who may open it.

Our views with ``@toegang(regel, per_object=...)`` (``wijk.lib.toegang``), the URLs of other
packages (admin, allauth) with ``declareer_derden``. The walk below covers the whole resolver,
includes followed to the end, so a new page cannot be added without deciding who may open it.
"""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.urls.resolvers import get_resolver
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from wijk.lib import toegang as toegang_module
from wijk.lib.toegang import (
    DERDEN,
    Toegang,
    alle_patronen,
    derden_voor,
    iedereen,
    ingelogd,
    toegang,
    toegang_van,
)

BASE_DIR = Path(settings.BASE_DIR)
# The project's own apps (wijk, bewoners, ... at the top of the repository): their views must
# carry @toegang themselves.
EIGEN_APPS = {
    config.name.split(".")[0]
    for config in apps.get_app_configs()
    if Path(config.path).resolve().parent == BASE_DIR.resolve()
}


def _module(callback) -> str:
    while hasattr(callback, "__wrapped__"):
        callback = callback.__wrapped__
    return getattr(callback, "__module__", "") or ""


def indeling(resolver=None):
    """Every pattern, sorted into: by decorator, by registry, undeclared; and the own views a
    registry entry would hide (a registry is for other packages' URLs only)."""
    door_decorator, door_register, zonder, verstopt = [], [], [], []
    for patroon in alle_patronen(resolver):
        if toegang_van(patroon.callback) is not None:
            door_decorator.append(patroon)
        elif sleutel := derden_voor(patroon):
            door_register.append(patroon)
            if _eigen(patroon):
                verstopt.append((patroon, sleutel))
        else:
            zonder.append(patroon)
    return door_decorator, door_register, zonder, verstopt


def _eigen(patroon) -> bool:
    """A view of ours: defined in one of our apps, and not a method of one of our ModelAdmin
    classes (the admin site wraps those in its own staff check, declared as "admin")."""
    callback = patroon.callback
    while hasattr(callback, "__wrapped__"):
        callback = callback.__wrapped__
    if isinstance(getattr(callback, "__self__", None), (admin.ModelAdmin, admin.AdminSite)):
        return False
    return _module(patroon.callback).split(".")[0] in EIGEN_APPS


def _beschrijf(patroon) -> str:
    return f"/{patroon.route} ({patroon.naam or 'no name'}; {_module(patroon.callback)})"


# --- the whole resolver --------------------------------------------------------------------


def test_every_url_pattern_declares_its_access(telling):
    door_decorator, door_register, zonder, verstopt = indeling()
    totaal = len(door_decorator) + len(door_register) + len(zonder)
    per_sleutel = ", ".join(
        f"{k}: {sum(derden_voor(p) == k for p in door_register)}" for k in DERDEN
    )

    regel = (
        f"URL declarations: {totaal} patterns walked; {len(door_decorator)} declared by "
        f"@toegang, {len(door_register)} by the registry of other packages ({per_sleutel}); "
        f"{len(zonder)} undeclared"
    )
    print("\n" + regel)
    telling(regel)
    assert totaal > 100  # the walk reached into the includes (admin alone has more)
    assert door_decorator, "no view declared with @toegang: the walk does not see them"
    assert not zonder, "URL patterns without a declaration of who may open them:\n" + "\n".join(
        _beschrijf(p) for p in zonder
    )
    assert not verstopt, "own views covered by a registry entry instead of @toegang:\n" + (
        "\n".join(f"{_beschrijf(p)} under {sleutel!r}" for p, sleutel in verstopt)
    )


def test_every_own_view_is_declared_with_the_decorator():
    """Also a view of ours under a third-party prefix must say it itself."""
    eigen = [p for p in alle_patronen() if _eigen(p)]

    assert len(eigen) > 50
    assert [_beschrijf(p) for p in eigen if toegang_van(p.callback) is None] == []


def kapotte_per_object(paden) -> list[str]:
    """The ``per_object`` paths that do not name a predicate in a permissions module."""
    kapot = []
    for pad in sorted(paden):
        module_naam, _, naam = pad.rpartition(".")
        try:
            regel = getattr(import_module(module_naam), naam)
        except (ImportError, AttributeError, ValueError) as exc:
            kapot.append(f"{pad}: {exc}")
            continue
        if not callable(regel) or not module_naam.endswith(".permissions"):
            kapot.append(f"{pad}: not a predicate in a permissions module")
    return kapot


def test_every_per_object_rule_exists_in_a_permissions_module(telling):
    paden = {
        record.per_object
        for p in alle_patronen()
        if (record := toegang_van(p.callback)) is not None and record.per_object
    }
    views = sum(
        1 for p in alle_patronen() if (r := toegang_van(p.callback)) is not None and r.per_object
    )

    telling(f"URL declarations: {views} views name one of {len(paden)} per-object rules")
    assert len(paden) > 10
    assert kapotte_per_object(paden) == []


def test_a_per_object_path_that_does_not_import_is_reported():
    assert kapotte_per_object(
        {
            "hulpvragen.permissions.can_view_match",
            "hulpvragen.permissions.bestaat_niet",
            "bestaat_niet.permissions.regel",
            "hulpvragen.services.match_accept",
        }
    ) == [
        "bestaat_niet.permissions.regel: No module named 'bestaat_niet'",
        "hulpvragen.permissions.bestaat_niet: module 'hulpvragen.permissions' has no attribute "
        "'bestaat_niet'",
        "hulpvragen.services.match_accept: not a predicate in a permissions module",
    ]


def test_every_rule_is_a_named_predicate_of_wijk_lib_or_an_apps_permissions():
    regels = {
        record.regel for p in alle_patronen() if (record := toegang_van(p.callback)) is not None
    }
    modules = {regel.__module__ for regel in regels}

    assert {iedereen, ingelogd} <= regels
    assert all(m == "wijk.lib.toegang" or m.endswith(".permissions") for m in modules), modules
    assert all(regel.__name__ != "<lambda>" for regel in regels)


def test_the_third_party_registry_holds_the_admin_and_allauth():
    patronen = list(alle_patronen())

    assert set(DERDEN) == {"admin", "accounts/"}
    for sleutel in DERDEN:
        assert any(derden_voor(p) == sleutel for p in patronen), f"{sleutel!r} covers no URL"
        assert len(DERDEN[sleutel]) > 20  # it says in words who may open them


# --- the guard cannot silently pass ----------------------------------------------------------


def _onbekend(request):
    return HttpResponse("niemand heeft gezegd wie hier mag komen")


@toegang(ingelogd)
def _bekend(request):
    return HttpResponse("ok")


def _derde_pakket_view(request):
    return HttpResponse("van een ander pakket")


_derde_pakket_view.__module__ = "ander_pakket.views"

_binnen = (
    [path("diep/", _onbekend, name="diep"), path("ook/", _bekend, name="ook")],
    "binnen",
)
urlpatterns = [
    path("bekend/", _bekend, name="bekend"),
    path("onbekend/", _onbekend, name="onbekend"),
    path("genest/", include(_binnen)),
    path("derde/", include(([path("x/", _derde_pakket_view, name="x")], "derde"))),
    path("verstopt/", include(([path("y/", _onbekend, name="y")], "verstopt"))),
]


@pytest.fixture
def tijdelijke_derden(monkeypatch):
    monkeypatch.setattr(toegang_module, "DERDEN", {"derde": "test", "verstopt/": "test"})
    return toegang_module.DERDEN


@override_settings(ROOT_URLCONF=__name__)
def test_an_undeclared_view_is_reported(tijdelijke_derden):
    door_decorator, door_register, zonder, verstopt = indeling(get_resolver(__name__))

    assert sorted(p.route for p in zonder) == ["genest/diep/", "onbekend/"]
    assert sorted(p.naam for p in zonder) == ["binnen:diep", "onbekend"]
    assert sorted(p.route for p in door_decorator) == ["bekend/", "genest/ook/"]
    assert sorted(p.route for p in door_register) == ["derde/x/", "verstopt/y/"]
    # A registry entry is for other packages: an own view under it is reported too.
    assert [(p.route, k) for p, k in verstopt] == [("verstopt/y/", "verstopt/")]


# --- the decorator -------------------------------------------------------------------------


def is_bea(user) -> bool:
    return getattr(user, "first_name", "") == "Bea"


@toegang(is_bea, per_object="hulpvragen.permissions.can_view_match")
def alleen_bea(request, pk):
    return HttpResponse(f"ok {pk}")


@pytest.fixture
def rf():
    return RequestFactory()


def test_anonymous_is_sent_to_login_with_next(rf):
    request = rf.get("/ergens/12/?tab=open")
    request.user = AnonymousUser()

    response = alleen_bea(request, pk=12)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/ergens/12/%3Ftab%3Dopen"


@pytest.mark.django_db
def test_someone_else_gets_403_and_the_one_it_allows_gets_the_page(rf, bestuurslid, bewoner):
    request = rf.get("/ergens/12/")
    request.user = bewoner
    with pytest.raises(PermissionDenied):
        alleen_bea(request, pk=12)

    request.user = bestuurslid  # Bea
    response = alleen_bea(request, pk=12)

    assert response.status_code == 200
    assert response.content == b"ok 12"


@pytest.mark.django_db
def test_through_the_client_anonymous_login_other_403_allowed_200(client, client_for, bewoner):
    # A real page of each kind: public, logged in, a role.
    assert client.get("/privacyverklaring/").status_code == 200
    response = client.get("/meldingen/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/meldingen/"
    response = client.get("/coordinatie/")
    assert response["Location"] == "/accounts/login/?next=/coordinatie/"
    bewoner_client = client_for(bewoner)
    assert bewoner_client.get("/meldingen/").status_code == 200
    assert bewoner_client.get("/coordinatie/").status_code == 403


def test_iedereen_lets_anonymous_through(rf):
    @toegang(iedereen)
    def open_pagina(request):
        return HttpResponse("open")

    request = rf.get("/open/")
    request.user = AnonymousUser()

    assert open_pagina(request).status_code == 200


def test_the_record_survives_other_decorators():
    def view(request):
        return HttpResponse("ok")

    binnen = never_cache(vary_on_headers("HX-Request")(require_POST(toegang(ingelogd)(view))))
    buiten = require_GET(
        toegang(iedereen, per_object="bewoners.permissions.can_view_profile")(view)
    )

    assert binnen.toegang == Toegang(regel=ingelogd)  # functools.wraps copied it outward
    assert toegang_van(binnen) == Toegang(regel=ingelogd)
    assert toegang_van(buiten).per_object == "bewoners.permissions.can_view_profile"
    assert toegang_van(view) is None


def test_per_object_must_name_a_permissions_predicate():
    with pytest.raises(ValueError, match="permissions"):
        toegang(ingelogd, per_object="can_view_match")
    with pytest.raises(TypeError):
        toegang("ingelogd")
