from django.urls import path

from . import feeds, views

app_name = "hulpvragen"

urlpatterns = [
    path("", views.hulpvraag_list, name="hulpvraag_list"),
    path("vragen/nieuw/", views.hulpvraag_create, name="hulpvraag_create"),
    path("vragen/<int:pk>/", views.hulpvraag_detail, name="hulpvraag_detail"),
    path("vragen/<int:pk>/bewerken/", views.hulpvraag_edit, name="hulpvraag_edit"),
    path("vragen/<int:pk>/intrekken/", views.hulpvraag_withdraw, name="hulpvraag_withdraw"),
    path("aanbod/", views.aanbod_list, name="aanbod_list"),
    path("aanbod/nieuw/", views.aanbod_create, name="aanbod_create"),
    path("aanbod/<int:pk>/", views.aanbod_detail, name="aanbod_detail"),
    path("aanbod/<int:pk>/bewerken/", views.aanbod_edit, name="aanbod_edit"),
    path("aanbod/<int:pk>/pauze/", views.aanbod_pause, name="aanbod_pause"),
    path("mijn/vragen/", views.mijn_hulpvragen, name="mijn_hulpvragen"),
    path("mijn/aanbod/", views.mijn_aanbod, name="mijn_aanbod"),
    path("mijn/matches/", views.mijn_matches, name="mijn_matches"),
    path("matches/<int:pk>/", views.match_detail, name="match_detail"),
    path("matches/<int:pk>/ja/", views.match_accept, name="match_accept"),
    path("matches/<int:pk>/nee/", views.match_decline, name="match_decline"),
    path("matches/<int:pk>/klaar/", views.match_complete, name="match_complete"),
    path("matches/<int:pk>/afzeggen/", views.match_cancel, name="match_cancel"),
    path("matches/<int:pk>/agenda.ics", feeds.match_ics, name="match_ics"),
]
