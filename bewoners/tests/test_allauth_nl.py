"""Issue 15, point 8: the login library's (allauth's) pages, messages, form errors and e-mails say
plain Dutch (B1, "je"): no "u", no "middels", no "Authenticeer opnieuw om de beveiliging van je
account te waarborgen".

Our catalogue (locale/nl) overrides allauth's Dutch; the English msgids it overrides are listed in
wijk/lib/msgids.py. This test renders every allauth page the site exposes, in Dutch, in the states
a person meets them in (with and without extra security, after a mistake), follows the redirects
so the flash messages show, and reads the e-mails allauth sends.
"""

import html
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bewoners.tests.factories import UserFactory, totp_code

WACHTWOORD = "geheim-wachtwoord-123"

# Formal, technical or not B1: none of these may show. Matched on whole words, case-insensitive.
VERBODEN = [
    r"u",
    r"uw",
    r"middels",
    r"authenticeer\w*",
    r"\w*authenticatie\w*",
    r"waarborgen",
    r"a\.u\.b\.",
    r"alstublieft",
    r"gelieve",
    r"dien",
    r"momenteel",
    r"ingelegd",
    r"echter",
    r"e-?mail adres\w*",
    r"ongeldige login",
    r"ongespecificeerd",
    r"geverifieerd",
    r"ongeverifieerd",
    r"verifieer",
    r"primair\w*",
    r"genereer",
    r"gegenereerd",
    r"deactiveer",
    r"activeer",
    r"notificaties",
    r"onmiddel+ijk",
    r"zet wachtwoord",
    r"ontvang",  # "Je ontvang deze e-mail" (a typo in allauth's Dutch)
]
VERBODEN_RE = re.compile(r"(?<![\w-])(" + "|".join(VERBODEN) + r")(?![\w-])", re.IGNORECASE)


def _zichtbare_tekst(inhoud: str) -> str:
    inhoud = re.sub(r"<(script|style)\b.*?</\1>", " ", inhoud, flags=re.S | re.I)
    # Texts people read that are not between tags: labels of buttons, alt texts, titles.
    extra = re.findall(r'\b(?:alt|title|placeholder|aria-label|value)="([^"]*)"', inhoud)
    tekst = re.sub(r"<[^>]+>", " ", inhoud)
    return html.unescape(" ".join([tekst, *extra]))


