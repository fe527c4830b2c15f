"""Residents: the user account, buurten, categories and the profile with the four questions."""

import re

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.sql.where import AND, WhereNode
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperaties.huidige import huidige
from cooperaties.models import HuidigeCooperatie, VanCooperatie, per_cooperatie

from .availability import Beschikbaarheid


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def hier(self):
        """The people who take part in the current coöperatie (a profile there); a person's
        login is shared by every coöperatie, their presence is not."""
        return self.filter(profiel__cooperatie_id=HuidigeCooperatie())

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class _ProfielHierDescriptor(ForwardManyToOneDescriptor):
    """``user.profiel``: read with the scoped manager, so also a prefetch finds only the
    profile in the current coöperatie. No profile here raises ``RelatedObjectDoesNotExist``
    (an ``AttributeError`` too: ``getattr(user, "profiel", None)`` gives None), as Django's
    one-to-one relation does; the answer is remembered on the user object."""

    def get_queryset(self, **hints):
        return self.field.remote_field.model._default_manager.db_manager(hints=hints).all()

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        # The remembered answer is for one coöperatie: asked in another, ask again.
        cooperatie = huidige()
        hier = cooperatie.pk if cooperatie is not None else None
        voor = instance.__dict__.get("_profiel_voor", hier)
        if voor != hier and self.field.is_cached(instance):
            self.field.delete_cached_value(instance)
        instance.__dict__["_profiel_voor"] = hier
        try:
            profiel = super().__get__(instance, cls)
        except self.field.remote_field.model.DoesNotExist:
            profiel = None
            self.field.set_cached_value(instance, None)
        if profiel is None:
            raise self.RelatedObjectDoesNotExist(
                f"{instance} heeft geen profiel in deze coöperatie."
            )
        return profiel


class ProfielHier(models.ForeignObject):
    """``User.profiel``: the person's profile in the *current* coöperatie (issue 14).

    A person has one login and a profile (their membership) in each coöperatie they take part
    in. This relation has no column: its join is ``profiel.user_id = user.id AND
    profiel.cooperatie_id = <current>``, so ``user.profiel``, ``select_related("profiel")`` and
    lookups like ``profiel__buurt`` mean the membership here, one row at most. None when the
    person has no profile here.
    """

    forward_related_accessor_class = _ProfielHierDescriptor
    db_constraint = False  # no column, no constraint (the schema editor asks)

    def __init__(self, **kwargs):
        kwargs.update(
            to="bewoners.Profiel",
            on_delete=models.DO_NOTHING,
            from_fields=["id"],
            to_fields=["user"],
            related_name="+",
            null=True,
            editable=False,
            serialize=False,
        )
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for sleutel in (
            "to",
            "on_delete",
            "from_fields",
            "to_fields",
            "related_name",
            "null",
            "editable",
        ):
            kwargs.pop(sleutel, None)
        return name, path, args, kwargs

    def _check_unique_target(self):
        # Unique together with the coöperatie of the join (constraint profiel_een_per_cooperatie).
        return []

    def get_extra_restriction(self, alias, related_alias):
        veld = self.remote_field.model._meta.get_field("cooperatie")
        return WhereNode(
            [veld.get_lookup("exact")(veld.get_col(alias), HuidigeCooperatie())], connector=AND
        )

    def get_extra_descriptor_filter(self, instance):
        return {"cooperatie_id": HuidigeCooperatie()}


