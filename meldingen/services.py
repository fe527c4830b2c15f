"""Notifications: the public API every other app calls.

``melding_send(ontvanger, soort, titel=..., tekst=..., url=...)`` is the one entry point. It looks up how
the person wants to hear about that kind (their ``Voorkeur``, else the kind's default), stores the
melding in the inbox and, for e-mail, queues the mail once the transaction has committed. People
who chose the daily digest get their e-mail meldingen bundled by ``send_daily_digests`` instead.

``titel`` and ``url`` end up in e-mails; ``tekst`` never does (it is shown only after login), so
private details belong in ``tekst`` or behind the link, never in ``titel``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, signals
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from bewoners.services import per_persoon_vergeten
from cooperaties import taken

from . import emails, soorten
from .models import Instellingen, Kanaal, Melding, Voorkeur, is_local_path

TITEL_MAX = Melding._meta.get_field("titel").max_length

# E-mails the immediate task has not sent after this long (broker lost the task, SMTP kept
# failing, or the person switched the digest off) go out with the next daily digest.
ACHTERSTAND_NA = timedelta(hours=1)


def can_receive_email(user) -> bool:
    """Only active accounts with an address get e-mail; erased accounts never do."""
    return bool(user.is_active and user.email and getattr(user, "verwijderd_op", None) is None)


def _kanaal(soort: soorten.Soort, gekozen: str | None) -> str:
    """The channel chosen, else the kind's default; a kind that cannot be switched off comes
    at least on the website."""
    kanaal = gekozen or soort.standaard
    if kanaal == Kanaal.UIT and not soort.kan_uit:
        return Kanaal.IN_APP
    return kanaal


def kanaal_for(user, soort: str) -> str:
    """The channel ``user`` chose for ``soort``, else the kind's default.

    An unknown kind raises LookupError.
    """
    registratie = soorten.get(soort)
    gekozen = (
        Voorkeur.objects.filter(user=user, soort=soort).values_list("kanaal", flat=True).first()
    )
    return _kanaal(registratie, gekozen)


def wants_digest(user) -> bool:
    return Instellingen.objects.filter(user=user, dagelijkse_samenvatting=True).exists()


def language_of(user) -> str:
    """The language this person reads the site, their meldingen and e-mails in."""
    return getattr(user, "taal", "") or settings.LANGUAGE_CODE


def _in_language(language: str, text, params: dict | None) -> str:
    """Render a (lazy) text in ``language`` and fill in ``%(name)s`` placeholders.

    Lazy values in ``params`` are rendered in ``language`` too.
    """
    with translation.override(language):
        rendered = str(text)
        return rendered % params if params else rendered


def _build(
    ontvanger, soort: str, *, titel, tekst, url: str, email: bool, params: dict | None
) -> Melding:
    language = language_of(ontvanger)
    return Melding(
        ontvanger=ontvanger,
        soort=soort,
        titel=Truncator(_in_language(language, titel, params)).chars(TITEL_MAX),
        tekst=_in_language(language, tekst, params),
        url=url,
        email_gewenst=email,
    )


def _check_url(url: str) -> None:
    if url and not is_local_path(url):
        raise ValueError(f"url moet een pad op deze site zijn (begint met '/'), niet {url!r}.")


def _queue_email(melding_id: int) -> None:
    # robust: a mail server that is down must not break the caller's page; the digest sweeps
    # up what was not sent (see ACHTERSTAND_NA).
    taken.na_commit("meldingen.tasks.send_melding_email", melding_id)


def melding_send(
    ontvanger,
    soort: str,
    *,
    titel,
    tekst="",
    url: str = "",
    params: dict | None = None,
) -> Melding | None:
    """Tell ``ontvanger`` about something. Returns the stored melding, or None when switched off.

    ``titel`` and ``tekst`` are best given as ``gettext_lazy`` texts with ``%(name)s``
    placeholders and their values in ``params``: they are then written in the recipient's own
    language (``User.taal``), whoever triggered the melding.
    ``url`` is a path on this site (``reverse(...)``); the inbox and the e-mail link to it.
    """
    _check_url(url)
    kanaal = kanaal_for(ontvanger, soort)
    if kanaal == Kanaal.UIT:
        return None
    email = kanaal == Kanaal.EMAIL and can_receive_email(ontvanger)
    melding = _build(
        ontvanger, soort, titel=titel, tekst=tekst, url=url, email=email, params=params
    )
    melding.full_clean(exclude=["ontvanger"])
    melding.save()
    if email and not wants_digest(ontvanger):
        _queue_email(melding.pk)
    return melding


def melding_send_many(
    ontvangers: Iterable,
    soort: str,
    *,
    titel,
    tekst="",
    url: str = "",
    params: dict | None = None,
) -> list[Melding]:
    """``melding_send`` for many people at once: no query per person (one bulk insert)."""
    _check_url(url)
    registratie = soorten.get(soort)
    users = list({user.pk: user for user in ontvangers}.values())
    if not users:
        return []
    ids = [user.pk for user in users]
    gekozen = dict(
        Voorkeur.objects.filter(user__in=ids, soort=soort).values_list("user_id", "kanaal")
    )
    digest = set(
        Instellingen.objects.filter(user__in=ids, dagelijkse_samenvatting=True).values_list(
            "user_id", flat=True
        )
    )
    meldingen = []
    for user in users:
        kanaal = _kanaal(registratie, gekozen.get(user.pk))
        if kanaal == Kanaal.UIT:
            continue
        email = kanaal == Kanaal.EMAIL and can_receive_email(user)
        meldingen.append(
            _build(user, soort, titel=titel, tekst=tekst, url=url, email=email, params=params)
        )
    if meldingen:
        meldingen[0].full_clean(exclude=["ontvanger"])  # same soort, titel, tekst and url for all
    Melding.objects.bulk_create(meldingen)
    per_persoon_vergeten(melding.ontvanger_id for melding in meldingen)  # the header's count
    for melding in meldingen:
        if melding.email_gewenst and melding.ontvanger_id not in digest:
            _queue_email(melding.pk)
    return meldingen


def welkomstmelding_send(*, profiel) -> Melding | None:
    """The welcome melding for a resident who finished the welcome flow.

    Registered at start-up (``MeldingenConfig.ready``) on
    ``bewoners.services.register_onboarding_voltooid``: bewoners, below meldingen, calls it
    without importing meldingen.
    """
    if profiel.buurt:
        titel, params = _("Welkom in %(buurt)s!"), {"buurt": profiel.buurt.naam}
    else:
        titel, params = _("Welkom in de wijk!"), None
    return melding_send(
        profiel.user,
        "welkom",
        titel=titel,
        tekst=_(
            "Fijn dat je meedoet. Je kunt nu hulp vragen, hulp aanbieden en meedoen aan "
            "activiteiten in de buurt. Je profiel kun je altijd aanpassen."
        ),
        params=params,
        url=reverse("bewoners:start"),
    )


def meldingen_mark_read(user) -> int:
    """Mark every unread melding of ``user`` as read; returns how many changed."""
    aantal = Melding.objects.for_user(user).unread().update(gelezen_op=timezone.now())
    per_persoon_vergeten([user.pk])  # the header's count
    return aantal


def _melding_gewijzigd(sender, instance, **kwargs) -> None:
    """A melding saved or deleted one by one (sent, read, in the admin): the header's count
    of its recipient is out of date (``bewoners.per_persoon``)."""
    per_persoon_vergeten([instance.ontvanger_id])


signals.post_save.connect(_melding_gewijzigd, sender=Melding, dispatch_uid="meldingen.kop")
signals.post_delete.connect(_melding_gewijzigd, sender=Melding, dispatch_uid="meldingen.kop")


def meldingen_forget(*, urls: Iterable[str], behalve, titel: str) -> int:
    """Meldingen of other people than ``behalve`` that link to one of ``urls`` lose their words:
    a neutral ``titel`` and no text. The melding itself stays (it is part of the other person's
    history). For erasing a person whose requests the titles quote; returns how many changed."""
    urls = list(urls)
    if not urls:
        return 0
    return (
        Melding.objects.filter(url__in=urls)
        .exclude(ontvanger=behalve)
        .update(titel=titel, tekst="")
    )


def voorkeur_set(user, soort: str, kanaal: str) -> Voorkeur:
    """Store how ``user`` wants to hear about ``soort``. Unknown kind or channel raises, and
    so does "uit" for a kind that cannot be switched off."""
    if kanaal not in dict(soorten.get(soort).kanalen):
        raise ValueError(f"Onbekend kanaal voor {soort!r}: {kanaal!r}.")
    voorkeur, _created = Voorkeur.objects.update_or_create(
        user=user, soort=soort, defaults={"kanaal": kanaal}
    )
    return voorkeur


def samenvatting_set(user, *, aan: bool) -> Instellingen:
    """Switch the daily digest on or off for ``user``."""
    instellingen, _created = Instellingen.objects.update_or_create(
        user=user, defaults={"dagelijkse_samenvatting": aan}
    )
    return instellingen


# --- Sending (called by the tasks in tasks.py) ---------------------------------------------


def melding_email_send(melding_id: int) -> bool:
    """Send the e-mail for one melding, at most once. Returns whether a mail was sent.

    The melding is claimed with a conditional update before sending, so a retried or duplicated
    task cannot send twice. When sending fails the claim is released and the error re-raised,
    so the task can retry.
    """
    melding = Melding.objects.select_related("ontvanger").filter(pk=melding_id).first()
    if melding is None or not melding.email_gewenst or melding.email_verzonden_op is not None:
        return False
    if not can_receive_email(melding.ontvanger):
        return False
    claimed_at = timezone.now()
    claimed = Melding.objects.filter(pk=melding.pk, email_verzonden_op__isnull=True).update(
        email_verzonden_op=claimed_at
    )
    if not claimed:
        return False
    try:
        emails.send_melding(melding)
    except Exception:
        Melding.objects.filter(pk=melding.pk, email_verzonden_op=claimed_at).update(
            email_verzonden_op=None
        )
        raise
    return True


def digest_recipient_ids() -> list[int]:
    """People with e-mail meldingen waiting: digest users, and anyone with a late e-mail."""
    te_laat = timezone.now() - ACHTERSTAND_NA
    return list(
        Melding.objects.email_pending()
        .filter(
            Q(ontvanger__meldinginstellingen__dagelijkse_samenvatting=True)
            | Q(aangemaakt_op__lt=te_laat)
        )
        .order_by("ontvanger_id")
        .values_list("ontvanger_id", flat=True)
        .distinct()
    )


def samenvatting_send(user_id: int) -> int:
    """Send one e-mail with all waiting e-mail meldingen of one person; returns how many.

    Idempotent: the meldingen are claimed with a conditional update first, so a second run (or
    a concurrent immediate e-mail) finds nothing left to send.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not can_receive_email(user):
        return 0
    pending = list(Melding.objects.for_user(user).email_pending().values_list("pk", flat=True))
    if not pending:
        return 0
    claimed_at = timezone.now()
    Melding.objects.filter(pk__in=pending, email_verzonden_op__isnull=True).update(
        email_verzonden_op=claimed_at
    )
    # Only what this run claimed (another run may have claimed some in between).
    claimed = Melding.objects.filter(pk__in=pending, email_verzonden_op=claimed_at)
    meldingen = list(claimed.order_by("aangemaakt_op", "id"))
    if not meldingen:
        return 0
    try:
        emails.send_digest(user, meldingen)
    except Exception:
        claimed.update(email_verzonden_op=None)
        raise
    Instellingen.objects.filter(user=user).update(laatste_samenvatting_op=claimed_at)
    return len(meldingen)
