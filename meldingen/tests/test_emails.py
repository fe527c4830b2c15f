import pytest
from django.core import mail

from cooperaties.huidige import huidige
from cooperaties.selectors import vergeet_hosts
from meldingen import emails, services
from meldingen.tests.factories import MeldingFactory


def _all_text(message) -> str:
    html = "".join(content for content, _mimetype in message.alternatives)
    return "\n".join([message.subject, message.body, html])


def _html(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


@pytest.fixture(autouse=True)
def _site(settings, db):
    """The e-mails carry the name and the address of the coöperatie they come from."""
    settings.SITE_URL = "https://wijk.example.org"
    cooperatie = huidige()
    cooperatie.naam = "Wijkcoöperatie Oud-Zuid"
    cooperatie.save()
    vergeet_hosts()


@pytest.mark.parametrize("soort", ["welkom", "buurtassistent_bericht", "test_soort"])
def test_email_never_contains_the_tekst(
    bewoner, soort, prive_tekst, tijdelijke_soort, django_capture_on_commit_callbacks
):
    if soort == "test_soort":
        tijdelijke_soort("test_soort")

    with django_capture_on_commit_callbacks(execute=True):
        services.melding_send(bewoner, soort, titel="Er is nieuws", tekst=prive_tekst, url="/x/")

    [message] = mail.outbox
    assert "Er is nieuws" in _all_text(message)
    for part in (message.subject, message.body, _html(message)):
        assert prive_tekst not in part
        assert "longarts" not in part


def test_welkom_email_has_its_own_subject_link_name_and_preferences(bewoner):
    melding = MeldingFactory(ontvanger=bewoner, soort="welkom", titel="Welkom!", url="/profiel/")

    emails.send_melding(melding)

    [message] = mail.outbox
    assert message.subject == "Welkom bij Wijkcoöperatie Oud-Zuid!"
    assert message.to == ["bep@example.org"]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    for part in (message.body, _html(message)):
        assert "Hallo Bep," in part
        assert "https://wijk.example.org/profiel/" in part
        assert "Wijkcoöperatie Oud-Zuid" in part
        assert "https://wijk.example.org/meldingen/voorkeuren/" in part


def test_buurtassistent_email_names_the_titel_in_the_subject(bewoner):
    melding = MeldingFactory(
        ontvanger=bewoner, soort="buurtassistent_bericht", titel="Even bellen?"
    )

    emails.send_melding(melding)

    [message] = mail.outbox
    assert message.subject == "Bericht van je buurtassistent: Even bellen?"
    # No url on the melding: the e-mail links to the inbox.
    assert "https://wijk.example.org/meldingen/" in message.body


def test_kind_without_templates_uses_the_default(bewoner, tijdelijke_soort):
    tijdelijke_soort("zonder_sjabloon")
    melding = MeldingFactory(ontvanger=bewoner, soort="zonder_sjabloon", titel="Iets nieuws")

    emails.send_melding(melding)

    [message] = mail.outbox
    assert message.subject == "Iets nieuws"
    assert "Er is iets nieuws voor je bij Wijkcoöperatie Oud-Zuid" in message.body


def test_titel_is_escaped_in_html_but_plain_in_text(bewoner):
    melding = MeldingFactory(ontvanger=bewoner, titel="Jan & Piet <zeggen> hoi")

    emails.send_melding(melding)

    [message] = mail.outbox
    assert "Jan & Piet <zeggen> hoi" in message.body
    assert "Jan &amp; Piet &lt;zeggen&gt; hoi" in _html(message)


def test_link_to_another_site_is_replaced_by_the_inbox(bewoner):
    # notify() refuses such urls; this guards against meldingen stored some other way.
    melding = MeldingFactory(ontvanger=bewoner, url="https://kwaad.example.com/")

    assert emails.melding_link(melding) == "https://wijk.example.org/meldingen/"


def test_digest_lists_every_titel_and_no_tekst(bewoner, prive_tekst):
    meldingen = [
        MeldingFactory(ontvanger=bewoner, titel=f"Nieuws {i}", tekst=prive_tekst, url=f"/n/{i}/")
        for i in range(3)
    ]

    emails.send_digest(bewoner, meldingen)

    [message] = mail.outbox
    assert message.subject == "3 nieuwe meldingen van Wijkcoöperatie Oud-Zuid"
    for i in range(3):
        assert f"Nieuws {i}" in message.body
        assert f"https://wijk.example.org/n/{i}/" in _html(message)
    for part in (message.subject, message.body, _html(message)):
        assert prive_tekst not in part
