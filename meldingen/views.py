"""The inbox, opening and marking meldingen, and the preferences page.

The inbox list is one partial (``_lijst.html``): a normal request gets the whole page, an htmx
request only the list. Changes are POST forms that also work without JavaScript (they redirect
back), and with htmx return the refreshed list.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from wijk.lib.htmx import pagina_of_deel
from wijk.lib.toegang import ingelogd, toegang

from . import services
from .forms import VoorkeurenForm
from .models import Melding


def _inbox_url(*, alleen_ongelezen: bool = False, page: int = 1) -> str:
    query = {}
    if alleen_ongelezen:
        query["ongelezen"] = "1"
    if page > 1:
        query["page"] = page
    url = reverse("meldingen:inbox")
    return f"{url}?{urlencode(query)}" if query else url


def _lijst_context(request, params: QueryDict) -> dict:
    """One page of the inbox in a fixed number of queries, whatever the number of meldingen."""
    alleen_ongelezen = params.get("ongelezen") == "1"
    meldingen = Melding.objects.for_user(request.user).in_inbox()
    # Both counts in one query; the paginator takes its count from it instead of a COUNT(*).
    aantallen = meldingen.aantallen()
    ongelezen = aantallen["ongelezen"]
    if alleen_ongelezen:
        meldingen = meldingen.unread()
    paginator = Paginator(meldingen, settings.WIJK_PAGE_SIZE)
    paginator.count = ongelezen if alleen_ongelezen else aantallen["alle"]
    page_obj = paginator.get_page(params.get("page"))

    def url(page: int) -> str:
        return _inbox_url(alleen_ongelezen=alleen_ongelezen, page=page)

    return {
        "page_obj": page_obj,
        "alleen_ongelezen": alleen_ongelezen,
        "ongelezen": ongelezen,
        "huidige_url": url(page_obj.number),
        "vorige_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "volgende_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


def _safe_next(request) -> str:
    """The ``next`` field of the form when it is a path on this site ("/..."), else "".

    Only a path: ``redirect()`` would take "40" or "home" for the name of a URL pattern (and
    fail on it), and a relative path would depend on the page the form was posted from."""
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _after_change(request, bericht: str):
    """htmx: the refreshed list (same page and filter) with a spoken status; else redirect back."""
    next_url = _safe_next(request)
    if request.htmx:
        parts = urlsplit(next_url)
        params = QueryDict(parts.query if parts.path == reverse("meldingen:inbox") else "")
        context = {**_lijst_context(request, params), "status_bericht": bericht}
        return render(request, "meldingen/_lijst.html", context)
    messages.success(request, bericht)
    return HttpResponseRedirect(next_url or reverse("meldingen:inbox"))


@toegang(ingelogd)
@require_GET
@vary_on_headers("HX-Request")
def inbox(request):
    context = _lijst_context(request, request.GET)
    return pagina_of_deel(request, "meldingen/inbox.html", "meldingen/_lijst.html", context)


@toegang(ingelogd, per_object="meldingen.permissions.is_eigen_melding")
@require_GET
def open_melding(request, pk: int):
    """Follow a melding's link: mark it read, then go where it points (only within this site)."""
    melding = get_object_or_404(Melding.objects.for_user(request.user), pk=pk)
    melding.mark_read()
    if melding.url and url_has_allowed_host_and_scheme(
        melding.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(melding.url)
    return redirect("meldingen:inbox")


@toegang(ingelogd, per_object="meldingen.permissions.is_eigen_melding")
@require_POST
def mark_read(request, pk: int):
    melding = get_object_or_404(Melding.objects.for_user(request.user), pk=pk)
    melding.mark_read()
    return _after_change(request, _("De melding staat nu op gelezen."))


@toegang(ingelogd)
@require_POST
def mark_all_read(request):
    aantal = services.meldingen_mark_read(request.user)
    if aantal:
        bericht = ngettext(
            "%(aantal)d melding staat nu op gelezen.",
            "%(aantal)d meldingen staan nu op gelezen.",
            aantal,
        ) % {"aantal": aantal}
    else:
        bericht = _("Je had geen nieuwe meldingen.")
    return _after_change(request, bericht)


@toegang(ingelogd)
@require_http_methods(["GET", "POST"])
def preferences(request):
    data = request.POST if request.method == "POST" else None
    form = VoorkeurenForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je keuzes zijn opgeslagen."))
        return redirect("meldingen:preferences")
    return render(request, "meldingen/preferences.html", {"form": form})
