"""No template reads another person's contact, home or private data directly.

Those fields are shown only through ``{% persoonsgegeven persoon "veld" %}`` (bewoners'
``privacy`` tag library), which asks the one rule in ``bewoners.permissions``. This test reads
every template of the project and fails on a direct read, so a new page cannot forget the rule.
A person's own data (``user.email``, ``request.user``) and form fields (``form.adres``) are fine.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# profiel.adres, bewoner.profiel.telefoon, partij.profiel.wat_heb_je_nodig, ...
PROFIEL_VELD = re.compile(r"\bprofiel\.(adres|telefoon|postcode|woonplaats|wat_heb_je_nodig)\b")
# bewoner.email, match.helper.email, lid.user.email, subject.email ... but not user.email
# (the person's own address) or form/field names.
EMAIL = re.compile(
    r"\b(?!user\.email\b|request\.user\.email\b)"
    r"(?:[a-z_]+\.)*(bewoner|persoon|helper|aanvrager|subject|lid|partij|beheerder|organisator|"
    r"kandidaat|deelnemer|ba)\.(?:user\.|persoon\.)?email\b"
)
TAG = re.compile(r"{{.*?}}|{%.*?%}", re.S)


def _templates():
    for path in ROOT.rglob("*.html"):
        if ".venv" in path.parts or "staticfiles" in path.parts or "node_modules" in path.parts:
            continue
        yield path


def test_templates_read_personal_fields_only_through_the_rule(telling):
    gevonden = []
    aantal = 0
    for path in _templates():
        aantal += 1
        tekst = path.read_text(encoding="utf-8")
        for match in TAG.finditer(tekst):
            code = match.group(0)
            if "persoonsgegeven" in code:
                continue
            if PROFIEL_VELD.search(code) or EMAIL.search(code):
                regel = tekst.count("\n", 0, match.start()) + 1
                gevonden.append(f"{path.relative_to(ROOT)}:{regel}: {code.strip()[:100]}")
    telling(f"templates checked for direct reads of personal fields: {aantal}")
    assert aantal > 50
    assert not gevonden, "use {% persoonsgegeven persoon 'veld' as x %}:\n" + "\n".join(gevonden)


def test_the_check_finds_a_direct_read():
    """The guard itself: it must see the reads it is meant to forbid."""
    for code in (
        "{{ bewoner.profiel.telefoon }}",
        "{% if partij.profiel.adres %}",
        "{{ match.helper.email }}",
        "{{ lid.user.email }}",
        "{{ subject.profiel.wat_heb_je_nodig|linebreaks }}",
    ):
        assert PROFIEL_VELD.search(code) or EMAIL.search(code), code
    for code in ("{{ user.email }}", "{{ form.adres }}", "{{ accommodatie.adres }}"):
        assert not (PROFIEL_VELD.search(code) or EMAIL.search(code)), code
