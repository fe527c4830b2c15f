"""Second factor required for buurtassistenten, bestuur, beheerders and staff.

Until such a user has set up an authenticator app, every page except the account pages sends
them to the TOTP set-up. Logging in with a set-up authenticator always asks for the code
(allauth.mfa), so these roles never reach their pages or the admin on a password alone.
"""

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

from . import per_persoon
from .roles import requires_mfa

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/health/", "/i18n/", "/favicon.ico")


class MFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and requires_mfa(user)
            and not user_has_mfa(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)


def user_has_mfa(user) -> bool:
    """Has ``user`` set up an authenticator app? Kept in the cache (``per_persoon``)."""
    return per_persoon.bewaard(
        user,
        "mfa",
        lambda: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    )


class LidmaatschapMiddleware:
    """A page of a coöperatie the logged-in person takes no part in (``GeenLidHier``) sends
    them to the page that asks whether they want to join, and comes back after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from urllib.parse import urlencode

        from .services import GeenLidHier

        if not isinstance(exception, GeenLidHier):
            return None
        terug = request.get_full_path() if request.method == "GET" else ""
        adres = reverse("bewoners:meedoen")
        return redirect(f"{adres}?{urlencode({'next': terug})}" if terug else adres)
