"""``mag_netwerk_zien`` for every template: the "Netwerk" link in the menu."""

from .permissions import mag_netwerk_zien


def netwerk(request):
    user = getattr(request, "user", None)
    # Lazy: asked only when a template uses it; the platform roles are read once per request,
    # in the same query as the roles here (bewoners.roles).
    return {"mag_netwerk_zien": lambda: mag_netwerk_zien(user)}
