"""Notifications: an in-app inbox, e-mail, per-kind preferences and a daily digest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperaties.models import VanCooperatie, per_cooperatie


class Kanaal(models.TextChoices):
    IN_APP = "in_app", _("Alleen op de website")
    EMAIL = "email", _("Op de website en per e-mail")
    UIT = "uit", _("Uit")


def is_local_path(url: str) -> bool:
    """``/iets/`` on this site: not ``//host``, not ``/\\host``, not ``https://...``."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


ONGELEZEN = models.Q(gelezen_op__isnull=True)


class MeldingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ontvanger=user)

    def unread(self):
        return self.filter(ONGELEZEN)

    def aantallen(self) -> dict[str, int]:
        """``{"alle": ..., "ongelezen": ...}`` in one query (the inbox shows both)."""
        return self.aggregate(
            alle=models.Count("pk"), ongelezen=models.Count("pk", filter=ONGELEZEN)
        )

    def in_inbox(self):
        return self.filter(in_inbox=True)

    def email_pending(self):
        return self.filter(email_gewenst=True, email_verzonden_op__isnull=True)


class Melding(VanCooperatie):
    """One notification to one person.

    ``titel`` and the link go into e-mails; ``tekst`` is shown only in the inbox after login.
    Callers must never put private details (health, address, phone) in ``titel``.
    """

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("ontvanger"),
    )
    soort = models.CharField(_("soort"), max_length=60, db_index=True)
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    in_inbox = models.BooleanField(_("in de inbox"), default=True)
    email_gewenst = models.BooleanField(_("per e-mail"), default=False)
    email_verzonden_op = models.DateTimeField(_("e-mail verstuurd op"), null=True, blank=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)

    objects = per_cooperatie(MeldingQuerySet)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(
                fields=["cooperatie", "ontvanger", "gelezen_op"], name="melding_ontvanger_gelezen"
            ),
            models.Index(
                fields=["cooperatie", "ontvanger", "-aangemaakt_op"], name="melding_ontvanger_datum"
            ),
            # The digest looks for e-mails still to send: a small part of a growing table.
            models.Index(
                fields=["cooperatie", "ontvanger"],
                condition=models.Q(email_gewenst=True, email_verzonden_op__isnull=True),
                name="melding_email_wacht",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_read(self) -> bool:
        return self.gelezen_op is not None

    @property
    def local_url(self) -> str:
        """The link as a path on this site, or "" when there is none (or it points elsewhere)."""
        return self.url if is_local_path(self.url) else ""

    def mark_read(self) -> None:
        if self.gelezen_op is None:
            self.gelezen_op = timezone.now()
            self.save(update_fields=["gelezen_op"])


class Voorkeur(models.Model):
    """How one person wants to hear about one kind of notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingvoorkeuren",
        verbose_name=_("gebruiker"),
    )
    soort = models.CharField(_("soort"), max_length=60)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "soort"], name="voorkeur_uniek_per_soort")
        ]

    def __str__(self):
        return f"{self.user} · {self.soort}: {self.get_kanaal_display()}"


class Instellingen(models.Model):
    """Per-person settings for e-mail: one mail per notification, or one daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldinginstellingen",
        verbose_name=_("gebruiker"),
    )
    dagelijkse_samenvatting = models.BooleanField(
        _("één e-mail per dag met alles bij elkaar"), default=False
    )
    laatste_samenvatting_op = models.DateTimeField(
        _("laatste samenvatting verstuurd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("meldingsinstelling")
        verbose_name_plural = _("meldingsinstellingen")

    def __str__(self):
        return str(self.user)
