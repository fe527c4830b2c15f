"""The platform beheerder's work across coöperaties: setting one up (with its buurten, categories
and first beheerder), and exporting, importing and removing one as a whole.

Each function here works on the rows of one coöperatie on purpose: it enters that coöperatie
(``in_cooperatie``) or, for what spans coöperaties (the accounts), takes the explicit path
(``over_alle_cooperaties``), so PostgreSQL's second wall holds throughout.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from bewoners import privacy
from bewoners.models import Buurt, Profiel, User
from bewoners.roles import PlatformRol, Rol, assign_role, vergeet_rollen
from bewoners.services import (
    buurt_create,
    categorie_create,
    lid_worden,
    standaard_categorieen_create,
)
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie, Domein, VanCooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.selectors import site_url, vergeet_hosts
from cooperaties.services import cooperatie_create, logo_zetten
from meldingen.models import Instellingen, Voorkeur

logger = logging.getLogger(__name__)

# -- Setting a coöperatie up --------------------------------------------------------------------


def buurten_lezen(tekst: str) -> list[tuple[str, str]]:
    """``"De Linde: 3541, 3542\\nHet Zand: 3543"`` → ``[("De Linde", "3541, 3542"), ...]``: one
    buurt a line, its postcodes after a colon (may be left out). A Dutch ``ValidationError``
    names the lines that are wrong."""
    buurten, fouten, gezien = [], [], set()
    for nummer, regel in enumerate((tekst or "").splitlines(), start=1):
        if not regel.strip():
            continue
        naam, _dubbelepunt, postcodes = regel.partition(":")
        naam = naam.strip()
        if not naam or not slugify(naam):
            fouten.append(
                _g("Regel %(n)s: zet eerst de naam van de buurt, dan een dubbele punt.")
                % {"n": nummer}
            )
            continue
        if len(naam) > 100:
            fouten.append(
                _g("Regel %(n)s: de naam is te lang (hoogstens 100 tekens).") % {"n": nummer}
            )
            continue
        try:
            Buurt(naam=naam, postcodes=postcodes).clean()
        except ValidationError as fout:
            fouten.append(
                _g("Regel %(n)s: %(fout)s") % {"n": nummer, "fout": " ".join(fout.messages)}
            )
            continue
        if slugify(naam) in gezien:
            fouten.append(
                _g("Regel %(n)s: de buurt %(naam)s staat er al.") % {"n": nummer, "naam": naam}
            )
            continue
        gezien.add(slugify(naam))
        buurten.append((naam, postcodes.strip()))
    if fouten:
        raise ValidationError(fouten)
    return buurten


def categorieen_lezen(tekst: str) -> list[str]:
    """One category name a line; doubles are left out."""
    namen, gezien = [], set()
    for regel in (tekst or "").splitlines():
        naam = regel.strip()
        if naam and slugify(naam) and slugify(naam) not in gezien:
            gezien.add(slugify(naam))
            namen.append(naam)
    return namen


def cooperatie_inrichten(
    cooperatie: Cooperatie,
    *,
    buurten: Iterable[tuple[str, str]] = (),
    categorieen: Iterable[str] | None = None,
    beheerder_email: str = "",
) -> None:
    """Give a new ``cooperatie`` its buurten (name, postcodes), its categories (None: Wijk's
    standard list) and invite its first beheerder. Raises a Dutch ``ValidationError`` keyed by
    ``buurten``, ``categorieen`` or ``beheerder_email``; the caller's transaction rolls back."""
    with in_cooperatie(cooperatie):
        for naam, postcodes in buurten:
            try:
                buurt_create(naam=naam, postcodes=postcodes)
            except ValidationError as fout:
                raise ValidationError({"buurten": [f"{naam}: {' '.join(fout.messages)}"]}) from None
        if categorieen is None:
            standaard_categorieen_create()
        else:
            for i, naam in enumerate(categorieen):
                try:
                    categorie_create(naam=naam, volgorde=i * 10)
                except ValidationError as fout:
                    raise ValidationError(
                        {"categorieen": [f"{naam}: {' '.join(fout.messages)}"]}
                    ) from None
        if beheerder_email:
            beheerder_uitnodigen(cooperatie, beheerder_email)


@transaction.atomic
def cooperatie_opzetten(
    *,
    naam: str,
    slug: str = "",
    domeinen: Iterable[str] = (),
    buurten: Iterable[tuple[str, str]] = (),
    categorieen: Iterable[str] | None = None,
    beheerder_email: str = "",
    logo=None,
    **velden,
) -> Cooperatie:
    """A new coöperatie, ready to start: its domain names, buurten, categories, logo and first
    beheerder (invited by e-mail). All or nothing: a Dutch ``ValidationError`` saves nothing."""
    cooperatie = cooperatie_create(naam=naam, slug=slug, domeinen=domeinen, **velden)
    if logo is not None:
        logo_zetten(cooperatie, logo)
    cooperatie_inrichten(
        cooperatie, buurten=buurten, categorieen=categorieen, beheerder_email=beheerder_email
    )
    return cooperatie


