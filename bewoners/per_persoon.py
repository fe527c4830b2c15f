"""What every page needs of the logged-in person, kept in the cache (issue 16).

The layout and the middleware ask the same things on every request: the person's roles here
(the menu, the second-factor rule), whether they set up an authenticator app, and their unread
meldingen for the header. Each answer is kept in Django's cache (Redis in production) under a
key of the coöperatie, the person and the person's *version*; a change gives the person a new
version (``vergeten``), so the next request computes the answer again. Nothing is kept across
coöperaties: a role in one is never read in another.

- **When to forget.** Whoever changes what an answer is built from calls ``vergeten(user_id)``:
  the signals here do it for roles (a membership, its roles, the platform roles, the
  authenticator app), ``meldingen.services`` for the meldingen (also its bulk writes). The new
  version is set at once (the change's own request sees it) and again after the commit: a
  request that computed the old answer between the two keeps it under a version nobody asks
  for any more.
- **Per process.** A change made in this process also renews the version remembered on the
  request's user object. With a cache per process (locmem, the default without ``CACHE_URL``)
  other processes learn of a change only when their copy expires: ``BEWAAR_SECONDEN_LOKAAL``,
  as with the hosts (``WIJK_HOSTS_ONTHOUDEN``).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

from cooperaties.huidige import huidige

T = TypeVar("T")

# How long an answer is kept: a shared cache learns of every change; one per process only of
# its own, so its answers are kept briefly.
BEWAAR_SECONDEN = 60 * 60
BEWAAR_SECONDEN_LOKAAL = 30

VOORVOEGSEL = "wijk:pp"
ALLES = f"{VOORVOEGSEL}:v"  # every person's answers at once (a role renamed or removed)

# Counts the changes made in this process: a version remembered on a user object before the
# last change is read again.
_wijzigingen = itertools.count(1)
_laatste = 0


def _bewaar_seconden() -> int:
    return BEWAAR_SECONDEN_LOKAAL if isinstance(cache, LocMemCache) else BEWAAR_SECONDEN


def _versie_sleutel(user_id) -> str:
    return f"{VOORVOEGSEL}:v:{user_id}"


def _nieuw() -> str:
    return uuid.uuid4().hex[:12]


def _versie(user) -> str:
    """The person's version and everyone's, remembered on ``user`` until the next change in
    this process."""
    onthouden = getattr(user, "_wijk_pp_versie", None)
    if onthouden is not None and onthouden[0] == _laatste:
        return onthouden[1]
    sleutels = [_versie_sleutel(user.pk), ALLES]
    gevonden = cache.get_many(sleutels)
    ontbreekt = {s: _nieuw() for s in sleutels if s not in gevonden}
    if ontbreekt:
        # A version is never used twice: a lost one (evicted) starts with a new random value.
        for sleutel, waarde in ontbreekt.items():
            cache.add(sleutel, waarde, None)
        gevonden = cache.get_many(sleutels)
        gevonden = {s: gevonden.get(s, ontbreekt.get(s)) for s in sleutels}
    versie = f"{gevonden[sleutels[0]]}.{gevonden[ALLES]}"
    user._wijk_pp_versie = (_laatste, versie)
    return versie


def bewaard(user, naam: str, bereken: Callable[[], T]) -> T:
    """The answer ``naam`` for ``user`` in the current coöperatie: from the cache, else
    ``bereken()`` (and kept). ``user`` must be logged in."""
    cooperatie = huidige()
    sleutel = ":".join(
        (
            VOORVOEGSEL,
            naam,
            str(cooperatie.pk if cooperatie is not None else 0),
            str(user.pk),
            _versie(user),
        )
    )
    ontbreekt = object()
    waarde = cache.get(sleutel, ontbreekt)
    if waarde is ontbreekt:
        waarde = bereken()
        cache.set(sleutel, waarde, _bewaar_seconden())
    return waarde


def _vernieuw(sleutels: list[str]) -> None:
    global _laatste
    _laatste = next(_wijzigingen)
    cache.set_many({s: _nieuw() for s in sleutels}, None)


def _na_commit(sleutels: list[str]) -> None:
    _vernieuw(sleutels)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _vernieuw(sleutels))


def vergeten(user_ids: Iterable) -> None:
    """The kept answers of these people are out of date (their version changes now and again
    after the commit)."""
    sleutels = [_versie_sleutel(pk) for pk in {pk for pk in user_ids if pk is not None}]
    if sleutels:
        _na_commit(sleutels)


def alles_vergeten() -> None:
    """Every person's kept answers are out of date."""
    _na_commit([ALLES])


# -- the changes that make the answers about roles out of date --------------------------------


def _profiel_gewijzigd(sender, instance, **kwargs) -> None:
    vergeten([instance.user_id])


def _rollen_gewijzigd(sender, instance, action, reverse, **kwargs) -> None:
    """``profiel.rollen`` changed (``Profiel.rollen`` has no way back from a group)."""
    if action.startswith("post_"):
        if reverse:
            alles_vergeten()
        else:
            vergeten([instance.user_id])


def _rol_rij_gewijzigd(sender, instance, **kwargs) -> None:
    """A row of ``Profiel.rollen.through`` saved by itself. (Deleting rows sends no signal
    for an automatic through table: ``remove_role`` forgets by itself.)"""
    from .models import Profiel

    vergeten(
        Profiel.objects.alle_cooperaties()
        .filter(pk=instance.profiel_id)
        .values_list("user_id", flat=True)
    )


def _groepen_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """``user.groups`` changed (the platform roles), or ``group.user_set``."""
    if action == "pre_clear" and reverse:
        vergeten(instance.user_set.values_list("pk", flat=True))
    elif action.startswith("post_"):
        if not reverse:
            vergeten([instance.pk])
        elif pk_set:
            vergeten(pk_set)


def _groep_rij_gewijzigd(sender, instance, **kwargs) -> None:
    vergeten([instance.user_id])


def _alles(sender, **kwargs) -> None:
    alles_vergeten()


def _authenticator_gewijzigd(sender, instance, **kwargs) -> None:
    vergeten([instance.user_id])


def verbind() -> None:
    """Connect the signals above (``BewonersConfig.ready``): also the admin's and a task's
    changes make the answers out of date."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group
    from django.db.models import signals

    from .models import Profiel, User

    uid = "bewoners.per_persoon"
    for signaal in (signals.post_save, signals.post_delete):
        signaal.connect(_profiel_gewijzigd, sender=Profiel, dispatch_uid=f"{uid}.profiel")
        signaal.connect(
            _rol_rij_gewijzigd, sender=Profiel.rollen.through, dispatch_uid=f"{uid}.rol"
        )
        signaal.connect(
            _groep_rij_gewijzigd, sender=User.groups.through, dispatch_uid=f"{uid}.groep"
        )
        signaal.connect(_alles, sender=Group, dispatch_uid=f"{uid}.alles")
        signaal.connect(_authenticator_gewijzigd, sender=Authenticator, dispatch_uid=f"{uid}.mfa")
    signals.m2m_changed.connect(
        _rollen_gewijzigd, sender=Profiel.rollen.through, dispatch_uid=f"{uid}.rollen"
    )
    signals.m2m_changed.connect(
        _groepen_gewijzigd, sender=User.groups.through, dispatch_uid=f"{uid}.groepen"
    )
