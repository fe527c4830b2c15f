"""E-mail in development: one short line per message in the terminal, with its first link.

Django's console backend prints every message whole (headers, the text and the HTML part,
quoted-printable), a screenful per e-mail; the link one needs (to confirm an address, to
open a notification) is hard to find. This backend prints

    E-mail aan bewoner1@demo.wijk: [Wijkcoöperatie De Buurt] Bevestig je e-mailadres — http://...

and nothing is sent. The whole message is still logged at DEBUG level (logger
``wijk.mail``; ``LOG_LEVEL=DEBUG`` shows it). It is the default of ``EMAIL_URL=consolemail://``
(see ``wijk/settings.py``).
"""

from __future__ import annotations

import logging
import re
import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("wijk.mail")

LINK = re.compile(r"https?://[^\s<>\"']+")
HREF = re.compile(r"""href=["'](https?://[^"']+)""")
# A sentence may end right after a link: "... op http://x/a/." — the dot is not part of it.
NIET_AAN_HET_EIND = ".,;:!?)]"


def eerste_link(message) -> str:
    """The first web address in the text of ``message``, else the first link of its HTML
    part (not an image's address), or ''."""
    gevonden = LINK.search(message.body or "") if isinstance(message.body, str) else None
    if gevonden:
        return gevonden.group(0).rstrip(NIET_AAN_HET_EIND)
    for inhoud, _soort in getattr(message, "alternatives", None) or []:
        gevonden = HREF.search(inhoud) if isinstance(inhoud, str) else None
        if gevonden:
            return gevonden.group(1).replace("&amp;", "&")
    return ""


def regel(message) -> str:
    """``E-mail aan a@b, c@d: <subject> — <first link>``."""
    ontvangers = ", ".join(message.recipients()) or "(niemand)"
    tekst = f"E-mail aan {ontvangers}: {message.subject}"
    link = eerste_link(message)
    return f"{tekst} — {link}" if link else tekst


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args, stream=None, **kwargs):
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        aantal = 0
        with self._lock:
            for message in email_messages:
                if not message.recipients():
                    continue
                self.stream.write(regel(message) + "\n")
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug("%s", message.message().as_string())
                aantal += 1
            self.stream.flush()
        return aantal
