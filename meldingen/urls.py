from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/gelezen/", views.mark_read, name="mark_read"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.open_melding, name="open"),
    path("voorkeuren/", views.preferences, name="preferences"),
]
