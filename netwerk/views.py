"""The network's report: for the network's board only (the platform role netwerkbestuur, with a
second factor); everybody else gets a 403. Figures per coöperatie and in total, with small
counts hidden by the board report's rule (``selectors``); no person in it."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijk.lib.toegang import toegang

from . import selectors
from .forms import periodeform
from .permissions import mag_netwerk_zien


@never_cache
@require_GET
@toegang(mag_netwerk_zien)
def federatie(request):
    """The table for one of the fixed periods (this month when none is asked for); a period
    that is not one of them shows the page with the form's message (400). ``?format=csv``:
    the same table, the same hidden cells, as a CSV file."""
    form, query = periodeform(request.GET)
    if not form.is_valid():
        return render(request, "netwerk/federatie.html", {"form": form}, status=400)
    tabel = selectors.federatie(form.keuze())
    if request.GET.get("format") == "csv":
        return _csv(tabel)
    return render(request, "netwerk/federatie.html", {"form": form, "tabel": tabel, "query": query})


def _tekst(cel: str) -> str:
    """A name a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) starts with an
    apostrophe; counts ("<5", "x", numbers) are left as they are."""
    return f"'{cel}" if cel[:1] in ("=", "+", "-", "@", "\t", "\r") else cel


def _csv(tabel: selectors.Federatie) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    naam = f"netwerk-{tabel.periode.van:%Y%m%d}-{tabel.periode.tot:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(tabel.kolommen)
    for rij in (*tabel.rijen, tabel.totaal):
        schrijver.writerow([_tekst(rij.naam), *rij.cellen()])
    return response
