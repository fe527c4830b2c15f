from django.urls import path

from . import feeds

app_name = "accommodaties"

urlpatterns = [
    # --- calendar feeds -------------------------------------------------------------------
    path("agenda/", feeds.mijn_agenda, name="mijn_agenda"),
    path("agenda/vernieuwen/", feeds.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:sleutel>.ics", feeds.feed_mijn, name="feed_mijn"),
    path("boekingen/<int:pk>/agenda.ics", feeds.reservering_ics, name="reservering_ics"),
    path("<slug:slug>/agenda.ics", feeds.feed_ruimte, name="feed_ruimte"),
    # --- pages ----------------------------------------------------------------------------
]