class User(AbstractUser):
    """A person. E-mail is the login; a resident entered by a buurtassistent may have none."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True, null=True, blank=True)
    taal = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de website en van e-mails en meldingen voor deze persoon."),
    )
    verwijderd_op = models.DateTimeField(
        _("verwijderd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Het moment waarop het account is verwijderd en de gegevens zijn gewist."),
    )

    # The profile (membership) in the current coöperatie; ``profielen``: all of them.
    profiel = ProfielHier(verbose_name=_("profiel"))

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "id"]

    def __str__(self):
        return self.get_full_name() or self.email or _("Bewoner %(id)s") % {"id": self.pk}

    def clean_fields(self, exclude=None):
        # ``profiel`` is a relation without a column (the membership here), not a value to
        # check; reading it would also remember "no profile" before the profile is made.
        super().clean_fields(exclude={*(exclude or ()), "profiel"})

    def clean(self):
        super().clean()
        if self.email:
            self.email = self.__class__.objects.normalize_email(self.email).lower()
        else:
            # Django's clean() turns a missing address into ''; the unique column allows many
            # residents without e-mail (entered by a buurtassistent) only as NULL.
            self.email = None

    @property
    def display_name(self) -> str:
        """What other residents see: first name only."""
        return self.first_name or _("Buurtbewoner")


class BuurtQuerySet(models.QuerySet):
    def for_postcode(self, postcode: str):
        """The buurt whose postcode list covers ``postcode`` (longest prefix wins), or None."""
        code = normalize_postcode(postcode)
        if not code:
            return None
        best, best_len = None, 0
        for buurt in self.only("id", "naam", "slug", "postcodes"):
            for prefix in buurt.postcode_list:
                if code.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = buurt, len(prefix)
        return best


POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}\s?[A-Za-z]{2}$")
POSTCODE_PREFIX_RE = re.compile(r"^[1-9][0-9]{3}([A-Z]{1,2})?$")


def normalize_postcode(value: str) -> str:
    """'3541 ab' -> '3541AB'."""
    return re.sub(r"\s+", "", value or "").upper()


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match((value or "").strip()):
        raise ValidationError(
            _("Vul een postcode in zoals 3541 AB: vier cijfers en twee letters."),
            code="invalid_postcode",
        )


class Buurt(VanCooperatie):
    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    postcodes = models.TextField(
        _("postcodes"),
        blank=True,
        help_text=_(
            "Postcodes of delen daarvan die bij deze buurt horen, gescheiden door komma's. "
            "Bijvoorbeeld: 3541, 3542AB."
        ),
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    buurtassistenten = models.ManyToManyField(
        "bewoners.User",
        blank=True,
        related_name="toegewezen_buurten",
        verbose_name=_("buurtassistenten"),
        help_text=_(
            "De buurtassistenten die deze buurt volgen: zij krijgen de signalen uit deze buurt."
        ),
    )

    objects = per_cooperatie(BuurtQuerySet)

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["cooperatie", "naam"], name="buurt_naam_uniek"),
            models.UniqueConstraint(fields=["cooperatie", "slug"], name="buurt_slug_uniek"),
        ]

    def __str__(self):
        return self.naam

    @property
    def postcode_list(self) -> list[str]:
        return [normalize_postcode(p) for p in self.postcodes.split(",") if p.strip()]

    def clean(self):
        bad = [p for p in self.postcode_list if not POSTCODE_PREFIX_RE.match(p)]
        if bad:
            raise ValidationError(
                {
                    "postcodes": _(
                        "Deze postcodes kloppen niet: %(bad)s. Gebruik bijvoorbeeld 3541 of 3541AB."
                    )
                    % {"bad": ", ".join(bad)}
                }
            )
        self.postcodes = ", ".join(self.postcode_list)


class CategorieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Categorie(VanCooperatie):
    """Shared vocabulary of kinds of help and skills (klussen, vervoer, gezelschap, ...)."""

    naam = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    beschrijving = models.CharField(_("beschrijving"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    actief = models.BooleanField(_("actief"), default=True)

    objects = per_cooperatie(CategorieQuerySet)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["cooperatie", "naam"], name="categorie_naam_uniek"),
            models.UniqueConstraint(fields=["cooperatie", "slug"], name="categorie_slug_uniek"),
        ]

    def __str__(self):
        return self.naam


class Taal(models.TextChoices):
    NEDERLANDS = "nl", _("Nederlands")
    ENGELS = "en", _("Engels")
    DUITS = "de", _("Duits")
    FRANS = "fr", _("Frans")
    SPAANS = "es", _("Spaans")
    ARABISCH = "ar", _("Arabisch")
    TURKS = "tr", _("Turks")
    POOLS = "pl", _("Pools")
    BERBERS = "ber", _("Berbers / Tamazight")
    PAPIAMENTS = "pap", _("Papiaments")
    SRANAN = "srn", _("Sranantongo")
    OEKRAIENS = "uk", _("Oekraïens")
    TIGRINYA = "ti", _("Tigrinya")
    GEBARENTAAL = "dse", _("Nederlandse Gebarentaal")


class ProfielQuerySet(models.QuerySet):
    def met_toestemming(self):
        return self.filter(toestemming_op__isnull=False)

    def in_buurt(self, buurt):
        return self.filter(buurt=buurt)

    def nieuwkomers(self):
        return self.filter(nieuw_in_wijk_sinds__isnull=False)


class Profiel(VanCooperatie):
    """A resident's profile around the four questions, plus private contact details.

    Privacy: ``adres``, ``postcode``, ``telefoon`` and ``wat_heb_je_nodig`` (may hold health
    information) are private: only the resident, buurtassistenten and, for contact details, the
    other side of an accepted match may see them. See ``bewoners.permissions``.
    """

    PRIVATE_FIELDS = ("adres", "postcode", "woonplaats", "telefoon", "wat_heb_je_nodig")

    user = models.ForeignKey(
        "bewoners.User",
        on_delete=models.CASCADE,
        related_name="profielen",
        verbose_name=_("gebruiker"),
    )
    buurt = models.ForeignKey(
        Buurt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profielen",
        verbose_name=_("buurt"),
    )

    # The four questions.
    wat_wil_je = models.TextField(_("wat wil je?"), blank=True, max_length=2000)
    kan_categorieen = models.ManyToManyField(
        Categorie,
        blank=True,
        related_name="kunners",
        limit_choices_to={"actief": True},
        verbose_name=_("wat kun je? (onderwerpen)"),
    )
    wat_kun_je = models.TextField(_("wat kun je?"), blank=True, max_length=2000)
    nodig_categorieen = models.ManyToManyField(
        Categorie,
        blank=True,
        related_name="nodig_bij",
        limit_choices_to={"actief": True},
        verbose_name=_("wat heb je nodig? (onderwerpen)"),
    )
    wat_heb_je_nodig = models.TextField(_("wat heb je nodig?"), blank=True, max_length=2000)
    wat_heb_je_te_bieden = models.TextField(_("wat heb je te bieden?"), blank=True, max_length=2000)

    # Private contact details.
    adres = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    # Practical matters for matching.
    beschikbaarheid = models.PositiveIntegerField(
        _("beschikbaarheid"),
        default=0,
        help_text=_("Dagdelen waarop je meestal kunt (week × ochtend/middag/avond)."),
    )
    talen = models.JSONField(_("talen"), default=list, blank=True)
    heeft_auto = models.BooleanField(_("ik heb een auto"), default=False)
    heeft_fiets = models.BooleanField(_("ik heb een fiets"), default=False)
    nieuw_in_wijk_sinds = models.DateField(_("nieuw in de wijk sinds"), null=True, blank=True)

    # Consent for processing: timestamped and withdrawable.
    toestemming_op = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    toestemming_ingetrokken_op = models.DateTimeField(
        _("toestemming ingetrokken op"), null=True, blank=True
    )

    # The person's roles in this coöperatie (a buurtassistent here may be a resident elsewhere).
    rollen = models.ManyToManyField(
        "auth.Group", blank=True, related_name="+", verbose_name=_("rollen")
    )

    onboarding_stap = models.PositiveSmallIntegerField(_("stap in welkomstroute"), default=0)
    onboarding_voltooid_op = models.DateTimeField(
        _("welkomstroute afgerond op"), null=True, blank=True
    )

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = per_cooperatie(ProfielQuerySet)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        indexes = [
            models.Index(fields=["cooperatie", "buurt", "toestemming_op"]),
            models.Index(  # the buurtassistent's newcomers: the few, not every profile
                fields=["cooperatie", "nieuw_in_wijk_sinds"],
                condition=models.Q(nieuw_in_wijk_sinds__isnull=False),
                name="profiel_nieuwkomers",
            ),
        ]
        constraints = [
            # One login, one profile (membership) in each coöperatie a person takes part in.
            models.UniqueConstraint(
                fields=["cooperatie", "user"], name="profiel_een_per_cooperatie"
            )
        ]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("bewoners:profiel_detail", args=[self.user_id])

    @property
    def availability(self) -> Beschikbaarheid:
        return Beschikbaarheid(self.beschikbaarheid)

    @property
    def talen_display(self) -> list[str]:
        return [str(Taal(t).label) for t in self.talen if t in Taal.values]

    @property
    def heeft_toestemming(self) -> bool:
        return self.toestemming_op is not None

    def give_consent(self, *, commit: bool = True) -> None:
        self.toestemming_op = timezone.now()
        self.toestemming_ingetrokken_op = None
        if commit:
            self.save(
                update_fields=["toestemming_op", "toestemming_ingetrokken_op", "bijgewerkt_op"]
            )

    def withdraw_consent(self) -> None:
        self.toestemming_op = None
        self.toestemming_ingetrokken_op = timezone.now()
        self.save(update_fields=["toestemming_op", "toestemming_ingetrokken_op", "bijgewerkt_op"])

    def derive_buurt(self) -> None:
        """Set the buurt from the postcode when a buurt covers it."""
        if self.postcode:
            buurt = Buurt.objects.for_postcode(self.postcode)
            if buurt is not None:
                self.buurt = buurt

    def clean(self):
        super().clean()
        if self.postcode:
            self.postcode = normalize_postcode(self.postcode)
            self.postcode = f"{self.postcode[:4]} {self.postcode[4:]}"
        if self.nieuw_in_wijk_sinds and self.nieuw_in_wijk_sinds > timezone.localdate():
            raise ValidationError(
                {
                    "nieuw_in_wijk_sinds": _(
                        "Deze datum ligt in de toekomst. Kies een datum van vandaag of eerder."
                    )
                }
            )
        bad = [t for t in self.talen if t not in Taal.values]
        if bad:
            raise ValidationError({"talen": _("Kies talen uit de lijst.")})

    @property
    def is_complete(self) -> bool:
        """A profile counts as complete when the four questions have an answer and consent is given."""
        return bool(
            self.heeft_toestemming
            and self.wat_wil_je
            and (self.wat_kun_je or self.wat_heb_je_te_bieden)
            and self.buurt_id
        )
