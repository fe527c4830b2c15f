from django.urls import path

from . import feeds, views

app_name = "initiatieven"

urlpatterns = [
    # --- calendar feeds (feeds.py); the personal one shares accommodaties' AgendaSleutel -----
    path("feed/<str:sleutel>.ics", feeds.feed_mijn, name="feed_mijn"),
    path("activiteiten/<int:pk>/agenda.ics", feeds.activiteit_ics, name="activiteit_ics"),
    path("bijeenkomsten/<int:pk>/agenda.ics", feeds.bijeenkomst_ics, name="bijeenkomst_ics"),
    path("<slug:slug>/agenda.ics", feeds.feed_initiatief, name="feed_initiatief"),
    # --- pages ----------------------------------------------------------------------------
    path("", views.initiatief_list, name="list"),
    path("nieuw/", views.initiatief_nieuw, name="nieuw"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/week/", views.agenda_week, name="week"),
    path("mijn/", views.mijn, name="mijn"),
    path("activiteiten/<int:pk>/", views.activiteit_detail, name="activiteit"),
    path("activiteiten/<int:pk>/bewerken/", views.activiteit_bewerken, name="activiteit_bewerken"),
    path("activiteiten/<int:pk>/ruimte/", views.ruimte_boeken, name="ruimte_boeken"),
    path("activiteiten/<int:pk>/aanmelden/", views.reeks_aanmelden, name="reeks_aanmelden"),
    path("activiteiten/<int:pk>/afmelden/", views.reeks_afmelden, name="reeks_afmelden"),
    path("bijeenkomsten/<int:pk>/", views.bijeenkomst_detail, name="bijeenkomst"),
    path("bijeenkomsten/<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("bijeenkomsten/<int:pk>/afmelden/", views.afmelden, name="afmelden"),
    path("bijeenkomsten/<int:pk>/annuleren/", views.annuleren, name="annuleren"),
    path("bijeenkomsten/<int:pk>/verplaatsen/", views.verplaatsen, name="verplaatsen"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    # Initiative slugs come last; the words above are reserved (models.GERESERVEERDE_SLUGS).
    path("<slug:slug>/", views.initiatief_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.initiatief_bewerken, name="bewerken"),
    path("<slug:slug>/lid-worden/", views.lid_worden, name="lid_worden"),
    path("<slug:slug>/opzeggen/", views.opzeggen, name="opzeggen"),
    path("<slug:slug>/mijn-keuzes/", views.lid_instellingen, name="lid_instellingen"),
    path("<slug:slug>/leden/", views.leden, name="leden"),
    path("<slug:slug>/leden/<int:pk>/besluit/", views.lid_besluit, name="lid_besluit"),
    path("<slug:slug>/activiteiten/nieuw/", views.activiteit_nieuw, name="activiteit_nieuw"),
]