def beheerder_uitnodigen(cooperatie: Cooperatie, email: str) -> User:
    """Make the person with ``email`` a beheerder of ``cooperatie`` and tell them by e-mail.

    Someone new gets an account without a password and a link to choose one; someone who has
    an account already (in another coöperatie) keeps it and gets a link to log in. The e-mail
    holds no one's private details. Raises a Dutch ``ValidationError`` for a wrong address."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"beheerder_email": [_("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")]}
        ) from None
    with in_cooperatie(cooperatie):
        user = User.objects.filter(email__iexact=email).first()
        nieuw = user is None
        if nieuw:
            user = User(email=email)
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        lid_worden(user)
        assign_role(user, Rol.BEHEERDER)
        if not user.is_staff:  # the admin is where a beheerder works
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        vergeet_rollen(user)
        adres = site_url(cooperatie)
        if user.has_usable_password():
            link = adres + reverse("account_login")
        else:
            sleutel = default_token_generator.make_token(user)
            link = adres + reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": user_pk_to_url_str(user), "key": sleutel},
            )
        context = {
            "cooperatie": cooperatie.naam,
            "site_url": adres,
            "link": link,
            "nieuw": not user.has_usable_password(),
            "wijk_naam": cooperatie.naam,
        }
        taal = getattr(user, "taal", "") or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: _stuur_uitnodiging(email, taal, context))
    return user


def _stuur_uitnodiging(email: str, taal: str, context: dict) -> None:
    with translation.override(taal):
        onderwerp = render_to_string("netwerk/email/uitnodiging_subject.txt", context).strip()
        tekst = render_to_string("netwerk/email/uitnodiging.txt", context)
        html = render_to_string("netwerk/email/uitnodiging.html", context)
    bericht = EmailMultiAlternatives(onderwerp, tekst, to=[email])
    bericht.attach_alternative(html, "text/html")
    bericht.send()


# -- Export, import and removal of a whole coöperatie --------------------------------------------

EXPORT_VERSIE = 1


def tenant_modellen() -> list[type[models.Model]]:
    """Every model whose rows belong to one coöperatie."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, VanCooperatie) and not m._meta.abstract and not m._meta.proxy
    ]


def _leden_en_betrokkenen(cooperatie: Cooperatie) -> set[int]:
    """The accounts the coöperatie's rows point to: its members and anyone else named in a
    row (a former member who helped, a buurtassistent of a buurt)."""
    ids: set[int] = set()
    for model in tenant_modellen():
        rijen = model._base_manager.filter(cooperatie=cooperatie)
        for veld in model._meta.get_fields():
            if veld.related_model is not User or not (veld.many_to_one or veld.many_to_many):
                continue
            if veld.auto_created and not veld.concrete:
                continue
            ids.update(i for i in rijen.values_list(veld.name, flat=True) if i is not None)
    return ids


def cooperatie_export_data(cooperatie: Cooperatie) -> dict:
    """Everything of ``cooperatie``: its own rows in every app, its domain names, and the
    accounts its rows name, as Django serialization (``cooperatie_importeren`` loads it into
    another installation). No password hashes, no second factors, no sessions: people choose
    a new password there."""
    with over_alle_cooperaties(), in_cooperatie(cooperatie):
        objecten = [cooperatie, *Domein.objects.filter(cooperatie=cooperatie)]
        user_ids = _leden_en_betrokkenen(cooperatie)
        accounts = list(User.objects.filter(pk__in=user_ids).order_by("pk"))
        objecten += accounts
        objecten += list(EmailAddress.objects.filter(user_id__in=user_ids).order_by("pk"))
        objecten += list(Voorkeur.objects.filter(user_id__in=user_ids).order_by("pk"))
        objecten += list(Instellingen.objects.filter(user_id__in=user_ids).order_by("pk"))
        per_model: dict[str, int] = {}
        for model in tenant_modellen():
            rijen = list(model._base_manager.filter(cooperatie=cooperatie).order_by("pk"))
            per_model[model._meta.label_lower] = len(rijen)
            objecten += rijen
        rijen = serializers.serialize("python", objecten)
    groepen = dict(apps.get_model("auth", "Group").objects.values_list("pk", "name"))
    for rij in rijen:
        velden = rij["fields"]
        if rij["model"] == "bewoners.user":
            velden["password"] = "!"  # unusable: a new password is chosen after the move
            velden["last_login"] = None
            # The platform roles are the installation's, not the coöperatie's.
            velden["groups"] = []
            velden["user_permissions"] = []
        elif rij["model"] == "bewoners.profiel":
            # The roles by name (a natural key), so they load where the groups have other ids.
            velden["rollen"] = [[groepen[pk]] for pk in velden.get("rollen", [])]
    return {
        "formaat": "wijk-cooperatie",
        "versie": EXPORT_VERSIE,
        "gemaakt_op": timezone.now().isoformat(),
        "cooperatie": {"naam": cooperatie.naam, "slug": cooperatie.slug},
        "aantallen": per_model,
        "accounts": len(accounts),
        "objecten": rijen,
    }


