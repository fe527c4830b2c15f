"""The board report: one page for a period and buurt, and each of its tables as CSV.

Only the bestuur and beheerders may see it (both roles must use a second factor, which the
MFA middleware enforces); everybody else gets a 403. The page shows aggregates only, and every
count is passed through ``weergave.toon`` so small groups show as "<5".
"""

from __future__ import annotations

import csv
from datetime import timedelta
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijk.lib.toegang import toegang

from . import exports, voorberekend
from .forms import periode_tekst, periodeform
from .permissions import mag_rapporten_zien


def met_periode(view):
    """A report view for the period of the query string (this month when it is empty): it is
    called as ``view(request, form=..., periode=..., query=...)``. Only for who may see the
    reports (else a 403); a wrong period shows the report page with the form's mistakes (400).
    """

    @wraps(view)
    def _view(request):
        if not mag_rapporten_zien(request.user):
            raise PermissionDenied
        form, query = periodeform(request.GET)
        if not form.is_valid():
            return render(request, "rapportages/rapport.html", {"form": form}, status=400)
        periode = form.periode_voor(timezone.localdate())
        return view(request, form=form, periode=periode, query=query)

    return _view


@never_cache
@require_GET
@toegang(mag_rapporten_zien)
@met_periode
def rapport(request, *, form, periode, query):
    berekend = voorberekend.rapport_voor(periode)
    secties = berekend.secties

    if request.GET.get("format") == "csv":
        return _csv(secties, request.GET.get("tabel", ""), periode)

    return render(
        request,
        "rapportages/rapport.html",
        {
            "form": form,
            "periode": periode,
            "einddatum": periode.tot - timedelta(days=1),
            **periode_tekst(periode),
            "secties": secties,
            "berekend_op": berekend.berekend_op,
            "query": query,
        },
    )


def _csv(secties, sleutel: str, periode) -> HttpResponse:
    tabel = next((t for s in secties for t in s.tabellen if t.sleutel == sleutel), None)
    if tabel is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    naam = exports.bestandsnaam(periode, tabel.sleutel, "csv")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(tabel.kolommen)
    schrijver.writerows(tabel.cellen())
    return response
