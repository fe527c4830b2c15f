import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)


class DutchByDefaultMiddleware:
    """Dutch unless the person chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, so a resident
    whose phone happens to be set to English would get English pages they did not ask for.
    The switcher's cookie (and a language in the session) still win.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class UserLanguageMiddleware:
    """After login, pages speak the language saved on the account (see wijk.views.set_language).

    Runs after AuthenticationMiddleware; LocaleMiddleware has chosen from the cookie before that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.taal:
            translation.activate(user.taal)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class PersonalPagesNotStoredMiddleware:
    """Every answer to a logged-in person is sent with ``Cache-Control: private, no-store``.

    Such pages show someone's own or someone else's personal data; a browser on a shared
    computer or a proxy must not keep them. A view that set Cache-Control itself chose on
    purpose (the public busy-only calendar feeds may be cached), so that is left alone; so are
    static files, which whitenoise answers before this middleware is reached. Personal answers
    that need no login (the calendar feeds behind a secret link) carry ``never_cache`` on the
    view itself.

    Runs after AuthenticationMiddleware (it needs ``request.user``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class TeVeelGegevensMiddleware:
    """A friendly Dutch page when a request carries more than Django accepts.

    Django refuses a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``, more fields than
    ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (in the body or the query string) and more files than
    ``DATA_UPLOAD_MAX_NUMBER_FILES``, but only when the data is first read, deep in a middleware
    or a view, and then answers with the general "bad request" page. This reads the data first
    (as the CSRF check would a moment later) and answers 413 (body) or 400 (query string) with
    a page that says what happened. Placed after LocaleMiddleware, so the page speaks the
    visitor's language; it needs no user or database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 - parsing is the check
        except TooManyFieldsSent:
            return self._te_veel(status=400)
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                request.POST  # noqa: B018
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return self._te_veel(status=413)
        return self.get_response(request)

    @staticmethod
    def _te_veel(*, status: int) -> HttpResponse:
        logger.warning("Request refused: more data than allowed (%s)", status)
        return HttpResponse(render_to_string("413.html"), status=status)
