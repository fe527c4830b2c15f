"""The request's coöperatie, from its host name (issue 14).

Every request but the health check works for one coöperatie: ``request.cooperatie`` and
``cooperaties.huidige.huidige()`` name it while the request runs. A host that belongs to no
active coöperatie gets a friendly 404 page and reaches no view.
"""

from __future__ import annotations

from django.http import HttpResponseNotFound
from django.template.loader import render_to_string

from .huidige import in_cooperatie
from .selectors import cooperatie_voor_host_bewaard, kale_host

# Answers that are about the installation, not a coöperatie (a load balancer asks by IP).
ZONDER_COOPERATIE = ("/health/",)


class CooperatieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ZONDER_COOPERATIE):
            request.cooperatie = None
            return self.get_response(request)
        host = request.get_host()  # an unknown host is refused first (ALLOWED_HOSTS: 400)
        cooperatie = cooperatie_voor_host_bewaard(host)
        if cooperatie is None:
            pagina = render_to_string(
                "cooperaties/onbekend.html", {"host": kale_host(host)}, request=None
            )
            return HttpResponseNotFound(pagina)
        request.cooperatie = cooperatie
        with in_cooperatie(cooperatie):
            return self.get_response(request)
