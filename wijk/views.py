import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from bewoners.services import profiel_hier
from cooperaties.selectors import logo_van
from wijk.celery import app as celery_app
from wijk.lib.http_cache import per_verzoek, voorwaardelijk
from wijk.lib.toegang import iedereen, toegang

logger = logging.getLogger(__name__)


@per_verzoek
def _niets(request) -> dict:
    """A page that shows nothing from the database (the coöperatie's own settings are part of
    every page's fingerprint in ``wijk.lib.http_cache``)."""
    return {}


@toegang(iedereen)
@voorwaardelijk(_niets)
def home(request):
    # A member goes to their start page; someone logged in who takes no part in this
    # coöperatie sees its welcome page like a visitor (and may choose to join).
    if request.user.is_authenticated and profiel_hier(request.user) is not None:
        return redirect("bewoners:start")
    return render(request, "home.html")


@toegang(iedereen)
@require_POST
def set_language(request):
    """Django's language switch, remembered on the account so e-mails and other devices follow."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and request.user.taal != language
    ):
        request.user.taal = language
        request.user.save(update_fields=["taal"])
    return response


@toegang(iedereen)
def favicon(request):
    """Browsers (and the admin) ask for /favicon.ico; the icon is a static SVG."""
    return redirect(static("img/favicon.svg"), permanent=True)


@toegang(iedereen)
@voorwaardelijk(_niets)
def privacyverklaring(request):
    """The public privacy statement: what we keep, who sees it, and your rights. A coöperatie
    may have its own text; without one, Wijk's statement with the coöperatie's name."""
    cooperatie = getattr(request, "cooperatie", None)
    eigen = cooperatie.privacyverklaring.strip() if cooperatie else ""
    return render(request, "privacyverklaring.html", {"eigen_verklaring": eigen})


@toegang(iedereen)
@require_safe
def huisstijl(request):
    """The coöperatie's colour as a small stylesheet (the pages allow no inline styles)."""
    cooperatie = getattr(request, "cooperatie", None)
    kleur = cooperatie.kleur if cooperatie else "#386b1c"
    donker = "#" + "".join(f"{int(int(kleur[i : i + 2], 16) * 0.8):02x}" for i in (1, 3, 5))
    css = (
        ':root, :root:not([data-theme="dark"]), [data-theme="light"] {\n'
        f"  --wijk-green: {kleur};\n  --wijk-green-dark: {donker};\n}}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@toegang(iedereen)
@require_safe
def logo(request):
    """The coöperatie's logo (a PNG redrawn at upload), or 404 when it has none. The address
    carries the logo's version, so browsers may keep it long."""
    cooperatie = getattr(request, "cooperatie", None)
    png = logo_van(cooperatie) if cooperatie is not None and cooperatie.logo_versie else None
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return the value just written")
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # no broker configured: tasks run in-process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@toegang(iedereen)
@never_cache
def health(request):
    """Reports database, cache and broker; 200 when all answer, 503 otherwise."""
    checks = {}
    healthy = True
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
            logger.warning("health check %s failed: %s", name, exc)
            checks[name] = "error"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
