"""E-mails of the meldingen app: one function per kind, each with a subject/text/html template set.

An e-mail carries the titel, a link, the coöperatie's name and a link to the preferences, and
nothing else. ``melding.tekst`` may hold private details and is shown only after login: the
templates never receive the melding itself, only the fields that may be mailed.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation

from cooperaties.huidige import huidige
from cooperaties.selectors import site_url


def absolute_url(path: str) -> str:
    """``path`` on the address of the coöperatie the melding belongs to."""
    return site_url() + path


def melding_link(melding) -> str:
    """Where the e-mail points: the melding's own page on this site, or the inbox."""
    if melding.local_url:
        return absolute_url(melding.local_url)
    return absolute_url(reverse("meldingen:inbox"))


def logo_url() -> str:
    """The address of the current coöperatie's logo for e-mails, or "" when it has none."""
    cooperatie = huidige()
    if cooperatie is None or not cooperatie.logo_versie:
        return ""
    return f"{site_url()}{reverse('logo')}?v={cooperatie.logo_versie}"


def _mailable(melding) -> dict:
    """The parts of a melding that may appear in an e-mail. Never ``tekst``."""
    return {"titel": melding.titel, "link": melding_link(melding)}


def _context(user, **extra) -> dict:
    return {
        "naam": user.first_name,
        "taal": getattr(user, "taal", "") or settings.LANGUAGE_CODE,
        "wijk_naam": huidige().naam if huidige() else settings.WIJK_NAAM,
        "site_url": site_url(),
        "logo_url": logo_url(),
        "inbox_url": absolute_url(reverse("meldingen:inbox")),
        "voorkeuren_url": absolute_url(reverse("meldingen:preferences")),
        **extra,
    }


def _render(names: Sequence[str], suffix: str, context: dict) -> str:
    template = select_template([f"meldingen/email/{name}{suffix}" for name in names])
    return template.render(context)


def _send(names: Sequence[str], to: str, context: dict) -> None:
    """Render ``<name>_subject.txt``, ``<name>.txt`` and ``<name>.html`` and send.

    Each of the three comes from the first of ``names`` that has it.
    """
    with translation.override(context["taal"]):
        subject = " ".join(_render(names, "_subject.txt", context).split())
        text = _render(names, ".txt", context)
        html = _render(names, ".html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[to],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{context['voorkeuren_url']}>",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_melding(melding) -> None:
    """One melding by e-mail, with the kind's own templates or the default ones."""
    user = melding.ontvanger
    context = _context(user, **_mailable(melding))
    _send([melding.soort, "default"], user.email, context)


def send_digest(user, meldingen: Sequence) -> None:
    """All waiting meldingen of one person in one e-mail."""
    context = _context(user, items=[_mailable(m) for m in meldingen], aantal=len(meldingen))
    _send(["digest"], user.email, context)
