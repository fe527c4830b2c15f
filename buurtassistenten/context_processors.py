"""``is_buurtassistent`` for every template: the "Coördinatie" link in the menu and the admin."""

from .permissions import is_buurtassistent


def coordinatie(request):
    user = getattr(request, "user", None)
    # Lazy: asked only when a template uses it; the roles are read once per request.
    return {"is_buurtassistent": lambda: is_buurtassistent(user)}