def cooperatie_exporteren(cooperatie: Cooperatie) -> str:
    """``cooperatie_export_data`` as JSON text."""
    return json.dumps(
        cooperatie_export_data(cooperatie), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
    )


@transaction.atomic
def cooperatie_importeren(tekst: str) -> Cooperatie:
    """Load a coöperatie exported by ``cooperatie_exporteren`` into this installation. Refuses
    (a Dutch ``ValidationError``, nothing saved) a file that is no such export, a slug or
    domain name that is taken here, or rows whose ids this installation already uses."""
    try:
        data = json.loads(tekst)
        assert data["formaat"] == "wijk-cooperatie" and isinstance(data["objecten"], list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise ValidationError(
            _("Dit bestand is geen export van een coöperatie uit Wijk.")
        ) from None
    if data.get("versie") != EXPORT_VERSIE:
        raise ValidationError(_("Deze export komt uit een andere versie van Wijk."))
    slug = data["cooperatie"].get("slug")
    if Cooperatie.objects.filter(slug=slug).exists():
        raise ValidationError(
            _("Er is hier al een coöperatie met de korte naam %(slug)s.") % {"slug": slug}
        )
    per_model: dict[str, set] = defaultdict(set)
    for rij in data["objecten"]:
        per_model[rij["model"]].add(rij.get("pk"))
    with over_alle_cooperaties():
        bezet = []
        for label, pks in per_model.items():
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                raise ValidationError(
                    _("Dit bestand noemt een onderdeel dat Wijk hier niet kent: %(label)s.")
                    % {"label": label}
                ) from None
            if model._base_manager.filter(pk__in=pks).exists():
                bezet.append(str(model._meta.verbose_name_plural))
        if bezet:
            raise ValidationError(
                _(
                    "Deze installatie gebruikt de nummers van deze gegevens al: %(wat)s. "
                    "Laad de export in een nieuwe, lege installatie."
                )
                % {"wat": ", ".join(sorted(bezet))}
            )
        try:
            for obj in serializers.deserialize("python", data["objecten"]):
                obj.save()
        except serializers.base.DeserializationError:
            raise ValidationError(
                _("Dit bestand is beschadigd: het kan niet worden geladen.")
            ) from None
    transaction.on_commit(vergeet_hosts)
    return Cooperatie.objects.get(slug=slug)


@transaction.atomic
def cooperatie_verwijderen(cooperatie: Cooperatie) -> dict[str, int]:
    """Remove ``cooperatie`` with every row of it. The accounts that took part nowhere else go
    too (erased like a person who leaves); those with a membership elsewhere keep it. Returns
    the number of rows removed per model (and ``accounts``)."""
    with over_alle_cooperaties():
        leden = set(
            Profiel.objects.alle_cooperaties()
            .filter(cooperatie=cooperatie)
            .values_list("user_id", flat=True)
        )
        elders = set(
            Profiel.objects.alle_cooperaties()
            .filter(user_id__in=leden)
            .exclude(cooperatie=cooperatie)
            .values_list("user_id", flat=True)
        )
        alleen_hier = (
            User.objects.filter(pk__in=leden - elders)
            .exclude(is_superuser=True)
            .exclude(groups__name__in=PlatformRol.values)
        )
        alleen_hier = list(alleen_hier)
        verwijderd: dict[str, int] = defaultdict(int)
        # Row by model, in as many rounds as the protected links need (a referral protects its
        # partner until the referral itself is gone).
        over = tenant_modellen()
        while over:
            nog = []
            for model in over:
                try:
                    with transaction.atomic():
                        _aantal, per = model._base_manager.filter(cooperatie=cooperatie).delete()
                except ProtectedError:
                    nog.append(model)
                    continue
                for label, n in per.items():
                    verwijderd[label.lower()] += n
            if len(nog) == len(over):
                raise RuntimeError(f"protected rows block the removal: {nog}")
            over = nog
        for user in alleen_hier:
            privacy.anonymise_account(user)
            user.delete()
        verwijderd["accounts"] = len(alleen_hier)
        Domein.objects.filter(cooperatie=cooperatie).delete()
        cooperatie.delete()
    transaction.on_commit(vergeet_hosts)
    logger.info("coöperatie %s verwijderd: %s", cooperatie.slug, dict(verwijderd))
    return dict(verwijderd)
