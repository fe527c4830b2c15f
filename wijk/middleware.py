from django.utils import translation
from django.utils.cache import patch_cache_control


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
