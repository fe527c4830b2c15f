"""``mag_rapporten_zien`` for every template: the "Rapportage" link in the menu and the admin."""

from .permissions import mag_rapporten_zien


def rapportage(request):
    user = getattr(request, "user", None)
    # Lazy: asked only when a template uses it; the roles are read once per request.
    return {"mag_rapporten_zien": lambda: mag_rapporten_zien(user)}
