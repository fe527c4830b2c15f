"""The coordination dashboard (``/coordinatie/``): what waits for the buurtassistent.

At the top the count of every queue, each a tab; below, one queue at a time (``?wachtrij=``),
paginated, the oldest first. ``?alle=1`` shows all buurten instead of the buurtassistent's own.
Every row is one click from its action: the resident's coordination page, or for a request
the page to match by hand.

One URL for the page and its parts: an htmx request aimed at the counts (``#tellingen``,
refreshed every minute) gets only the counts, any other htmx request (pages, "Vernieuwen")
only the queue. Without JavaScript the same links load the whole page.

Only for the buurtassistent role (which needs a second factor, see ``bewoners.middleware``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from wijk.lib.htmx import is_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import toegang

from . import queues, selectors
from .permissions import eis_buurtassistent, is_buurtassistent

# Per queue: the tab's name and the page's explanation (B1: short, common words).
WACHTRIJEN = {
    "hulpvragen": (
        _("Hulpvragen zonder helper"),
        _("Deze bewoners wachten op een helper. De oudste vraag staat bovenaan."),
    ),
    "voorstellen": (
        _("Voorstellen zonder antwoord"),
        _(
            "Een helper is gevraagd, maar heeft na een halve dag nog niet geantwoord. Bel de helper."
        ),
    ),
    "nieuwkomers": (
        _("Nieuwe bewoners"),
        _("Deze bewoners zijn nieuw in de wijk. Ze hadden nog geen welkomstgesprek."),
    ),
    "vervolg": (
        _("Terugbellen"),
        _("Deze afspraken om contact op te nemen zijn voor vandaag of al voorbij."),
    ),
    "signalen": (
        _("Signalen"),
        _(
            "Deze bewoners vragen om gezelschap, kwamen vaker niet naar een activiteit, of "
            "deden eerst mee en nu niet meer. Neem eens contact op."
        ),
    ),
    "doorverwijzingen": (
        _("Doorverwijzingen"),
        _("Deze doorverwijzingen zijn nog niet afgerond. De oudste staat bovenaan."),
    ),
}


def _url(base: str, **params) -> str:
    params = {k: v for k, v in params.items() if v}
    return f"{base}?{urlencode(params)}" if params else base


def _tabs(base: str, tellingen: dict, gekozen: str, alle: bool) -> list[dict]:
    return [
        {
            "naam": naam,
            "label": WACHTRIJEN[naam][0],
            "aantal": tellingen[naam],
            "url": _url(base, wachtrij=naam, alle="1" if alle else ""),
            "gekozen": naam == gekozen,
        }
        for naam in queues.WACHTRIJEN
    ]


@toegang(is_buurtassistent)
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def dashboard(request):
    eis_buurtassistent(request.user)
    now = timezone.now()
    alle = request.GET.get("alle") == "1"
    naam = request.GET.get("wachtrij")
    if naam not in queues.WACHTRIJEN:
        naam = queues.WACHTRIJEN[0]
    base = reverse("buurtassistenten:dashboard")
    context = {
        "now": now,
        "vandaag": timezone.localdate(now),
        "alle": alle,
        "wachtrij": naam,
        "wachtrij_label": WACHTRIJEN[naam][0],
        "wachtrij_uitleg": WACHTRIJEN[naam][1],
        "rij_template": f"buurtassistenten/_dashboard_{naam}.html",
        "afwezig_keer": queues.AFWEZIG_KEER,
        "tellingen_url": _url(base, wachtrij=naam, alle="1" if alle else ""),
    }
    partial = is_deel(request)
    if partial and request.htmx.target == "tellingen":
        tellingen = queues.tellingen(request.user, alle=alle, now=now)
        context["tabs"] = _tabs(base, tellingen, naam, alle)
        return render(request, "buurtassistenten/_dashboard_tellingen.html", context)

    rijen = queues.wachtrij(naam, request.user, alle=alle, now=now)
    context.update(page_context(request, rijen, base))
    if naam == "signalen":
        context["stil_van"], context["stil_tot"] = queues.stil_venster(now)
    if partial:
        return render(request, "buurtassistenten/_dashboard_wachtrij.html", context)

    tellingen = queues.tellingen(request.user, alle=alle, now=now)
    context.update(
        tabs=_tabs(base, tellingen, naam, alle),
        mijn_buurten=list(selectors.mijn_buurten(request.user)),
        mijn_url=_url(base, wachtrij=naam),
        alle_url=_url(base, wachtrij=naam, alle="1"),
    )
    return render(request, "buurtassistenten/dashboard.html", context)
