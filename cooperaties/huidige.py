"""The coöperatie the current request or task works for.

One value per thread and per asyncio task (a ``ContextVar``), set by whoever starts the work:
the request's host (``cooperaties.middleware``) or the coöperatie id a Celery task
carries. ``None`` means no coöperatie: tenant-owned rows are then out of reach (fail closed).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from .models import Cooperatie

P = ParamSpec("P")
T = TypeVar("T")

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


def meenemen(functie: Callable[P, T]) -> Callable[P, T]:
    """``functie``, to run in another thread for the coöperatie that is current *now* (a new
    thread starts with none: ``threading.Thread(target=meenemen(werk))``)."""
    cooperatie = huidige()

    @functools.wraps(functie)
    def in_dezelfde(*args: P.args, **kwargs: P.kwargs) -> T:
        with in_cooperatie(cooperatie):
            return functie(*args, **kwargs)

    return in_dezelfde