def _fouten(tekst: str) -> list[str]:
    return sorted(
        {
            tekst[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
            for m in VERBODEN_RE.finditer(tekst)
        }
    )


class Verzamel:
    """Collects the text of every page and e-mail, with where it came from."""

    def __init__(self):
        self.teksten: dict[str, str] = {}

    def pagina(self, client: Client, naam: str, url: str, data=None, **extra):
        if data is None:
            response = client.get(url, follow=True, **extra)
        else:
            response = client.post(url, data, follow=True, **extra)
        assert response.status_code < 500, (naam, response.status_code)
        if response.get("Content-Type", "").startswith("text/html"):
            self.teksten[naam] = _zichtbare_tekst(response.content.decode())
        else:
            self.teksten[naam] = response.content.decode()
        return response

    def mails(self, naam: str):
        for nummer, bericht in enumerate(mail.outbox):
            self.teksten[f"{naam}: e-mail {nummer} ({bericht.subject})"] = "\n".join(
                [bericht.subject, bericht.body]
            )
        mail.outbox.clear()


def _inloggen(client: Client, user, verzamel: Verzamel, naam: str):
    verzamel.pagina(
        client, naam, reverse("account_login"), {"login": user.email, "password": WACHTWOORD}
    )
    if Authenticator.objects.filter(user=user, type="totp").exists():
        cache.clear()  # allauth refuses a TOTP code used before within its window
        verzamel.pagina(client, f"{naam}: tweede stap", reverse("mfa_authenticate"))
        verzamel.pagina(
            client, f"{naam}: tweede stap, foute code", reverse("mfa_authenticate"), {"code": "1"}
        )
        verzamel.pagina(
            client, f"{naam}: tweede stap, goed", reverse("mfa_authenticate"), {"code": totp_code()}
        )


def _opnieuw_inloggen(client: Client, verzamel: Verzamel, naam: str):
    """allauth asks for the password again before sensitive steps (as when deleting the
    account); after this the pages behind that question open."""
    verzamel.pagina(client, naam, reverse("account_reauthenticate"), {"password": WACHTWOORD})


@pytest.fixture
def alle_teksten(db, settings, buurt):
    settings.LANGUAGE_CODE = "nl"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    verzamel = Verzamel()
    anoniem = Client(HTTP_ACCEPT_LANGUAGE="nl")

    # --- Anonymous: log in, sign up, forgotten password, links from e-mails ------------------
    verzamel.pagina(anoniem, "inloggen", reverse("account_login"))
    verzamel.pagina(
        anoniem,
        "inloggen, fout wachtwoord",
        reverse("account_login"),
        {"login": "niemand@example.org", "password": "fout"},
    )
    verzamel.pagina(anoniem, "account maken", reverse("account_signup"))
    bestaand = UserFactory(email="bestaand@example.org", profiel__buurt=buurt)
    verzamel.pagina(
        anoniem,
        "account maken, fouten",
        reverse("account_signup"),
        {"email": bestaand.email, "password1": "kort", "password2": "anders"},
    )
    verzamel.pagina(
        anoniem,
        "account maken, gelukt",
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": WACHTWOORD, "password2": WACHTWOORD},
    )
    verzamel.mails("account maken")
    anoniem = Client(HTTP_ACCEPT_LANGUAGE="nl")
    verzamel.pagina(
        anoniem, "e-mail bevestigen verstuurd", reverse("account_email_verification_sent")
    )
    verzamel.pagina(
        anoniem, "e-mail bevestigen, foute link", reverse("account_confirm_email", args=["fout"])
    )
    verzamel.pagina(anoniem, "wachtwoord vergeten", reverse("account_reset_password"))
    for email in (bestaand.email, "onbekend@example.org"):
        verzamel.pagina(
            anoniem,
            f"wachtwoord vergeten, {email}",
            reverse("account_reset_password"),
            {"email": email},
        )
    verzamel.mails("wachtwoord vergeten")
    verzamel.pagina(
        anoniem, "wachtwoord vergeten, verstuurd", reverse("account_reset_password_done")
    )
    verzamel.pagina(
        anoniem,
        "nieuw wachtwoord, foute link",
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "fout-sleutel"}),
    )
    verzamel.pagina(
        anoniem, "nieuw wachtwoord ingesteld", reverse("account_reset_password_from_key_done")
    )
    verzamel.pagina(anoniem, "account niet actief", reverse("account_inactive"))

    # --- Logged in, without extra security --------------------------------------------------
    bep = UserFactory(email="bep@example.org", profiel__buurt=buurt)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    _inloggen(client, bep, verzamel, "inloggen, gelukt")
    # The delete-account flow: the privacy page, then allauth asks for the password again.
    verzamel.pagina(client, "privacy", reverse("bewoners:privacy"))
    verzamel.pagina(
        client, "account verwijderen", reverse("bewoners:delete_account"), {"bevestiging": "x"}
    )
    verzamel.pagina(
        client, "opnieuw inloggen, fout", reverse("account_reauthenticate"), {"password": "fout"}
    )
    _opnieuw_inloggen(client, verzamel, "opnieuw ingelogd")
    verzamel.pagina(
        client,
        "account verwijderen, niet bevestigd",
        reverse("bewoners:delete_account"),
        {"bevestiging": "x"},
    )
    for naam, url in (
        ("e-mailadressen", "account_email"),
        ("wachtwoord wijzigen", "account_change_password"),
        ("wachtwoord instellen", "account_set_password"),
        ("opnieuw inloggen", "account_reauthenticate"),
        ("extra beveiliging", "mfa_index"),
        ("extra beveiliging aanzetten", "mfa_activate_totp"),
        ("waar ben ik ingelogd", "usersessions_list"),
        ("uitloggen?", "account_logout"),
    ):
        verzamel.pagina(client, naam, reverse(url))
    verzamel.pagina(
        client, "extra beveiliging, foute code", reverse("mfa_activate_totp"), {"code": "123"}
    )
    verzamel.pagina(
        client,
        "wachtwoord wijzigen, fouten",
        reverse("account_change_password"),
        {"oldpassword": "fout", "password1": "kort", "password2": "anders"},
    )
    verzamel.pagina(
        client,
        "e-mailadres toevoegen",
        reverse("account_email"),
        {"action_add": "", "email": "bep.tweede@example.org"},
    )
    verzamel.pagina(
        client,
        "e-mailadres opnieuw bevestigen",
        reverse("account_email"),
        {"action_send": "", "email": "bep.tweede@example.org"},
    )
    verzamel.pagina(
        client,
        "e-mailadres verwijderen",
        reverse("account_email"),
        {"action_remove": "", "email": "bep.tweede@example.org"},
    )
    verzamel.pagina(
        client,
        "wachtwoord gewijzigd",
        reverse("account_change_password"),
        {
            "oldpassword": WACHTWOORD,
            "password1": "nieuw-" + WACHTWOORD,
            "password2": "nieuw-" + WACHTWOORD,
        },
    )
    verzamel.mails("e-mail en wachtwoord")
    verzamel.pagina(client, "uitgelogd", reverse("account_logout"), {})

    # --- Logged in, with extra security (buurtassistent) --------------------------------------
    bas = UserFactory(email="bas@example.org", with_mfa=True, profiel__buurt=buurt)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    _inloggen(client, bas, verzamel, "inloggen met extra beveiliging")
    verzamel.pagina(client, "opnieuw inloggen met code", reverse("mfa_reauthenticate"))
    verzamel.pagina(
        client, "account verwijderen, opnieuw inloggen", reverse("account_reauthenticate")
    )
    _opnieuw_inloggen(client, verzamel, "opnieuw ingelogd met extra beveiliging")
    for naam, url in (
        ("extra beveiliging aan", "mfa_index"),
        ("extra beveiliging uitzetten", "mfa_deactivate_totp"),
        ("herstelcodes", "mfa_view_recovery_codes"),
        ("nieuwe herstelcodes", "mfa_generate_recovery_codes"),
    ):
        verzamel.pagina(client, naam, reverse(url))
    verzamel.pagina(
        client, "nieuwe herstelcodes gemaakt", reverse("mfa_generate_recovery_codes"), {}
    )
    verzamel.pagina(client, "herstelcodes na maken", reverse("mfa_view_recovery_codes"))
    verzamel.pagina(client, "herstelcodes downloaden", reverse("mfa_download_recovery_codes"))
    verzamel.mails("extra beveiliging")
    return verzamel.teksten


def test_every_page_was_rendered(alle_teksten):
    assert len(alle_teksten) > 35
    assert any("Extra beveiliging" in t for t in alle_teksten.values())


def test_the_login_library_speaks_plain_dutch(alle_teksten):
    fout = {naam: _fouten(tekst) for naam, tekst in alle_teksten.items()}
    fout = {naam: f for naam, f in fout.items() if f}
    assert not fout, "formal or technical Dutch:\n" + "\n".join(
        f"{naam}: {f}" for naam, f in fout.items()
    )


def test_the_check_finds_what_it_must_find():
    for zin in (
        "Authenticeer opnieuw om de beveiliging van je account te waarborgen.",
        "Authenticatie middels een authenticator-app is actief.",
        "Heeft u uw wachtwoord vergeten?",
        "Neem a.u.b. contact met ons op.",
        "Uw account",
    ):
        assert _fouten(zin), zin
    for zin in (
        "Vul je wachtwoord nog een keer in.",
        "Je account is beveiligd.",
        "uur",
        "e-mailadres",
    ):
        assert not _fouten(zin), zin
