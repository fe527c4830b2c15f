from django.urls import path

from . import views

app_name = "rapportages"

urlpatterns = [
    path("", views.rapport, name="rapport"),
]
