"""A match: one helper proposed for one help request, and its life cycle."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperaties.models import VanCooperatie, per_cooperatie

from .aanbod import Aanbod
from .hulpvraag import Hulpvraag, Wanneer


class MatchQuerySet(models.QuerySet):
    def voorgesteld(self):
        return self.filter(status=Match.Status.VOORGESTELD)

    def lopend(self):
        """Matches still running: waiting for an answer, or agreed and not yet done."""
        return self.filter(status__in=Match.LOPEND)

    def geaccepteerd(self):
        """Accepted matches, also when the help is done: contact stays visible then."""
        return self.filter(status__in=Match.AKKOORD)

    def van(self, user):
        """Matches ``user`` takes part in, as helper or requester."""
        return self.filter(Q(helper=user) | Q(hulpvraag__aanvrager=user))

    def als_helper(self, user):
        return self.filter(helper=user)

    def voor_lijst(self):
        """With what a row of a list of matches shows (the request, its requester, the helper)."""
        return self.select_related(
            "hulpvraag",
            "hulpvraag__categorie",
            "hulpvraag__buurt",
            "hulpvraag__aanvrager",
            "helper",
        )

    def voor_pagina(self):
        """With what the match page shows, the profiles of both sides included."""
        return self.voor_lijst().select_related("hulpvraag__aanvrager__profiel", "helper__profiel")

    def tussen(self, a, b):
        return self.filter(
            Q(helper=a, hulpvraag__aanvrager=b) | Q(helper=b, hulpvraag__aanvrager=a)
        )


class Match(VanCooperatie):
    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        VERLOPEN = "verlopen", _("Verlopen")
        AFGEROND = "afgerond", _("Afgerond")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    AKKOORD = (Status.GEACCEPTEERD, Status.AFGEROND)
    LOPEND = (Status.VOORGESTELD, Status.GEACCEPTEERD)

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.CASCADE, related_name="matches", verbose_name=_("hulpvraag")
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="matches_als_helper",
        verbose_name=_("helper"),
    )
    aanbod = models.ForeignKey(
        Aanbod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("aanbod"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.VOORGESTELD
    )
    score = models.FloatField(_("score"), default=0)
    score_delen = models.JSONField(
        _("waarom deze match"),
        default=dict,
        blank=True,
        help_text=_("De delen van de score, zodat iedereen kan zien waarom."),
    )
    uitleg = models.JSONField(_("uitleg"), default=list, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
        help_text=_("Leeg als de computer de match voorstelde."),
    )

    aangemaakt_op = models.DateTimeField(_("voorgesteld op"), default=timezone.now, editable=False)
    verloopt_op = models.DateTimeField(_("antwoord nodig vóór"), null=True, blank=True)
    geaccepteerd_op = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    afgewezen_op = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    verlopen_op = models.DateTimeField(_("verlopen op"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)

    reden = models.CharField(_("reden"), max_length=300, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    uren = models.DecimalField(
        _("bestede uren"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bedankje = models.CharField(_("bedankje of opmerking"), max_length=500, blank=True)
    laatste_herinnering_voor = models.DateField(null=True, blank=True, editable=False)
    afronden_gevraagd_op = models.DateTimeField(
        _("gevraagd om af te ronden op"), null=True, blank=True, editable=False
    )

    objects = per_cooperatie(MatchQuerySet)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            # A helper is proposed for a request at most once: not again after declining.
            models.UniqueConstraint(
                fields=["cooperatie", "hulpvraag", "helper"], name="match_een_per_helper"
            ),
            # One accepted helper per request, whatever the concurrency.
            models.UniqueConstraint(
                fields=["cooperatie", "hulpvraag"],
                condition=Q(status__in=["geaccepteerd", "afgerond"]),
                name="match_een_akkoord_per_hulpvraag",
            ),
        ]
        indexes = [
            models.Index(
                fields=["cooperatie", "helper", "status", "aangemaakt_op"], name="match_helper"
            ),
            models.Index(
                fields=["cooperatie", "status", "verloopt_op"], name="match_status_verloopt"
            ),
            # The board report: helps agreed or finished in a period, first proposals.
            models.Index(fields=["cooperatie", "geaccepteerd_op"], name="match_geaccepteerd"),
            models.Index(fields=["cooperatie", "afgerond_op"], name="match_afgerond"),
            models.Index(
                fields=["cooperatie", "hulpvraag", "aangemaakt_op"], name="match_hulpvraag_moment"
            ),
            # The weekly cap and the load in candidate search: a helper's recent matches.
            models.Index(
                fields=["cooperatie", "helper", "aangemaakt_op"],
                include=["status"],
                name="match_helper_recent",
            ),
        ]

    def __str__(self):
        return f"{self.hulpvraag} · {self.helper}"

    def get_absolute_url(self):
        return reverse("hulpvragen:match_detail", args=[self.pk])

    @property
    def is_akkoord(self) -> bool:
        return self.status in self.AKKOORD

    @property
    def heeft_afspraak(self) -> bool:
        """Agreed, for a day and time: it can go into a calendar (``feeds.match_ics``)."""
        hulpvraag = self.hulpvraag
        return (
            self.status == self.Status.GEACCEPTEERD
            and hulpvraag.wanneer == Wanneer.DATUM
            and hulpvraag.datum is not None
            and hulpvraag.tijd_van is not None
        )

    @property
    def afronden_vanaf(self):
        """From when the help may be marked done: once it has begun
        (``Hulpvraag.begint_op``); None when any moment will do."""
        return self.hulpvraag.begint_op(self.geaccepteerd_op)

    def kan_afronden(self, now=None) -> bool:
        """Agreed, and the help has begun: only then can either side mark it done."""
        if self.status != self.Status.GEACCEPTEERD:
            return False
        vanaf = self.afronden_vanaf
        return vanaf is None or (now or timezone.now()) >= vanaf

    @property
    def reden_tekst(self) -> str:
        """The reason in the reader's language (system reasons are stored as source text)."""
        return gettext(self.reden) if self.reden else ""

    @property
    def uitleg_tekst(self) -> str:
        """The reasons in the reader's language (stored as Dutch source text; names as is)."""
        return " · ".join(gettext(reden) for reden in self.uitleg)
