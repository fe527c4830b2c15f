from django.urls import path

from . import views, views_export

app_name = "rapportages"

urlpatterns = [
    path("", views.rapport, name="rapport"),
    path("export.xlsx", views_export.xlsx, name="xlsx"),
]
