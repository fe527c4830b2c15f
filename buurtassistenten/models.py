"""The buurtassistent's records: contact moments, follow-ups, referrals, assisted intake, and
the log of who opened whose coordination page.

Minimum personal data: a contact moment is short and factual; a referral stores the kind of
need and the partner, never a diagnosis. Notes marked sensitive show only to their author and
to the buurtassistenten assigned to the resident's buurt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperaties.models import VanCooperatie, per_cooperatie
from wijk.lib import datums


def _bewoner(related_name: str) -> models.ForeignKey:
    """The resident a record is about: it goes with their account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("bewoner"),
    )


def _door(verbose_name=None, **opties) -> models.ForeignKey:
    """Who made a record (a buurtassistent; "door" unless ``verbose_name`` says otherwise):
    empty once their account is erased, the record stays (see ``privacy_registrations``)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=verbose_name or _("door"),
        **opties,
    )


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    EMAIL = "email", _("E-mail")
    INLOOP = "inloop", _("Inloopspreekuur")


class Contactmoment(VanCooperatie):
    class Soort(models.TextChoices):
        GEWOON = "gewoon", _("Contact")
        WELKOM = "welkom", _("Welkomstgesprek")
        INTAKE = "intake", _("Intake")
        VERVOLG = "vervolg", _("Vervolgcontact")

    bewoner = _bewoner("contactmomenten")
    door = _door()
    datum = models.DateTimeField(_("wanneer"), default=timezone.now)
    kanaal = models.CharField(_("hoe"), max_length=12, choices=Kanaal.choices)
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices, default=Soort.GEWOON)
    notitie = models.TextField(
        _("korte notitie"),
        max_length=1000,
        blank=True,
        help_text=_("Kort en feitelijk. Geen diagnoses of medische details."),
    )
    gevoelig = models.BooleanField(
        _("gevoelig"),
        default=False,
        help_text=_(
            "Alleen jij en de buurtassistenten van de buurt van deze bewoner zien de notitie."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["cooperatie", "bewoner", "-datum"], name="contactmoment_bewoner")
        ]

    def __str__(self):
        return f"{self.get_kanaal_display()} · {datums.dag(self.datum)}"


class VervolgQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gedaan_op__isnull=True)

    def te_doen(self, vandaag=None):
        """Due today or overdue."""
        return self.open().filter(datum__lte=vandaag or timezone.localdate())


class Vervolg(VanCooperatie):
    """A follow-up to do on a date: set by hand with a contact moment, or by the welcome flow
    (1, 3 and 6 months after the welcome contact)."""

    class Reden(models.TextChoices):
        AFSPRAAK = "afspraak", _("Afgesproken terugbelmoment")
        WELKOM_1 = "welkom_1", _("Welkom: na 1 maand")
        WELKOM_3 = "welkom_3", _("Welkom: na 3 maanden")
        WELKOM_6 = "welkom_6", _("Welkom: na 6 maanden")

    bewoner = _bewoner("vervolgen")
    datum = models.DateField(_("wanneer"))
    reden = models.CharField(_("waarom"), max_length=10, choices=Reden.choices)
    contactmoment = models.ForeignKey(
        Contactmoment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervolgen",
        verbose_name=_("bij contactmoment"),
    )
    gedaan_op = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    gedaan_door = _door(_("gedaan door"), blank=True)

    objects = per_cooperatie(VervolgQuerySet)

    class Meta:
        verbose_name = _("vervolgafspraak")
        verbose_name_plural = _("vervolgafspraken")
        ordering = ["datum", "id"]
        constraints = [
            # The welcome flow creates each of its follow-ups once.
            models.UniqueConstraint(
                fields=["cooperatie", "bewoner", "reden"],
                condition=models.Q(reden__startswith="welkom_"),
                name="vervolg_welkom_een_keer",
            ),
        ]

    def __str__(self):
        return f"{self.get_reden_display()} · {datums.dag(self.datum)}"


class Wijkpartner(VanCooperatie):
    class Soort(models.TextChoices):
        HUISARTS = "huisarts", _("Huisarts")
        WIJKTEAM = "wijkteam", _("Wijkteam")
        WELZIJN = "welzijn", _("Welzijn")
        WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
        GEMEENTE = "gemeente", _("Gemeente")

    naam = models.CharField(_("organisatie"), max_length=150)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    contact = models.TextField(_("contact"), max_length=500, blank=True)
    buurten = models.ManyToManyField(
        "bewoners.Buurt", blank=True, related_name="wijkpartners", verbose_name=_("buurten")
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("wijkpartner")
        verbose_name_plural = _("wijkpartners")
        ordering = ["naam"]

    def __str__(self):
        return f"{self.naam} ({self.get_soort_display()})"


class Behoefte(models.TextChoices):
    """The kind of need a referral is about: never a diagnosis."""

    ZORG = "zorg", _("Zorg en gezondheid")
    DAGELIJKS = "dagelijks", _("Hulp in het dagelijks leven")
    EENZAAMHEID = "eenzaamheid", _("Eenzaamheid en contact")
    WONEN = "wonen", _("Wonen")
    GELD = "geld", _("Geld en administratie")
    MANTELZORG = "mantelzorg", _("Steun voor mantelzorgers")
    ANDERS = "anders", _("Iets anders")


class DoorverwijzingQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Doorverwijzing.Status.AFGEROND)


class Doorverwijzing(VanCooperatie):
    class Status(models.TextChoices):
        VERWEZEN = "verwezen", _("Verwezen")
        OPGEPAKT = "opgepakt", _("Opgepakt")
        AFGEROND = "afgerond", _("Afgerond")

    bewoner = _bewoner("doorverwijzingen")
    partner = models.ForeignKey(
        Wijkpartner,
        on_delete=models.PROTECT,
        related_name="doorverwijzingen",
        verbose_name=_("naar"),
    )
    behoefte = models.CharField(_("soort vraag"), max_length=12, choices=Behoefte.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VERWEZEN
    )
    door = _door()
    aangemaakt_op = models.DateTimeField(_("verwezen op"), default=timezone.now)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = per_cooperatie(DoorverwijzingQuerySet)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self):
        return f"{self.get_behoefte_display()} → {self.partner}"


class Intake(VanCooperatie):
    """A resident entered by a buurtassistent (often someone who is not online), with how,
    when and by whom consent was given."""

    class Toestemming(models.TextChoices):
        MONDELING = "mondeling", _("Mondeling, bij een bezoek")
        TELEFONISCH = "telefonisch", _("Telefonisch")
        SCHRIFTELIJK = "schriftelijk", _("Op papier getekend")

    bewoner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intakes",
        verbose_name=_("bewoner"),
    )
    door = _door()
    toestemming_hoe = models.CharField(
        _("hoe gaf de bewoner toestemming?"), max_length=12, choices=Toestemming.choices
    )
    toestemming_op = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    geclaimd_op = models.DateTimeField(_("account overgenomen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperatie", "bewoner"], name="intake_een_per_bewoner"
            ),
        ]

    def __str__(self):
        return str(self.bewoner)


class Namens(VanCooperatie):
    """Something a buurtassistent did on a resident's behalf (a request, a sign-up, a booking)."""

    class Wat(models.TextChoices):
        HULPVRAAG = "hulpvraag", _("Hulpvraag geplaatst")
        AANMELDING = "aanmelding", _("Aangemeld voor een activiteit")
        RESERVERING = "reservering", _("Ruimte geboekt")
        MATCH = "match", _("Helper gekoppeld")
        AFGEZEGD = "afgezegd", _("Afspraak met een helper afgezegd")
        GESLOTEN = "gesloten", _("Hulpvraag gesloten")
        ACCOUNT = "account", _("Account overgedragen")

    door = _door()
    voor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="namens_acties",
        verbose_name=_("voor"),
    )
    wat = models.CharField(_("wat"), max_length=12, choices=Wat.choices)
    object_id = models.PositiveBigIntegerField(_("nummer"), null=True, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("actie namens een bewoner")
        verbose_name_plural = _("acties namens bewoners")
        ordering = ["-op", "-id"]

    def __str__(self):
        return f"{self.get_wat_display()} · {self.voor}"


class Inzage(VanCooperatie):
    """Who looked at whose private data, what and when: the coordination page, and every other
    page that shows a buurtassistent private or sensitive data of a resident
    (``bewoners.permissions.inzage``). Kept after the resident's erasure, without the resident
    (``bewoner`` becomes empty)."""

    door = _door(_("geopend door"))
    bewoner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="inzages",
        verbose_name=_("bewoner"),
    )
    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)
    wat = models.CharField(
        _("wat is bekeken"),
        max_length=200,
        blank=True,
        help_text=_("Leeg: de coördinatiepagina van de bewoner."),
    )

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")
        ordering = ["-op", "-id"]

    def __str__(self):
        return f"{self.door} → {self.bewoner} · {datums.dag_tijd(self.op)}"


def bewoner_url(user) -> str:
    return reverse("buurtassistenten:bewoner", kwargs={"pk": user.pk})


class Signaaltelling(VanCooperatie):
    """The dashboard's count of outreach signals per buurt (issue 16): the live count looks
    through half a year of matches, sign-ups and bookings (a second at 20,000 residents), the
    dashboard reads these few rows instead. Kept by ``telling``: counted again after a change
    that can move a signal, and by the beat every few minutes (time passing moves the
    windows; bulk updates send no signals). ``buurt`` empty: residents without a buurt. A
    coöperatie without rows was never counted: the dashboard counts live."""

    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    aantal = models.PositiveIntegerField(default=0)
    berekend_op = models.DateTimeField()

    class Meta:
        verbose_name = _("signaaltelling")
        verbose_name_plural = _("signaaltellingen")
        indexes = [models.Index(fields=["cooperatie", "buurt"], name="signaaltelling_buurt")]

    def __str__(self):
        return f"{self.buurt_id or '-'}: {self.aantal}"
