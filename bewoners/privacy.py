"""One small mechanism for the rights to access ("download my data") and to erasure.

Every app that stores personal data registers a section in its ``AppConfig.ready()``::

    from bewoners import privacy

    privacy.register(
        "meldingen",
        export=lambda user: {...},       # JSON-serialisable data about ``user``
        erase=lambda user: None,         # delete or anonymise ``user``'s personal data
    )

``export_user_data(user)`` collects every section; ``erase_user(user)`` runs every eraser in
one transaction and then anonymises the account itself, so shared history (a match, a booking)
stays but no longer points to a recognisable person.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    order: int


_registry: dict[str, Section] = {}


def register(
    name: str,
    *,
    export: Callable[[Any], Any],
    erase: Callable[[Any], None],
    order: int = 100,
) -> None:
    """Register (or replace) the export and erasure of one app's personal data.

    Erasers run in ascending ``order``; the account itself is anonymised last.
    """
    _registry[name] = Section(name=name, export=export, erase=erase, order=order)


def sections() -> list[Section]:
    return sorted(_registry.values(), key=lambda s: (s.order, s.name))


def cooperaties_van(user) -> list:
    """Every coöperatie ``user`` takes part in (has a profile in), and the current one."""
    from cooperaties.huidige import huidige
    from cooperaties.models import Cooperatie
    from cooperaties.rls import over_alle_cooperaties

    from .models import Profiel

    with over_alle_cooperaties():
        ids = set(
            Profiel.objects.alle_cooperaties()
            .filter(user=user)
            .values_list("cooperatie_id", flat=True)
        )
        if huidige() is not None:
            ids.add(huidige().pk)
        return list(Cooperatie.objects.filter(pk__in=ids).order_by("pk"))


def _secties(user) -> dict[str, Any]:
    return {section.name: section.export(user) for section in sections()}


def export_user_data(user) -> dict[str, Any]:
    """Everything about ``user``: the sections of the current coöperatie at the top, those of
    every other coöperatie the person takes part in under ``andere_cooperaties``."""
    from cooperaties.huidige import huidige, in_cooperatie

    data: dict[str, Any] = {
        "export_gemaakt_op": timezone.now().isoformat(),
        "gebruiker_id": user.pk,
    }
    hier = huidige()
    data.update(_secties(user))
    andere = {}
    for cooperatie in cooperaties_van(user):
        if hier is not None and cooperatie.pk == hier.pk:
            continue
        with in_cooperatie(cooperatie):
            andere[cooperatie.slug] = {"naam": cooperatie.naam, **_secties(user)}
    if andere:
        data["andere_cooperaties"] = andere
    return data


def export_user_json(user) -> str:
    return json.dumps(export_user_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_user(user) -> None:
    """Erase ``user``'s personal data everywhere (in every coöperatie they take part in) and
    anonymise the account."""
    from cooperaties.huidige import in_cooperatie

    for cooperatie in cooperaties_van(user):
        with in_cooperatie(cooperatie):
            for section in sections():
                section.erase(user)
    anonymise_account(user)


def anonymise_account(user) -> None:
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # Log the person out everywhere. allauth tracks every login's session (with IP address and
    # browser, which are personal data too); the unusable password set below also invalidates
    # any session it did not track, because Django checks the password hash on each request.
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
    user.email = None
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.verwijderd_op = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
