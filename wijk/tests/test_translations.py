"""The translation catalogues in locale/: complete, compiled, and used by the pages.

Source strings are Dutch (B1). locale/en holds the English translation; locale/nl repeats the
Dutch (so the catalogue is complete) and overrides a few texts of Django and allauth that say "u"
instead of "je". After changing texts: ``manage.py makemessages -l nl -l en --ignore=.venv``,
translate, then ``manage.py compilemessages --ignore=.venv`` and commit the .po and .mo files.
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


# --- A tiny reader for .po files (the subset that xgettext/msgmerge write) ----------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False
    line: int = 0

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None

    @property
    def forms(self):
        """(source, translation) pairs: one for a plain entry, one per plural form otherwise."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr.get(0, ""))]
        return [
            (self.msgid if index == 0 else self.msgid_plural, text)
            for index, text in sorted(self.msgstr.items())
        ]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a quoted string: {text}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry(line=1)
    key = None  # what a continuation line ("...") adds to

    def finish():
        nonlocal entry, key
        if entry.msgstr or entry.msgid_plural is not None or key is not None:
            entries.append(entry)
        entry, key = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        starts_entry = line.startswith("#") or line.startswith(("msgctxt ", "msgid "))
        if starts_entry and entry.msgstr:
            finish()
        if not entry.line:
            entry.line = number
        entry.obsolete = entry.obsolete or obsolete
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#:"):
            entry.references += line[2:].split()
        elif line.startswith("#"):
            continue  # translator, extracted or previous-msgid comment
        elif line.startswith('"'):
            value = _unquote(line)
            if isinstance(key, int):
                entry.msgstr[key] += value
            elif key == "msgid_plural":
                entry.msgid_plural += value
            elif key == "msgctxt":
                entry.msgctxt += value
            else:
                entry.msgid += value
        else:
            keyword, _space, rest = line.partition(" ")
            plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural_form:
                key = int(plural_form.group(1))
                entry.msgstr[key] = _unquote(rest)
            elif keyword == "msgstr":
                key = 0
                entry.msgstr[0] = _unquote(rest)
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                key = keyword
                setattr(entry, keyword, _unquote(rest))
            else:
                raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def live_entries(language: str) -> list[Entry]:
    return [e for e in parse_po(po_path(language)) if not e.obsolete and not e.is_header]


def where(language: str, entry: Entry) -> str:
    return f"locale/{language}/LC_MESSAGES/django.po:{entry.line} {entry.msgid!r}"


# --- (a) Complete: no empty and no fuzzy translations ----------------------------------------------


