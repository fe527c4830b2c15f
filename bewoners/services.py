"""Workflows of the bewoners app; the public API other apps call."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import privacy
from .models import Buurt, Categorie, Profiel, User
from .per_persoon import bewaard as per_persoon_bewaard  # noqa: F401  (the layout's cache)
from .per_persoon import vergeten as per_persoon_vergeten  # noqa: F401
from .roles import Rol, assign_role

# The categories a new coöperatie starts with (the platform beheerder may choose others; the
# coöperatie's beheerder changes them in the admin): (slug, name, description). Data in the
# coöperatie's language, like the names a beheerder types, not texts of the interface.
STANDAARD_CATEGORIEEN = [
    ("klussen", "Klussen", "Kleine klusjes in en om het huis"),
    ("tuin", "Tuin", "Tuinieren, snoeien, onkruid wieden"),
    ("vervoer", "Vervoer", "Rijden naar het ziekenhuis, de huisarts of familie"),
    ("boodschappen", "Boodschappen", "Samen of voor iemand boodschappen doen"),
    ("gezelschap", "Gezelschap", "Een praatje, samen koffie drinken, wandelen"),
    ("digitale-hulp", "Digitale hulp", "Hulp met computer, telefoon, DigiD en internet"),
    ("administratie", "Administratie", "Post, formulieren en geldzaken op orde"),
    ("koken", "Koken en maaltijden", "Samen koken of een maaltijd brengen"),
    ("bewegen", "Bewegen", "Wandelen, fietsen, sporten, zwemmen"),
    ("huisdieren", "Huisdieren", "De hond uitlaten, op de kat passen"),
    ("taal", "Taal", "Nederlands oefenen, voorlezen, vertalen"),
    ("kinderen", "Kinderen en jongeren", "Oppassen, huiswerkhulp"),
    (
        "mantelzorg",
        "Mantelzorg ontlasten",
        "Even de zorg overnemen zodat een mantelzorger kan rusten",
    ),
    ("reparatie", "Repareren", "Fietsen, kleding, apparaten repareren"),
]


def buurt_create(*, naam: str, postcodes: str = "", beschrijving: str = "") -> Buurt:
    """A buurt of the current coöperatie. Raises a Dutch ``ValidationError`` (a name or slug
    taken, a postcode that is no postcode); nothing is saved then."""
    naam = (naam or "").strip()
    buurt = Buurt(naam=naam, slug=slugify(naam), postcodes=postcodes, beschrijving=beschrijving)
    buurt.full_clean()
    buurt.save()
    return buurt


def categorie_create(*, naam: str, slug: str = "", beschrijving: str = "", volgorde: int = 100):
    """A category of help of the current coöperatie (a Dutch ``ValidationError`` when taken)."""
    naam = (naam or "").strip()
    categorie = Categorie(
        naam=naam, slug=slug or slugify(naam), beschrijving=beschrijving, volgorde=volgorde
    )
    categorie.full_clean()
    categorie.save()
    return categorie


def standaard_categorieen_create() -> list[Categorie]:
    """The standard categories for a new coöperatie."""
    return [
        categorie_create(naam=naam, slug=slug, beschrijving=uitleg, volgorde=i * 10)
        for i, (slug, naam, uitleg) in enumerate(STANDAARD_CATEGORIEEN)
    ]


# The onboarding steps in order: (slug for templates, form class name in bewoners.forms, title).
ONBOARDING_STAPPEN = ("toestemming", "over_jou", "vier_vragen", "praktisch")


class GeenLidHier(Exception):
    """The person has an account (one login for every coöperatie) but takes no part in the
    current coöperatie. ``bewoners.middleware.LidmaatschapMiddleware`` answers with the page
    that asks whether they want to join."""


def profiel_for(user: User) -> Profiel:
    """The person's profile (membership) in the current coöperatie. Someone without one gets
    ``GeenLidHier``: joining a coöperatie is the person's own choice (``lid_worden``), never a
    side effect of opening one of its pages, since its buurtassistenten would see them."""
    profiel = profiel_hier(user)
    if profiel is None:
        raise GeenLidHier
    return profiel


def profiel_hier(user: User) -> Profiel | None:
    """The person's profile in the current coöperatie, or None (no query more than
    ``user.profiel``; remembered on the user object per coöperatie)."""
    try:
        return user.profiel
    except Profiel.DoesNotExist:
        return None


def lid_worden(user: User) -> Profiel:
    """Make ``user`` take part in the current coöperatie: a profile there with the resident
    role (once; again is a no-op). Their data of other coöperaties stays where it is."""
    profiel, nieuw = Profiel.objects.get_or_create(user=user)
    if nieuw:
        assign_role(user, Rol.BEWONER)
    veld = User._meta.get_field("profiel")
    if veld.is_cached(user):  # "no profile here" was remembered: ask again
        veld.delete_cached_value(user)
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


def bewoner_create_offline(*, buurt=None, **velden) -> User:
    """A resident without e-mail, entered by a buurtassistent: created as ``bewoner_create``
    makes one, with consent given and the welcome flow closed (the intake is their welcome
    flow). ``buurt``, when given, is the buurt chosen in the intake, over the postcode's."""
    bewoner = bewoner_create(email=None, **velden)
    profiel = bewoner.profiel
    if buurt is not None:
        profiel.buurt = buurt
    profiel.give_consent(commit=False)
    profiel.onboarding_voltooid_op = timezone.now()
    profiel.save()
    profiel_gewijzigd(profiel, velden=["buurt"])
    return bewoner


