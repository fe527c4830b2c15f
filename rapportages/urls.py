from django.urls import path

from . import views, views_businesscase, views_export

app_name = "rapportages"

urlpatterns = [
    path("", views.rapport, name="rapport"),
    path("export.xlsx", views_export.xlsx, name="xlsx"),
    path("businesscase/", views_businesscase.businesscase, name="businesscase"),
]
