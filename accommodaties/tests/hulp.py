"""What the tests of this app share besides fixtures: the moment the clock stands still at,
and a moment counted from it (one definition for every app, in ``tests.tijd``)."""

from tests.tijd import AMS, START, op

__all__ = ["AMS", "START", "op"]
