from django.urls import path

from . import views

app_name = "bewoners"

urlpatterns = [
    path("", views.start, name="start"),
    path("meedoen/", views.meedoen, name="meedoen"),
    path("welkom/", views.onboarding, name="onboarding"),
    path("welkom/<int:stap>/", views.onboarding, name="onboarding_stap"),
    path("mijn/", views.mijn_profiel, name="mijn_profiel"),
    path("bewerken/", views.profiel_edit, name="profiel_edit"),
    path("<int:user_id>/", views.profiel_detail, name="profiel_detail"),
    path("privacy/", views.privacy_page, name="privacy"),
    path("privacy/download/", views.export_download, name="export"),
    path("privacy/overzicht/", views.gegevens_overzicht, name="gegevens_overzicht"),
    path("privacy/overzicht/pdf/", views.gegevens_overzicht_pdf, name="gegevens_overzicht_pdf"),
    path("privacy/toestemming/", views.consent, name="consent"),
    path("privacy/verwijderen/", views.delete_account, name="delete_account"),
]
