"""The coöperaties one installation serves (issue 14), and the host names they answer on.

Each coöperatie is its own platform: its name, contact, colour, privacy statement and the
settings that are its own to choose. This app is the bottom of the apps (only ``wijk.lib`` is
below it): every tenant-owned table of the other apps will point here.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .huidige import huidige

HOST = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    _("Vul een domeinnaam in zoals wijk.example.nl (kleine letters, zonder http:// of /)."),
)
KLEUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Vul een kleur in als #RRGGBB, bijvoorbeeld #1f6f43.")
)
KLEUR_RE = re.compile(KLEUR.regex.pattern)


class Module(models.TextChoices):
    """The parts of Wijk a coöperatie can switch on or off."""

    HULP = "hulp", _("Hulp vragen en bieden")
    RUIMTES = "ruimtes", _("Ruimtes")
    INITIATIEVEN = "initiatieven", _("Meedoen")
    COORDINATIE = "coordinatie", _("Coördinatie")
    RAPPORTAGE = "rapportage", _("Rapportage")


def _luminantie(kleur: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.1)."""
    delen = []
    for i in (1, 3, 5):
        c = int(kleur[i : i + 2], 16) / 255
        delen.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = delen
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(een: str, ander: str) -> float:
    licht, donker = sorted((_luminantie(een), _luminantie(ander)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


# The colour is used for text and buttons on white and on the light green of the pages.
LICHTSTE_ACHTERGROND = "#f2f7ec"


def alle_modules() -> list[str]:
    return list(Module.values)


def standaard_gewichten() -> dict[str, float]:
    return dict(settings.WIJK_MATCHING["GEWICHTEN"])


class CooperatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Cooperatie(models.Model):
    naam = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(
        _("korte naam"),
        max_length=40,
        unique=True,
        help_text=_(
            "Kleine letters en streepjes. Ook het webadres: de korte naam oost geeft oost.wijk.nl."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)
    email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    telefoon = models.CharField(_("telefoonnummer voor contact"), max_length=30, blank=True)
    kleur = models.CharField(_("kleur"), max_length=7, default="#1f6f43", validators=[KLEUR])
    # The logo as a small PNG, redrawn from the upload (cooperaties.services.logo_zetten), served
    # by /logo.png; the version changes with each new logo (0: none), for browsers' caches.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_versie = models.PositiveIntegerField(_("versie van het logo"), default=0, editable=False)
    privacyverklaring = models.TextField(
        _("privacyverklaring"),
        blank=True,
        help_text=_("Leeg: de standaardtekst van Wijk met de naam van de coöperatie."),
    )
    # The settings that are the coöperatie's own to choose (defaults: the installation's).
    modules = models.JSONField(_("onderdelen die aan staan"), default=alle_modules)
    matching_k = models.PositiveSmallIntegerField(
        _("hoeveel helpers tegelijk gevraagd worden"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    voorstel_geldig_uren = models.PositiveSmallIntegerField(
        _("uren om op een vraag te antwoorden"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    escalatie_na_uren = models.PositiveSmallIntegerField(
        _("uren tot een buurtassistent een vraag zonder helper krijgt"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    paginagrootte = models.PositiveSmallIntegerField(
        _("regels per pagina"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
    )
    gewichten = models.JSONField(_("gewichten van de matching"), default=standaard_gewichten)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = CooperatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("coöperatie")
        verbose_name_plural = _("coöperaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        super().clean()
        fouten = {}
        if not isinstance(self.modules, list) or not set(self.modules) <= set(Module.values):
            fouten["modules"] = _("Kies onderdelen uit de lijst.")
        standaard = standaard_gewichten()
        if (
            not isinstance(self.gewichten, dict)
            or set(self.gewichten) != set(standaard)
            or not all(
                isinstance(w, int | float) and not isinstance(w, bool) and 0 <= w <= 10
                for w in self.gewichten.values()
            )
        ):
            fouten["gewichten"] = _(
                "Geef elk onderdeel van de matching een gewicht van 0 tot en met 10: %(namen)s."
            ) % {"namen": ", ".join(sorted(standaard))}
        if KLEUR_RE.match(self.kleur or "") and contrast(self.kleur, LICHTSTE_ACHTERGROND) < 4.5:
            fouten["kleur"] = _(
                "Deze kleur is te licht: tekst in deze kleur is slecht te lezen. Kies een "
                "donkerdere kleur (minstens 4,5 keer zoveel contrast als wit)."
            )
        if fouten:
            raise ValidationError(fouten)

    def heeft(self, module: str) -> bool:
        """Is this part of Wijk switched on here?"""
        return module in self.modules


class Domein(models.Model):
    """A host name a coöperatie answers on, besides ``<slug>.<WIJK_PLATFORMDOMEIN>``."""

    cooperatie = models.ForeignKey(
        Cooperatie, on_delete=models.CASCADE, related_name="domeinen", verbose_name=_("coöperatie")
    )
    host = models.CharField(_("domeinnaam"), max_length=253, unique=True, validators=[HOST])

    class Meta:
        verbose_name = _("domeinnaam")
        verbose_name_plural = _("domeinnamen")

    def __str__(self) -> str:
        return self.host

    def save(self, *args, **kwargs):
        self.host = (self.host or "").strip().lower()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.host = (self.host or "").strip().lower()
        super().clean_fields(exclude=exclude)


# -- Rows that belong to one coöperatie ---------------------------------------------------------


def huidige_cooperatie_id() -> int | None:
    """The default coöperatie of a new row: the current one. Outside any coöperatie there is
    none, and saving the row fails (the column is NOT NULL): no row lands in a guessed one."""
    cooperatie = huidige()
    return cooperatie.pk if cooperatie is not None else None


class HuidigeCooperatie(models.Expression):
    """The current coöperatie's id, read when the SQL is made, not when the QuerySet is.

    A QuerySet is often made long before it runs (a form field's choices at import, a class
    attribute of a view); the coöperatie it must show is the one current when it runs. Outside
    any coöperatie the value is NULL, and ``cooperatie_id = NULL`` matches no row: fail closed.
    """

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection):
        cooperatie = huidige()
        return "%s", [cooperatie.pk if cooperatie is not None else None]


class PerCooperatieManager(models.Manager):
    """The default manager of every tenant-owned model: only the rows of the current coöperatie,
    and none at all when there is no current coöperatie (fail closed)."""

    def get_queryset(self):
        return super().get_queryset().filter(cooperatie_id=HuidigeCooperatie())

    def alle_cooperaties(self):
        """The rows of every coöperatie: the explicit path for the platform's work across
        coöperaties (the network's report, exporting or removing a coöperatie). Never for a
        page of one coöperatie. On PostgreSQL the second wall holds too: only inside
        ``cooperaties.rls.over_alle_cooperaties()`` does the database show the others' rows."""
        return super().get_queryset()


def per_cooperatie(queryset_class: type[models.QuerySet] = models.QuerySet) -> models.Manager:
    """``objects = per_cooperatie(HulpvraagQuerySet)``: the QuerySet's methods, scoped."""
    return PerCooperatieManager.from_queryset(queryset_class)()


class VanCooperatie(models.Model):
    """Base of every tenant-owned model: a non-null ``cooperatie`` (the current one when a row
    is made) and the scoped default manager. Indexes and unique constraints of such a model
    start with ``cooperatie``; ``cooperaties/tests/test_tenancy.py`` checks every model."""

    cooperatie = models.ForeignKey(
        Cooperatie,
        on_delete=models.CASCADE,
        default=huidige_cooperatie_id,
        editable=False,
        related_name="+",
        verbose_name=_("coöperatie"),
    )

    objects = PerCooperatieManager()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # The coöperatie is the current one, set by the system, never typed in: checking that
        # it exists would cost every full_clean() a query.
        super().clean_fields(exclude={*(exclude or ()), "cooperatie"})

    def validate_constraints(self, exclude=None):
        """The unique rules that start with ``cooperatie`` are checked in forms too, where the
        column is no field (it is always the current coöperatie); a clash is reported at the
        field it is about ("Er is al een buurt met deze slug")."""
        exclude = set(exclude or ()) - {"cooperatie"}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as fout:
            per_veld: dict[str, list] = {}
            for veld, fouten in fout.error_dict.items():
                for f in fouten:
                    check = (f.params or {}).get("unique_check", ())
                    doel = check[0] if veld == NON_FIELD_ERRORS and len(check) == 1 else veld
                    per_veld.setdefault(doel, []).append(f)
            raise ValidationError(per_veld) from None

    def unique_error_message(self, model_class, unique_check):
        # ("cooperatie", "slug") is unique on the slug within the coöperatie: say so.
        rest = tuple(veld for veld in unique_check if veld != "cooperatie")
        if len(rest) == 1 and len(unique_check) == 2:
            unique_check = rest
        return super().unique_error_message(model_class, unique_check)
