from django.urls import path

from . import views

app_name = "initiatieven"

urlpatterns = [
    path("activiteiten/<int:pk>/", views.activiteit_detail, name="activiteit"),
    path("bijeenkomsten/<int:pk>/", views.bijeenkomst_detail, name="bijeenkomst"),
    # Initiative slugs come last; the words above are reserved (forms.GERESERVEERDE_SLUGS).
    path("<slug:slug>/", views.initiatief_detail, name="detail"),
]
