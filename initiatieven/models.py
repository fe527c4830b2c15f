"""Initiatives residents run themselves, their members, activities and sign-ups.

An ``Activiteit`` is a one-off meeting or a series ("every Tuesday 10:00") described by a
standard recurrence rule (RFC 5545 RRULE, read with python-dateutil). Its occurrences are
stored as ``Bijeenkomst`` rows (at most two years ahead), each with its own sign-ups, waiting
list and attendance, and each can be cancelled or moved on its own. Times are generated in
local time and then made aware, so "10:00" stays 10:00 across the change to summer time.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accommodaties.models import Reservering
from cooperaties.models import VanCooperatie, per_cooperatie
from wijk.lib import datums
from wijk.lib.queries import aantal


class Thema(models.TextChoices):
    BEWEGEN = "bewegen", _("Bewegen")
    ONTMOETEN = "ontmoeten", _("Ontmoeten")
    LEREN = "leren", _("Leren")
    ETEN = "eten", _("Samen eten")
    NATUUR = "natuur", _("Natuur en groen")
    ZORG = "zorg", _("Zorg voor elkaar")
    CULTUUR = "cultuur", _("Cultuur en creatief")
    KINDEREN = "kinderen", _("Kinderen en jongeren")


class InitiatiefQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(status=Initiatief.Status.ACTIEF)

    def zichtbaar(self):
        """Public: approved, active or paused (not stopped, waiting or refused)."""
        return self.filter(status__in=Initiatief.PUBLIEK)

    def van_organisator(self, user):
        return self.filter(organisatoren=user)

    def met_aantal_leden(self):
        """Adds ``aantal_leden``: members, not those who asked to join."""
        return self.annotate(
            aantal_leden=Count(
                "lidmaatschappen", filter=Q(lidmaatschappen__status=Lidmaatschap.Status.LID)
            )
        )


# Words in the URLs before ``<slug>/``: an initiative's address is never one of them.
GERESERVEERDE_SLUGS = frozenset(
    {"nieuw", "agenda", "mijn", "activiteiten", "bijeenkomsten", "feed"}
)


class Initiatief(VanCooperatie):
    class Status(models.TextChoices):
        # A resident's new one waits for the beheerder; approved: active, paused or stopped.
        WACHT = "wacht", _("Wacht op goedkeuring")
        AFGEWEZEN = "afgewezen", _("Niet goedgekeurd")
        ACTIEF = "actief", _("Actief")
        GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
        GESTOPT = "gestopt", _("Gestopt")

    class Aanmelden(models.TextChoices):
        OPEN = "open", _("Iedereen kan meteen lid worden")
        GOEDKEURING = "goedkeuring", _("Een organisator keurt nieuwe leden goed")

    naam = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    beschrijving = models.TextField(_("beschrijving"), max_length=4000)
    thema = models.CharField(_("thema"), max_length=20, choices=Thema.choices)
    buurten = models.ManyToManyField(
        "bewoners.Buurt", blank=True, related_name="initiatieven", verbose_name=_("buurten")
    )
    organisatoren = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="georganiseerde_initiatieven",
        verbose_name=_("organisatoren"),
    )
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Lidmaatschap",
        related_name="initiatieven",
        verbose_name=_("leden"),
    )
    aanmelden = models.CharField(
        _("lid worden"), max_length=12, choices=Aanmelden.choices, default=Aanmelden.OPEN
    )
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("Hoe kunnen mensen jullie bereiken? Dit ziet iedereen."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIEF
    )
    accommodatie = models.ForeignKey(
        "accommodaties.Accommodatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatieven",
        verbose_name=_("vaste plek (ruimte)"),
    )
    adres = models.CharField(
        _("vaste plek (adres)"),
        max_length=200,
        blank=True,
        help_text=_("Als jullie niet in een ruimte van de coöperatie zitten."),
    )
    reden_afwijzing = models.CharField(_("waarom niet goedgekeurd"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    # Public: approved and not stopped. What the organisers may choose once it is approved.
    PUBLIEK = (Status.ACTIEF, Status.GEPAUZEERD)
    GOEDGEKEURD = (Status.ACTIEF, Status.GEPAUZEERD, Status.GESTOPT)

    objects = per_cooperatie(InitiatiefQuerySet)

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["cooperatie", "slug"], name="initiatief_slug_uniek"),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("initiatieven:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in GERESERVEERDE_SLUGS:
            raise ValidationError(
                {"slug": _("Dit woord gebruikt de website zelf. Kies een ander webadres.")}
            )

    @property
    def plek(self) -> str:
        if self.accommodatie_id:
            return str(self.accommodatie)
        return self.adres

    @property
    def is_goedgekeurd(self) -> bool:
        return self.status in self.GOEDGEKEURD


class LidmaatschapQuerySet(models.QuerySet):
    def leden(self):
        return self.filter(status=Lidmaatschap.Status.LID)

    def aanvragen(self):
        """Who asked to join and waits for an organiser's decision."""
        return self.filter(status=Lidmaatschap.Status.AANGEVRAAGD)

    def op_naam(self):
        return self.order_by("user__first_name", "user__last_name", "id")

    def met_is_organisator(self, user):
        """Adds ``is_organisator``: ``user`` organises the membership's initiative."""
        organiseert = Initiatief.organisatoren.through.objects.filter(
            initiatief=OuterRef("initiatief"), user=user
        )
        return self.annotate(is_organisator=Exists(organiseert))


