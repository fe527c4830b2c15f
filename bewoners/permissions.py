"""Who may see which personal data of whom: the one rule for every page, template and export.

Personal data of a person falls in classes (``Gegeven``); every field of a person belongs to one
(``VELDEN``). The one question is ``mag_zien(kijker, persoon, gegeven)``; templates ask it through
the ``{% persoonsgegeven %}`` tag (``bewoners/templatetags/privacy.py``), so no template reads
``profiel.adres`` or ``user.email`` of another person directly. The access matrix, in plain
words, is in ``docs/toegang.md``.

Who sees what:

- the person themself: everything;
- a buurtassistent *for that person* (the person lives in a buurt the assistant follows, or in
  a buurt nobody follows, or has no buurt): public, contact, home and private data; sensitive
  data (coordination notes marked sensitive) only when assigned to the person's buurt, or the
  note's author (``buurtassistenten`` decides per note). A buurtassistent of another buurt sees
  what any resident sees;
- any logged-in resident: the public data (first name, buurt, the four questions but "wat heb
  je nodig") of a person who gave consent;
- relations that need more, registered by the apps that know them (``register_relatie``): the
  helper of an accepted match sees the requester's contact and home data (the help happens at
  their home), the requester sees the helper's contact data (not the address); a keeper and
  the booker of an active booking see each other's contact data; an organiser sees the contact
  data of the members of their initiative; fellow members see the full name and e-mail of a
  member who chose to show them.

Every look by a buurtassistent at private or sensitive data of another person is recorded
(``inzage``): the loggers are registered by ``buurtassistenten``, which keeps the access log.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from enum import StrEnum

from django.db.models import Q

from .models import User
from .roles import Rol, has_role


class Gegeven(StrEnum):
    """Classes of personal data, from least to most protected."""

    PUBLIEK = "publiek"  # first name, buurt, the four questions but needs
    CONTACT = "contact"  # full name, e-mail, phone
    THUIS = "thuis"  # home address, postcode, place
    PRIVE = "prive"  # what someone needs ("wat heb je nodig", private details of a request)
    GEVOELIG = "gevoelig"  # health, coordination notes marked sensitive


# Every field a page may show of a person, and its class. Relations may grant single fields
# (a member who chose to show "naam" and "email" to fellow members, not their phone).
VELDEN: dict[str, Gegeven] = {
    "voornaam": Gegeven.PUBLIEK,
    "buurt": Gegeven.PUBLIEK,
    "naam": Gegeven.CONTACT,
    "email": Gegeven.CONTACT,
    "telefoon": Gegeven.CONTACT,
    "adres": Gegeven.THUIS,
    "postcode": Gegeven.THUIS,
    "woonplaats": Gegeven.THUIS,
    "nodig": Gegeven.PRIVE,
}

ALLES = frozenset(Gegeven)
VOOR_BUURTASSISTENT = frozenset({Gegeven.PUBLIEK, Gegeven.CONTACT, Gegeven.THUIS, Gegeven.PRIVE})

# A relation: ``rule(kijker, persoon_ids) -> {persoon_id: {Gegeven or field name, ...}}``, one
# query for all ``persoon_ids`` (so a list of people costs one query per relation, not one per
# person). Registered by the apps that know the relation, at import of their permissions.py.
Relatie = Callable[[object, Collection[int]], dict[int, set[str]]]
_relaties: list[Relatie] = []
# Loggers of staff looks at private or sensitive data: ``logger(kijker, persoon, wat)``.
_inzage_loggers: list[Callable] = []


def register_relatie(rule: Relatie) -> None:
    if rule not in _relaties:
        _relaties.append(rule)


def register_inzage_logger(logger: Callable) -> None:
    if logger not in _inzage_loggers:
        _inzage_loggers.append(logger)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# --- the buurtassistent's werkgebied -----------------------------------------------------------


def is_buurtassistent(user) -> bool:
    return has_role(user, Rol.BUURTASSISTENT)


def werkgebied_filter(user, *, veld: str = "profiel__buurt") -> Q:
    """A filter for the residents (or rows through ``veld``) in ``user``'s buurten, plus those
    without a buurt or of a buurt without an assigned buurtassistent."""
    return (
        Q(**{f"{veld}__buurtassistenten": user})
        | Q(**{f"{veld}__isnull": True})
        | Q(**{f"{veld}__buurtassistenten__isnull": True})
    )


def _werkgebied(kijker, ids: Collection[int]) -> set[int]:
    """Which of ``ids`` this buurtassistent works for (one query)."""
    if not is_buurtassistent(kijker):
        return set()
    if kijker.is_superuser:
        return set(ids)
    # Only people who take part here: "no buurt" must not match someone with no profile here.
    return set(
        User.objects.hier()
        .filter(pk__in=ids)
        .filter(werkgebied_filter(kijker))
        .values_list("pk", flat=True)
    )


def is_buurtassistent_voor(kijker, persoon) -> bool:
    """Is ``kijker`` a buurtassistent who works for ``persoon``?"""
    return persoon is not None and persoon.pk in _werkgebied(kijker, [persoon.pk])


# --- the one question ---------------------------------------------------------------------------


def _toegestaan(kijker, ids: Collection[int]) -> dict[int, frozenset[str]]:
    """What ``kijker`` may see beyond the public data of each of ``ids``: one query for the
    werkgebied and one per registered relation, whatever the number of people."""
    grants: dict[int, set[str]] = {pk: set() for pk in ids}
    if not _authenticated(kijker) or not grants:
        return {pk: frozenset() for pk in grants}
    if kijker.pk in grants:
        grants[kijker.pk] |= {str(g) for g in ALLES}
    for pk in _werkgebied(kijker, grants):
        grants[pk] |= {str(g) for g in VOOR_BUURTASSISTENT}
    # Relations never grant more than the buurtassistent sees already: ask them only for the
    # others (a buurtassistent's list of their own residents costs one query in all).
    others = [pk for pk in grants if pk != kijker.pk and Gegeven.PRIVE not in grants[pk]]
    if others:
        for rule in _relaties:
            for pk, gegevens in rule(kijker, others).items():
                if pk in grants:
                    grants[pk].update(str(g) for g in gegevens)
    return {pk: frozenset(g) for pk, g in grants.items()}


def zichtbaar(kijker, persoon) -> frozenset[str]:
    """The classes (and single fields) beyond the public ones that ``kijker`` may see of
    ``persoon``. Asked afresh each time; pages use ``Zicht`` (one answer per request)."""
    if persoon is None:
        return frozenset()
    pk = getattr(persoon, "pk", persoon)
    return _toegestaan(kijker, [pk])[pk]


def _mag(toegestaan: frozenset[str], persoon, gegeven: str) -> bool:
    gegeven = str(gegeven)
    klasse = VELDEN.get(gegeven, gegeven)
    if klasse not in _KLASSEN:
        raise ValueError(f"unknown class of personal data: {gegeven!r}")
    if klasse == Gegeven.PUBLIEK and _public_profile(persoon):
        return True
    return str(klasse) in toegestaan or gegeven in toegestaan


_KLASSEN = {str(g) for g in Gegeven}


def mag_zien(kijker, persoon, gegeven: str) -> bool:
    """May ``kijker`` see ``gegeven`` (a class of ``Gegeven`` or a field of ``VELDEN``) of
    ``persoon``? Public data: every logged-in resident, when the person gave consent."""
    if persoon is None or not _authenticated(kijker):
        return False
    return _mag(zichtbaar(kijker, persoon), persoon, gegeven)


class Zicht:
    """The rule for one request: decides once per person (``bepaal`` a whole list at once for
    a constant number of queries), records staff looks at private data."""

    def __init__(self, kijker):
        self.kijker = kijker
        self._antwoorden: dict[int, frozenset[str]] = {}
        self._gelogd: set[int] = set()

    def bepaal(self, personen: Iterable) -> None:
        ids = {getattr(p, "pk", p) for p in personen if p is not None} - set(self._antwoorden)
        ids.discard(None)
        if ids:
            self._antwoorden.update(_toegestaan(self.kijker, ids))

    def mag_zien(self, persoon, gegeven: str) -> bool:
        if persoon is None or not _authenticated(self.kijker):
            return False
        self.bepaal([persoon])
        return _mag(self._antwoorden.get(persoon.pk, frozenset()), persoon, gegeven)

    def toon(self, persoon, veld: str, *, wat: str = ""):
        """``waarde`` when allowed, else ``None``; a buurtassistent's look at private or
        sensitive data of someone else is recorded (``wat`` says where)."""
        if not self.mag_zien(persoon, veld):
            return None
        if VELDEN[veld] in (Gegeven.PRIVE, Gegeven.GEVOELIG):
            self.inzage(persoon, wat or veld)
        return waarde(persoon, veld)

    def inzage(self, persoon, wat: str) -> None:
        """``inzage``, once per person in this request (one page, one record: the first look
        says what, e.g. the coordination page or the private details of a request)."""
        if persoon is not None and persoon.pk not in self._gelogd:
            self._gelogd.add(persoon.pk)
            inzage(self.kijker, persoon, wat)


def zicht(request) -> Zicht:
    """The ``Zicht`` of this request (made on first use)."""
    gevonden = getattr(request, "_wijk_zicht", None)
    if gevonden is None:
        gevonden = Zicht(request.user)
        request._wijk_zicht = gevonden
    return gevonden


def _public_profile(persoon) -> bool:
    if not getattr(persoon, "is_active", True) or getattr(persoon, "verwijderd_op", None):
        return False
    profiel = getattr(persoon, "profiel", None)
    return profiel is not None and profiel.heeft_toestemming


def waarde(persoon, veld: str):
    """The value of ``veld`` (a key of ``VELDEN``) of ``persoon``, without any check."""
    profiel = getattr(persoon, "profiel", None)
    if veld == "voornaam":
        return persoon.display_name
    if veld == "naam":
        return persoon.get_full_name() or persoon.display_name
    if veld == "email":
        return persoon.email or ""
    if veld == "buurt":
        return profiel.buurt.naam if profiel is not None and profiel.buurt_id else ""
    if veld == "nodig":
        return profiel.wat_heb_je_nodig if profiel is not None else ""
    if veld in ("telefoon", "adres", "postcode", "woonplaats"):
        return getattr(profiel, veld, "") if profiel is not None else ""
    raise ValueError(f"unknown field of personal data: {veld!r}")


def inzage(kijker, persoon, wat: str) -> None:
    """Record that staff (a buurtassistent, or a beheerder in the admin) looked at private or
    sensitive data of ``persoon`` (who, whom, what; the logger adds when). Looks at one's own
    data are not recorded."""
    if persoon is None or not _authenticated(kijker) or kijker.pk == persoon.pk:
        return
    if not (is_buurtassistent(kijker) or kijker.is_staff):
        return
    for logger in _inzage_loggers:
        logger(kijker, persoon, wat)


# --- the profile page ----------------------------------------------------------------------------


def can_view_profile(viewer, subject) -> bool:
    """A profile page: oneself, the buurtassistent for that person, a relation that shows
    contact data, and otherwise residents only when that person gave consent."""
    if not _authenticated(viewer) or not subject.is_active or subject.verwijderd_op:
        return False
    return mag_zien(viewer, subject, Gegeven.PUBLIEK) or bool(zichtbaar(viewer, subject))


def can_see_private(viewer, subject) -> bool:
    """'Wat heb je nodig' and other private data of ``subject``."""
    return mag_zien(viewer, subject, Gegeven.PRIVE)


def can_see_contact(viewer, subject) -> bool:
    """E-mail and phone of ``subject``."""
    return mag_zien(viewer, subject, Gegeven.CONTACT)
