"""One URL serves the whole page or, for htmx, only the part that changes (``style.md``)."""

from django.shortcuts import render


def is_deel(request) -> bool:
    """An htmx request for part of a page. Restoring history (back button after an htmx swap)
    needs the whole page again."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def pagina_of_deel(request, pagina: str, deel: str, context: dict, **kwargs):
    """Render ``deel`` (the partial) for an htmx request, else the whole ``pagina``."""
    return render(request, deel if is_deel(request) else pagina, context, **kwargs)
