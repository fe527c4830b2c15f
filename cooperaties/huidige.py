"""The coöperatie the current request or task works for.

One value per thread and per asyncio task (a ``ContextVar``), set by whoever starts the work:
the request's host (a middleware, next step of issue 14) or the coöperatie id a Celery task
carries. ``None`` means no coöperatie: tenant-owned rows are then out of reach (fail closed).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Cooperatie

_huidige: ContextVar[Cooperatie | None] = ContextVar("wijk_cooperatie", default=None)


def huidige() -> Cooperatie | None:
    """The coöperatie of the work in progress, or None."""
    return _huidige.get()


@contextmanager
def in_cooperatie(cooperatie: Cooperatie | None) -> Iterator[Cooperatie | None]:
    """``with in_cooperatie(c):`` everything inside works for ``c``; afterwards the previous
    value is back, also after an error."""
    token = _huidige.set(cooperatie)
    try:
        yield cooperatie
    finally:
        _huidige.reset(token)
