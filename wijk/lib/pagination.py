"""One page of a list, with links that keep the other GET parameters (the filters)."""

from django.conf import settings
from django.core.paginator import Paginator


def page_context(request, queryset, base_url: str, *, param: str = "page") -> dict:
    """``page_obj`` and the URLs of this, the previous and the next page, for
    ``templates/_paginering.html``. ``param`` names the page parameter, so one page can hold
    two paginated lists."""
    page_obj = Paginator(queryset, settings.WIJK_PAGE_SIZE).get_page(request.GET.get(param))
    params = request.GET.copy()
    params.pop(param, None)

    def url(number: int) -> str:
        query = params.copy()
        if number > 1:
            query[param] = number
        encoded = query.urlencode()
        return f"{base_url}?{encoded}" if encoded else base_url

    return {
        "page_obj": page_obj,
        "huidige_url": url(page_obj.number),
        "vorige_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "volgende_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
