"""Workflows of the bewoners app; the public API other apps call."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from . import privacy
from .models import Profiel, User
from .roles import Rol, assign_role

# The onboarding steps in order: (slug for templates, form class name in bewoners.forms, title).
ONBOARDING_STAPPEN = ("toestemming", "over_jou", "vier_vragen", "praktisch")


def profiel_for(user: User) -> Profiel:
    profiel, _created = Profiel.objects.get_or_create(user=user)
    return profiel


@transaction.atomic
def bewoner_create(
    *,
    email: str | None,
    first_name: str,
    last_name: str = "",
    password: str | None = None,
    **profiel_fields,
) -> User:
    """Create a resident with a profile and the bewoner role (no e-mail verification)."""
    user = User(email=email or None, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    profiel = Profiel(user=user, **profiel_fields)
    profiel.derive_buurt()
    profiel.full_clean()
    profiel.save()
    assign_role(user, Rol.BEWONER)
    return user


# What happens when a resident finishes the welcome flow, beyond closing it: apps above bewoners
# register a callback at start-up (meldingen sends the welcome melding), so bewoners imports none
# of them. Each callback is called as ``callback(profiel=profiel)`` inside the transaction.
_onboarding_voltooid: list[Callable[..., None]] = []


def register_onboarding_voltooid(callback: Callable[..., None]) -> None:
    """Call ``callback(profiel=...)`` once a resident's onboarding is complete (once each)."""
    if callback not in _onboarding_voltooid:
        _onboarding_voltooid.append(callback)


@transaction.atomic
def onboarding_complete(*, profiel: Profiel) -> None:
    """Close the welcome flow and run the registered callbacks (the welcome melding), once."""
    if profiel.onboarding_voltooid_op is not None:
        return
    profiel.onboarding_voltooid_op = timezone.now()
    profiel.save(update_fields=["onboarding_voltooid_op", "bijgewerkt_op"])
    for callback in _onboarding_voltooid:
        callback(profiel=profiel)


def consent_give(*, profiel: Profiel) -> None:
    profiel.give_consent()


def consent_withdraw(*, profiel: Profiel) -> None:
    profiel.withdraw_consent()


def account_delete(*, user: User) -> None:
    """Erase everything personal about ``user``; shared history stays, anonymised."""
    privacy.erase_user(user)
