from django.urls import path

from . import feeds, views

app_name = "accommodaties"

urlpatterns = [
    # --- calendar feeds -------------------------------------------------------------------
    path("agenda/", feeds.mijn_agenda, name="mijn_agenda"),
    path("agenda/vernieuwen/", feeds.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:sleutel>.ics", feeds.feed_mijn, name="feed_mijn"),
    path("boekingen/<int:pk>/agenda.ics", feeds.reservering_ics, name="reservering_ics"),
    path("<slug:slug>/agenda.ics", feeds.feed_ruimte, name="feed_ruimte"),
    # --- pages ----------------------------------------------------------------------------
    path("", views.accommodatie_list, name="list"),
    path("mijn/", views.mijn_boekingen, name="mijn"),
    path("beheer/", views.beheer, name="beheer"),
    path("boekingen/<int:pk>/", views.reservering_detail, name="reservering_detail"),
    path("boekingen/<int:pk>/afzeggen/", views.afzeggen, name="afzeggen"),
    path("boekingen/<int:pk>/verplaatsen/", views.verplaatsen, name="verplaatsen"),
    path("boekingen/<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("boekingen/<int:pk>/weigeren/", views.weigeren, name="weigeren"),
    # Facility slugs come last; the words above are reserved (models.GERESERVEERDE_SLUGS).
    path("<slug:slug>/", views.accommodatie_detail, name="detail"),
    path("<slug:slug>/boeken/", views.reserveren, name="reserveren"),
    path("<slug:slug>/bewerken/", views.accommodatie_bewerken, name="bewerken"),
]
