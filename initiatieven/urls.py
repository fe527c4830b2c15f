from django.urls import path

from . import feeds, views, views_ruimte

app_name = "initiatieven"

urlpatterns = [
    # --- calendar feeds (feeds.py); the personal one shares accommodaties' AgendaSleutel -----
    path("feed/<str:sleutel>.ics", feeds.feed_mijn, name="feed_mijn"),
    path("activiteiten/<int:pk>/agenda.ics", feeds.activiteit_ics, name="activiteit_ics"),
    path("<slug:slug>/agenda.ics", feeds.feed_initiatief, name="feed_initiatief"),
    path("activiteiten/<int:pk>/", views.activiteit_detail, name="activiteit"),
    path("activiteiten/<int:pk>/ruimte/", views_ruimte.ruimte_boeken, name="ruimte_boeken"),
    path("bijeenkomsten/<int:pk>/", views.bijeenkomst_detail, name="bijeenkomst"),
    # Initiative slugs come last; the words above are reserved (forms.GERESERVEERDE_SLUGS).
    path("<slug:slug>/", views.initiatief_detail, name="detail"),
]