def test_locale_folder_is_in_locale_paths():
    assert LOCALE_DIR in [Path(p) for p in settings.LOCALE_PATHS]
    assert set(LANGUAGES) == {"nl", "en"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_has_no_fuzzy_entries(language):
    entries = parse_po(po_path(language))
    header = [e for e in entries if e.is_header]
    assert len(header) == 1
    assert f"Language: {language}\n" in header[0].msgstr[0]
    assert "nplurals=2; plural=(n != 1);" in header[0].msgstr[0]

    live = [e for e in entries if not e.obsolete and not e.is_header]
    assert len(live) > 100, "the catalogue looks empty: run makemessages"
    fuzzy = [where(language, e) for e in entries if "fuzzy" in e.flags and not e.obsolete]
    empty = [where(language, e) for e in live if any(not text for _src, text in e.forms)]
    wrong_plurals = [
        where(language, e) for e in live if e.msgid_plural is not None and set(e.msgstr) != {0, 1}
    ]
    assert not fuzzy, "check these translations, then remove '#, fuzzy':\n" + "\n".join(fuzzy)
    assert not empty, "translate these:\n" + "\n".join(empty)
    assert not wrong_plurals, "give two plural forms (msgstr[0] and [1]):\n" + "\n".join(
        wrong_plurals
    )


_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_html(language):
    problems = []
    for entry in live_entries(language):
        for source, text in entry.forms:
            if "python-format" in entry.flags and sorted(_PLACEHOLDER.findall(source)) != sorted(
                _PLACEHOLDER.findall(text)
            ):
                problems.append(f"{where(language, entry)}: placeholders differ in {text!r}")
            if sorted(_TAG.findall(source)) != sorted(_TAG.findall(text)):
                problems.append(f"{where(language, entry)}: HTML differs in {text!r}")
    assert not problems, "\n".join(problems)


def _package_msgids() -> set[str]:
    """Every msgid of Django's and allauth's own (English, so up-to-date) catalogues."""
    import allauth

    catalogues = [
        Path(django.__file__).parent / "conf" / "locale",
        Path(django.__file__).parent / "contrib" / "auth" / "locale",
        Path(allauth.__file__).parent / "locale",
    ]
    return {
        entry.msgid
        for folder in catalogues
        for entry in parse_po(folder / "en" / "LC_MESSAGES" / "django.po")
        if not entry.obsolete
    }


def test_overrides_of_package_texts_still_match_the_packages():
    """Entries that are not in our own code (kept by wijk/lib/msgids.py) must still exist in
    Django or allauth; after an upgrade that changed a text, the override would silently stop."""
    known = _package_msgids()
    ours = [
        e
        for e in live_entries("nl")
        if all(ref.startswith("wijk/lib/msgids.py") for ref in e.references)
    ]
    assert ours, "expected the overrides of Django's password texts in the Dutch catalogue"
    stale = [where("nl", e) for e in ours if e.msgid not in known]
    assert not stale, "no longer a text of Django or allauth:\n" + "\n".join(stale)


def _template_msgids() -> list[tuple[str, str]]:
    """Literal {% translate "..." %} strings in our templates (blocktranslate is not read)."""
    pattern = re.compile(r"""{%\s*trans(?:late)?\s+(?:"([^"]*)"|'([^']*)')""")
    folders = [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates" for app in ("wijk", "bewoners", "meldingen")
    ]
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt"}:
                for match in pattern.finditer(path.read_text(encoding="utf-8")):
                    found.append(
                        (
                            str(path.relative_to(settings.BASE_DIR)),
                            next(filter(None, match.groups()), ""),
                        )
                    )
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translate_tag_in_our_templates_is_in_the_catalogue(language):
    msgids = {e.msgid for e in live_entries(language)}
    missing = sorted(
        {f"{path}: {text!r}" for path, text in _template_msgids() if text not in msgids}
    )
    assert not missing, "run makemessages -l nl -l en --ignore=.venv and translate:\n" + "\n".join(
        missing
    )


# --- (b) Compiled: the .mo files say the same as the .po files -------------------------------------

_MISSING = "\x00not in the .mo file\x00"


class _ReportMissing(gettext.NullTranslations):
    """Fallback that marks a lookup the .mo file could not answer."""

    def gettext(self, message):
        return _MISSING

    def ngettext(self, msgid1, msgid2, n):
        return _MISSING

    def pgettext(self, context, message):
        return _MISSING

    def npgettext(self, context, msgid1, msgid2, n):
        return _MISSING


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_file_matches_po_file(language):
    mo_path = po_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages --ignore=.venv"
    with mo_path.open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    catalogue.add_fallback(_ReportMissing())

    stale = []
    for entry in live_entries(language):
        if "fuzzy" in entry.flags:
            continue  # msgfmt leaves fuzzy entries out; the test above reports them
        if entry.msgid_plural is None:
            if entry.msgctxt is None:
                compiled = catalogue.gettext(entry.msgid)
            else:
                compiled = catalogue.pgettext(entry.msgctxt, entry.msgid)
            if compiled != entry.msgstr[0]:
                stale.append(where(language, entry))
            continue
        for index, text in entry.msgstr.items():
            n = next(n for n in range(1000) if catalogue.plural(n) == index)
            if entry.msgctxt is None:
                compiled = catalogue.ngettext(entry.msgid, entry.msgid_plural, n)
            else:
                compiled = catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            if compiled != text:
                stale.append(f"{where(language, entry)} [form {index}]")
    assert not stale, (
        f"{mo_path.name} is older than the .po file: run compilemessages --ignore=.venv\n"
        + "\n".join(stale)
    )


# --- (c) The pages use the catalogues --------------------------------------------------------------


@pytest.fixture(autouse=True)
def _back_to_dutch():
    """The locale middleware activates the language of each request; don't leak it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
def test_home_page_is_dutch_by_default(client):
    html = client.get(reverse("home")).content.decode()

    assert '<html lang="nl"' in html
    assert "Op deze website helpen buren elkaar." in html
    assert "Account maken" in html


@pytest.mark.django_db
def test_home_page_in_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("home")).content.decode()

    assert '<html lang="en"' in html
    assert "On this website neighbours help each other." in html
    assert "Create account" in html
    assert "Skip to content" in html
    # Dutch stays only where it is marked as Dutch (the language switcher).
    assert "Account maken" not in html
    assert "Inloggen" not in html


@pytest.mark.django_db
def test_language_switcher_sets_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in html
    assert "Welcome to" in html

    client.post(reverse("set_language"), {"language": "nl", "next": reverse("home")})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="nl"' in html
    assert "Welkom bij" in html


# --- (d) Django's password texts speak to the user with "je" -------------------------------------

_FORMAL = re.compile(r"\b(u|uw|Uw)\b")


def _main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.django_db
def test_signup_password_help_is_informal_dutch(client):
    text = _main_text(client.get(reverse("account_signup")))

    assert "Je wachtwoord mag niet te veel lijken op je andere persoonlijke gegevens." in text
    assert "Je wachtwoord moet minstens 8 tekens lang zijn." in text
    assert "Je wachtwoord mag geen veelgebruikt wachtwoord zijn." in text
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in text
    assert not _FORMAL.search(text), _FORMAL.search(text)
    assert "Your password" not in text


@pytest.mark.django_db
def test_signup_password_errors_are_informal_dutch(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": "1234567", "password2": "1234567"},
    )
    assert response.status_code == 200
    text = _main_text(response)
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in text
    assert "Dit wachtwoord bestaat alleen uit cijfers." in text
    assert "This password" not in text
    assert not _FORMAL.search(text), _FORMAL.search(text)

    response = client.post(
        reverse("account_signup"),
        {
            "email": "bep.jansen@example.org",
            "password1": "bep.jansen@example",
            "password2": "bep.jansen@example",
        },
    )
    assert "Je wachtwoord lijkt te veel op je e-mailadres." in _main_text(response)


@pytest.mark.django_db
def test_signup_password_help_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = _main_text(client.get(reverse("account_signup")))

    assert "Your password must contain at least 8 characters." in text
    assert "Create account" in text