class Lidmaatschap(VanCooperatie):
    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
        LID = "lid", _("Lid")

    initiatief = models.ForeignKey(
        Initiatief, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.LID
    )
    toon_naam_en_contact = models.BooleanField(
        _("andere leden mogen mijn hele naam en e-mailadres zien"), default=False
    )
    nieuwe_activiteiten_melden = models.BooleanField(
        _("laat het me weten als er een nieuwe activiteit is"), default=True
    )
    aangemaakt_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    lid_sinds = models.DateTimeField(_("lid sinds"), null=True, blank=True)

    objects = per_cooperatie(LidmaatschapQuerySet)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperatie", "initiatief", "user"], name="lid_een_keer"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.initiatief}"


class Activiteit(VanCooperatie):
    """One meeting, or a series of them following ``regel`` (an RFC 5545 RRULE)."""

    class Herhaling(models.TextChoices):
        GEEN = "geen", _("Eén keer")
        WEKELIJKS = "wekelijks", _("Elke week")
        TWEEWEKELIJKS = "tweewekelijks", _("Om de week")
        MAANDELIJKS = "maandelijks", _("Elke maand (zelfde weekdag)")

    initiatief = models.ForeignKey(
        Initiatief, on_delete=models.CASCADE, related_name="activiteiten"
    )
    titel = models.CharField(_("titel"), max_length=150)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=4000)
    locatie = models.CharField(_("waar?"), max_length=200, blank=True)
    accommodatie = models.ForeignKey(
        "accommodaties.Accommodatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activiteiten",
        verbose_name=_("ruimte"),
    )
    capaciteit = models.PositiveIntegerField(
        _("hoeveel plaatsen?"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als er geen maximum is."),
    )
    aanmelden_nodig = models.BooleanField(_("aanmelden nodig"), default=True)
    herhaling = models.CharField(
        _("hoe vaak?"), max_length=14, choices=Herhaling.choices, default=Herhaling.GEEN
    )
    # The recurrence as an RFC 5545 RRULE (without DTSTART), e.g. "FREQ=WEEKLY;UNTIL=20300630".
    regel = models.CharField(_("herhaalregel"), max_length=200, blank=True, editable=False)
    tot_en_met = models.DateField(_("herhalen tot en met"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["initiatief", "titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("initiatieven:activiteit", kwargs={"pk": self.pk})

    @property
    def plek(self) -> str:
        if self.accommodatie_id:
            return str(self.accommodatie)
        return self.locatie or self.initiatief.plek


# What a meeting's row on a page shows: the activity, its initiative and the place.
BIJEENKOMST_RELATIES = (
    "activiteit",
    "activiteit__accommodatie",
    "activiteit__initiatief",
    "activiteit__initiatief__accommodatie",
)


class BijeenkomstQuerySet(models.QuerySet):
    def gepland(self):
        return self.filter(status=Bijeenkomst.Status.GEPLAND)

    def komend(self, now=None):
        return self.gepland().filter(einde__gte=now or timezone.now())

    def van_initiatief(self, initiatief):
        return self.filter(activiteit__initiatief=initiatief)

    def van_actieve_initiatieven(self):
        return self.filter(activiteit__initiatief__status=Initiatief.Status.ACTIEF)

    def in_agenda(self, now=None):
        """The agenda: planned meetings of active initiatives that have not ended."""
        return self.komend(now).van_actieve_initiatieven()

    def beginnend_tussen(self, van, tot):
        return self.filter(begin__gte=van, begin__lt=tot)

    def te_boeken(self):
        """Coming planned meetings that have not begun and have no active room booking yet."""
        return (
            self.komend()
            .filter(begin__gt=timezone.now())
            .exclude(reservering__status__in=Reservering.ACTIEF)
            .order_by("begin")
        )

    def met_relaties(self):
        """With what a meeting's row shows (``BIJEENKOMST_RELATIES``), in the same query."""
        return self.select_related(*BIJEENKOMST_RELATIES)

    def met_tellingen(self):
        """Adds ``aantal_aangemeld`` and ``aantal_wachtlijst`` (one query, no per-row counts).

        Subqueries per row, not a grouped join: a page of 20 counts the sign-ups of those 20
        only, and a paginator's COUNT(*) leaves them out. Ordered by time."""
        per_rij = Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"))
        return self.order_by("begin", "id").annotate(
            aantal_aangemeld=aantal(per_rij.filter(status=Aanmelding.Status.AANGEMELD)),
            aantal_wachtlijst=aantal(per_rij.filter(status=Aanmelding.Status.WACHTLIJST)),
        )

    def met_plaatsen(self):
        """``met_tellingen`` and ``vrij``: places left (None: no maximum), in time order."""
        return (
            self.met_tellingen()
            .annotate(
                vrij=ExpressionWrapper(
                    F("activiteit__capaciteit") - F("aantal_aangemeld"),
                    output_field=IntegerField(),
                )
            )
            .order_by("begin", "id")
        )

    def met_plek(self):
        """Only those with a place left (or no maximum); needs ``met_tellingen``."""
        return self.filter(
            Q(activiteit__capaciteit__isnull=True)
            | Q(activiteit__capaciteit__gt=F("aantal_aangemeld"))
        )


class Bijeenkomst(VanCooperatie):
    """One occurrence of an activity."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gaat door")
        GEANNULEERD = "geannuleerd", _("Gaat niet door")

    activiteit = models.ForeignKey(
        Activiteit, on_delete=models.CASCADE, related_name="bijeenkomsten"
    )
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    # Where the rule put it; differs from ``begin`` when this one was moved.
    volgens_regel = models.DateTimeField(_("volgens de herhaling"), editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GEPLAND
    )
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    reservering = models.ForeignKey(
        "accommodaties.Reservering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("boeking van de ruimte"),
    )
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = per_cooperatie(BijeenkomstQuerySet)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["begin", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("begin")), name="bijeenkomst_einde_na_begin"
            ),
            models.UniqueConstraint(
                fields=["cooperatie", "activiteit", "volgens_regel"],
                name="bijeenkomst_een_per_moment",
            ),
        ]
        indexes = [
            models.Index(fields=["cooperatie", "status", "begin"], name="bijeenkomst_status_begin")
        ]

    def __str__(self):
        return f"{self.activiteit} · {datums.dag_tijd(self.begin)}"

    def get_absolute_url(self):
        return reverse("initiatieven:bijeenkomst", kwargs={"pk": self.pk})

    @property
    def is_verplaatst(self) -> bool:
        return self.begin != self.volgens_regel

    @property
    def is_geannuleerd(self) -> bool:
        return self.status == self.Status.GEANNULEERD


class AanmeldingQuerySet(models.QuerySet):
    def aangemeld(self):
        return self.filter(status=Aanmelding.Status.AANGEMELD)

    def niet_afgemeld(self):
        return self.exclude(status=Aanmelding.Status.AFGEMELD)

    def komend_van(self, user, now=None):
        """``user``'s sign-ups and places on waiting lists for meetings that have not ended."""
        return self.filter(
            user=user,
            status__in=Aanmelding.ACTIEF,
            bijeenkomst__einde__gte=now or timezone.now(),
        )

    def met_wachtlijst_plek(self):
        """Adds ``wachtlijst_plek`` (1 = first) to each sign-up on a waiting list, in one
        query."""
        ervoor = (
            Aanmelding.objects.filter(
                bijeenkomst=OuterRef("bijeenkomst"), status=Aanmelding.Status.WACHTLIJST
            )
            .filter(
                Q(aangemeld_op__lt=OuterRef("aangemeld_op"))
                | Q(aangemeld_op=OuterRef("aangemeld_op"), id__lte=OuterRef("id"))
            )
            .order_by()
            .values("bijeenkomst")
            .annotate(n=Count("id"))
            .values("n")
        )
        return self.annotate(wachtlijst_plek=Subquery(ervoor, output_field=IntegerField()))

    def met_relaties(self):
        """With the meeting and what its row shows, in the same query."""
        return self.select_related(*(f"bijeenkomst__{r}" for r in BIJEENKOMST_RELATIES))


class Aanmelding(VanCooperatie):
    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", _("Aangemeld")
        WACHTLIJST = "wachtlijst", _("Op de wachtlijst")
        AFGEMELD = "afgemeld", _("Afgemeld")

    # Signed up or on the waiting list: the person counts on coming.
    ACTIEF = (Status.AANGEMELD, Status.WACHTLIJST)

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # Order of the waiting list: when this person (last) signed up.
    aangemeld_op = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    aanwezig = models.BooleanField(_("aanwezig"), null=True, blank=True)

    objects = per_cooperatie(AanmeldingQuerySet)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["aangemeld_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperatie", "bijeenkomst", "user"], name="aanmelding_een_keer"
            ),
        ]
        indexes = [
            models.Index(fields=["cooperatie", "bijeenkomst", "status"], name="aanmelding_status"),
        ]

    def __str__(self):
        return f"{self.user} · {self.bijeenkomst}"
