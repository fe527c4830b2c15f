from django.urls import path

from . import views_bewoner, views_dashboard, views_intake

app_name = "buurtassistenten"

urlpatterns = [
    # --- dashboard and queues (views_dashboard.py) ---------------------------------------
    path("", views_dashboard.dashboard, name="dashboard"),
    # --- a resident's coordination page, contact log, referrals, partners (views_bewoner.py)
    path("bewoners/", views_bewoner.bewoner_lijst, name="bewoners"),
    path("bewoners/<int:pk>/", views_bewoner.bewoner, name="bewoner"),
    path("bewoners/<int:pk>/contact/", views_bewoner.contactmoment, name="contactmoment"),
    path("vervolg/<int:pk>/gedaan/", views_bewoner.vervolg_gedaan, name="vervolg_gedaan"),
    path("bewoners/<int:pk>/doorverwijzen/", views_bewoner.doorverwijzing, name="doorverwijzing"),
    path(
        "doorverwijzingen/<int:pk>/status/",
        views_bewoner.doorverwijzing_status,
        name="doorverwijzing_status",
    ),
    path("partners/", views_bewoner.partners, name="partners"),
    path("partners/<int:pk>/", views_bewoner.partner_bewerken, name="partner"),
    # --- intake, on someone's behalf, matching by hand (views_intake.py) -----------------
    path("intake/", views_intake.intake, name="intake"),
    path("bewoners/<int:pk>/hulpvraag/", views_intake.hulpvraag_namens, name="hulpvraag_namens"),
    path("bewoners/<int:pk>/aanmelden/", views_intake.aanmelden_namens, name="aanmelden_namens"),
    path("bewoners/<int:pk>/boeken/", views_intake.reserveren_namens, name="reserveren_namens"),
    path("bewoners/<int:pk>/account/", views_intake.account_claimen, name="account_claimen"),
    path("hulpvragen/<int:pk>/", views_intake.hulpvraag_match, name="hulpvraag"),
    path("hulpvragen/<int:pk>/voorstellen/", views_intake.voorstellen, name="voorstellen"),
    path(
        "hulpvragen/<int:pk>/matches/<int:match_pk>/bevestigen/",
        views_intake.voorstel_bevestigen,
        name="voorstel_bevestigen",
    ),
    path(
        "hulpvragen/<int:pk>/matches/<int:match_pk>/afzeggen/",
        views_intake.match_afzeggen,
        name="match_afzeggen",
    ),
    path("hulpvragen/<int:pk>/sluiten/", views_intake.hulpvraag_sluiten, name="hulpvraag_sluiten"),
]
