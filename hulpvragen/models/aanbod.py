"""Standing offers of help (``Aanbod``) and the matching engine's search table built from them
(``Zoekregel``, kept by ``hulpvragen.zoekindex``)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperaties.models import VanCooperatie, per_cooperatie

from .base import AchtergrondMatchingQuerySet


class Bereik(models.TextChoices):
    EIGEN_BUURT = "eigen_buurt", _("Alleen in mijn eigen buurt")
    BUURTEN = "buurten", _("In mijn buurt en de buurten die ik kies")
    OVERAL = "overal", _("In de hele wijk")


class AanbodQuerySet(AchtergrondMatchingQuerySet):
    def actief(self):
        return self.filter(actief=True)

    def van(self, user):
        return self.filter(helper=user)

    def met_details(self):
        """With what the offer's page shows (helper, buurt, categories, buurten)."""
        return self.select_related("helper", "buurt").prefetch_related("categorieen", "buurten")

    def voor_lijst(self):
        """With what a row of the offer list shows: helper, buurt, and the categories and buurten
        as plain lists (``lijst_categorieen``, ``lijst_buurten``). Plain lists, because Django
        makes a scoped QuerySet per row to hold a prefetched relation: two per row, more work
        than the rest of the row."""
        return self.select_related("helper", "buurt").prefetch_related(
            models.Prefetch("categorieen", to_attr="lijst_categorieen"),
            models.Prefetch("buurten", to_attr="lijst_buurten"),
        )


class Aanbod(VanCooperatie):
    """A standing offer of help: "I can do small jobs on Saturdays"."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="aanbod",
        verbose_name=_("helper"),
    )
    titel = models.CharField(_("korte titel"), max_length=100)
    beschrijving = models.TextField(_("beschrijving"), max_length=2000)
    categorieen = models.ManyToManyField(
        "bewoners.Categorie",
        related_name="aanbod",
        limit_choices_to={"actief": True},
        verbose_name=_("waarmee kun je helpen?"),
    )
    beschikbaarheid = models.PositiveIntegerField(
        _("wanneer kun je?"),
        default=0,
        help_text=_("Dagdelen waarop je meestal kunt helpen (week × ochtend/middag/avond)."),
    )
    bereik = models.CharField(
        _("waar wil je helpen?"), max_length=12, choices=Bereik.choices, default=Bereik.EIGEN_BUURT
    )
    # The helper's own buurt, copied from the profile on save so candidate search is one
    # indexed query without a join through the profile.
    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanbod_hier",
        verbose_name=_("eigen buurt"),
        editable=False,
    )
    buurten = models.ManyToManyField(
        "bewoners.Buurt",
        blank=True,
        related_name="aanbod_ook_hier",
        verbose_name=_("ook in deze buurten"),
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Zet op pauze als je even geen tijd hebt.")
    )
    gepauzeerd_op = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True, editable=False)
    max_per_week = models.PositiveSmallIntegerField(
        _("hoe vaak per week hoogstens?"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text=_("Zo vaak per week willen we je hoogstens vragen."),
    )
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), default=timezone.now, editable=False)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    matching_gevraagd_op = models.DateTimeField(null=True, blank=True, editable=False)
    gematcht_gezocht_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = per_cooperatie(AanbodQuerySet)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(
                fields=["cooperatie", "buurt", "bereik"],
                name="aanbod_actief_buurt",
                condition=Q(actief=True),
            ),
            models.Index(fields=["cooperatie", "helper", "actief"], name="aanbod_helper"),
            # The offer list: the newest page of active offers without sorting all of them.
            models.Index(
                fields=["cooperatie", "-aangemaakt_op", "-id"],
                name="aanbod_actief_nieuwst",
                condition=Q(actief=True),
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("hulpvragen:aanbod_detail", args=[self.pk])


class Zoekregel(VanCooperatie):
    """Search table of the matching engine: one row per (active offer, category, buurt).

    Denormalised from ``Aanbod`` (its categories, reach and named buurten) and the helper's
    ``Profiel`` (skills, own buurt) by ``hulpvragen.zoekindex``, so candidate generation is one
    index lookup by (categorie, buurt) instead of scanning offers and many-to-many tables.
    Rows exist only for active offers. ``buurt`` NULL means the offer reaches everywhere.
    """

    class Nabijheid(models.IntegerChoices):
        OVERAL = 0, _("overal")
        GENOEMDE_BUURT = 1, _("genoemde buurt")
        EIGEN_BUURT = 2, _("eigen buurt")

    aanbod = models.ForeignKey(
        Aanbod, on_delete=models.CASCADE, related_name="zoekregels", verbose_name=_("aanbod")
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("helper"),
    )
    categorie = models.ForeignKey(
        "bewoners.Categorie",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("categorie"),
    )
    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    # True: the offer lists the category; False: only a skill on the helper's profile.
    expliciet = models.BooleanField(_("expliciet"), default=True)
    nabijheid = models.PositiveSmallIntegerField(_("nabijheid"), choices=Nabijheid.choices)
    beschikbaarheid = models.PositiveIntegerField(_("beschikbaarheid"), default=0)
    max_per_week = models.PositiveSmallIntegerField(_("hoe vaak per week hoogstens?"), default=2)
    # When this helper was last asked (any request): the pre-selection asks those who were not
    # asked for the longest time first, so the same few are not asked every time.
    laatst_gevraagd_op = models.DateTimeField(_("laatst gevraagd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("zoekregel")
        verbose_name_plural = _("zoekregels")
        indexes = [
            models.Index(
                fields=["cooperatie", "categorie", "buurt"],
                include=[
                    "helper",
                    "aanbod",
                    "expliciet",
                    "nabijheid",
                    "beschikbaarheid",
                    "max_per_week",
                    "laatst_gevraagd_op",
                ],
                name="zoekregel_categorie_buurt",
            ),
        ]

    def __str__(self):
        return f"{self.aanbod_id} · {self.categorie_id} · {self.buurt_id}"
