from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .lib.toegang import declareer_derden

# Admin login goes through allauth: the same rate limits and the required second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = settings.WIJK_NAAM
admin.site.site_title = settings.WIJK_NAAM

# Every URL declares its access (wijk/lib/toegang.py): our own views with @toegang, the URLs of
# other packages here. wijk/tests/test_toegang.py fails for a URL declared neither way.
declareer_derden(
    "admin",
    "Django's admin: staff (is_staff) with their model permissions, logged in through allauth "
    "(rate limits) and with a second factor (bewoners.middleware.MFARequiredMiddleware).",
)
declareer_derden(
    "accounts/",
    "allauth: logging in, signing up and password reset for anyone; e-mail addresses, "
    "password, second factor and sessions for the logged-in person themself (allauth checks).",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon),
    path("privacyverklaring/", views.privacyverklaring, name="privacyverklaring"),
    path("huisstijl.css", views.huisstijl, name="huisstijl"),
    path("logo.png", views.logo, name="logo"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("profiel/", include("bewoners.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("hulp/", include("hulpvragen.urls")),
    path("ruimtes/", include("accommodaties.urls")),
    path("initiatieven/", include("initiatieven.urls")),
    path("coordinatie/", include("buurtassistenten.urls")),
    path("rapportages/", include("rapportages.urls")),
    path("netwerk/", include("netwerk.urls")),
]