def account_email_set(*, user: User, email: str) -> str:
    """Give an account without e-mail its address (not yet verified), so the person can log in
    themselves. Raises a Dutch ``ValidationError`` when the account has one already or the
    address belongs to another account; returns the address as stored."""
    email = (email or "").strip().lower()
    if user.email:
        raise ValidationError(_("Deze bewoner heeft al een e-mailadres en kan zelf inloggen."))
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": [_("Dit e-mailadres hoort al bij een ander account.")]})
    user.email = email
    user.full_clean(exclude=["password"])
    # No savepoint of its own: the buurtassistent's claim wraps this in its transaction.
    with transaction.atomic(savepoint=False):
        user.save(update_fields=["email"])
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return email


def wachtwoord_link_send(*, email: str, request=None) -> None:
    """Send allauth's e-mail with a link to choose a (new) password to ``email``."""
    form = ResetPasswordForm(data={"email": email})
    if form.is_valid():
        form.save(request)


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


# Apps above bewoners that keep something derived from a profile's buurt or skills
# (``kan_categorieen``) register a callback at start-up (hulpvragen: the matching search table
# and the offers' copy of the buurt), so bewoners imports none of them. Every workflow that
# changes a profile's buurt or skills calls ``profiel_gewijzigd`` after saving them.
_profiel_gewijzigd: list[Callable[..., None]] = []


def register_profiel_gewijzigd(callback: Callable[..., None]) -> None:
    """Call ``callback(profiel=..., velden=...)`` after a saved change to a profile's buurt or
    skills; ``velden`` is a frozenset of the changed field names, or None when unknown."""
    if callback not in _profiel_gewijzigd:
        _profiel_gewijzigd.append(callback)


def profiel_gewijzigd(profiel: Profiel, *, velden: Iterable[str] | None = None) -> None:
    """``profiel`` was saved (its skills too) and its buurt or skills may have changed.
    ``velden``: the names of the fields that changed (a form's ``changed_data``); None: any may
    have (the callbacks then check everything)."""
    velden = None if velden is None else frozenset(velden)
    for callback in _profiel_gewijzigd:
        callback(profiel=profiel, velden=velden)


def consent_give(*, profiel: Profiel) -> None:
    profiel.give_consent()


def consent_withdraw(*, profiel: Profiel) -> None:
    profiel.withdraw_consent()


def account_delete(*, user: User) -> None:
    """Erase everything personal about ``user``; shared history stays, anonymised."""
    privacy.erase_user(user)
