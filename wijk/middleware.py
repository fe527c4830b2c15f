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
