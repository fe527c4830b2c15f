"""The bare project's one page: 20 rows of ``auth_permission`` (no row-level security there)
in one small template."""

from django.contrib.auth.models import Permission
from django.shortcuts import render
from django.urls import path


def kaal(request):
    rijen = Permission.objects.order_by("id").values("id", "codename", "name")[:20]
    return render(request, "kaal/kaal.html", {"rijen": rijen})


urlpatterns = [path("", kaal)]
