"""The whole board report as an XLSX download.

Same access rule and the same period form as the report page (``views.rapport``, through
``views.met_periode``): only the bestuur and beheerders; everybody else gets a 403.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijk.lib.toegang import toegang

from . import exports
from .permissions import mag_rapporten_zien
from .views import met_periode


@never_cache
@require_GET
@toegang(mag_rapporten_zien)
@met_periode
def xlsx(request, *, form, periode, query):
    response = HttpResponse(exports.xlsx_bytes(periode), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.bestandsnaam(periode)}"'
    return response
