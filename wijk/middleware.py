from django.utils import translation


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
