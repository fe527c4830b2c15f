from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

# Admin login goes through allauth: the same rate limits and the required second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = settings.WIJK_NAAM
admin.site.site_title = settings.WIJK_NAAM

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon),
    path("privacyverklaring/", views.privacyverklaring, name="privacyverklaring"),
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
]
