"""Content-Security-Policy and the security headers, and templates that keep to them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("*/templates"),
]
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+=\"", re.I)
COMMENTS = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.S)


@pytest.mark.django_db
def test_csp_forbids_inline_scripts(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if "/email/" in str(path):
                continue  # e-mails are not served under the site's CSP
            text = COMMENTS.sub("", path.read_text())
            for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
                for match in pattern.finditer(text):
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}")
    assert not offenders, "\n".join(offenders)
