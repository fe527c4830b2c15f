"""The whole board report as an XLSX download.

Same access rule and the same period form as the report page (``views.rapport``): only the
bestuur and beheerders; everybody else gets a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijk.lib.toegang import toegang

from . import exports
from .forms import PeriodeForm
from .permissions import mag_rapporten_zien


@never_cache
@require_GET
@toegang(mag_rapporten_zien)
def xlsx(request):
    if not mag_rapporten_zien(request.user):
        raise PermissionDenied
    form = PeriodeForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "rapportages/rapport.html", {"form": form}, status=400)
    if not request.GET:
        form = PeriodeForm({"periode": "deze_maand"})
        form.is_valid()
    periode = form.periode_voor(timezone.localdate())
    response = HttpResponse(exports.xlsx_bytes(periode), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.bestandsnaam(periode)}"'
    return response
