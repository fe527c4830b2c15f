from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.utils import timezone

from cooperaties.huidige import huidige
from meldingen import emails, services, tasks
from meldingen.models import Instellingen, Melding
from meldingen.tests.factories import MeldingFactory


def test_send_melding_email_twice_sends_one_mail(bewoner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # the queued task does not run
        melding = services.melding_send(bewoner, "welkom", titel="Welkom!")

    assert tasks.send_melding_email(huidige().pk, melding.pk) is True
    assert tasks.send_melding_email(huidige().pk, melding.pk) is False

    assert len(mail.outbox) == 1
    melding.refresh_from_db()
    assert melding.email_verzonden_op is not None


def test_send_melding_email_skips_in_app_and_missing_meldingen(bewoner):
    in_app = MeldingFactory(ontvanger=bewoner, email_gewenst=False)

    assert tasks.send_melding_email(huidige().pk, in_app.pk) is False
    assert tasks.send_melding_email(huidige().pk, 999_999) is False
    assert mail.outbox == []


def test_user_deactivated_before_the_task_runs_gets_no_mail(bewoner):
    melding = MeldingFactory(ontvanger=bewoner, email_wacht=True)
    bewoner.is_active = False
    bewoner.save()

    assert tasks.send_melding_email(huidige().pk, melding.pk) is False
    assert mail.outbox == []


def test_failed_send_releases_the_claim_so_a_retry_can_send(bewoner, monkeypatch):
    melding = MeldingFactory(ontvanger=bewoner, email_wacht=True)

    def broken(_melding):
        raise SMTPException("server weg")

    with monkeypatch.context() as patch:
        patch.setattr(emails, "send_melding", broken)
        with pytest.raises(SMTPException):
            services.melding_email_send(melding.pk)
    melding.refresh_from_db()
    assert melding.email_verzonden_op is None

    assert services.melding_email_send(melding.pk) is True
    assert len(mail.outbox) == 1


@pytest.fixture
def digest_bewoner(bewoner):
    Instellingen.objects.create(user=bewoner, dagelijkse_samenvatting=True)
    return bewoner


def test_digest_sends_one_mail_with_everything_once(
    digest_bewoner, prive_tekst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            services.melding_send(digest_bewoner, "welkom", titel=f"Nieuws {i}", tekst=prive_tekst)
    assert mail.outbox == []

    assert tasks.send_daily_digests(huidige().pk) == 1

    [message] = mail.outbox
    assert message.to == ["bep@example.org"]
    for i in range(3):
        assert f"Nieuws {i}" in message.body
    assert prive_tekst not in message.body
    assert not Melding.objects.email_pending().exists()
    assert Instellingen.objects.get(user=digest_bewoner).laatste_samenvatting_op is not None

    # A second run (beat twice, a retried task) sends nothing again.
    assert tasks.send_daily_digests(huidige().pk) == 0
    assert tasks.send_digest(huidige().pk, digest_bewoner.pk) == 0
    assert len(mail.outbox) == 1


def test_digest_leaves_out_in_app_and_already_sent_meldingen(digest_bewoner):
    MeldingFactory(ontvanger=digest_bewoner, titel="Te sturen", email_wacht=True)
    MeldingFactory(ontvanger=digest_bewoner, titel="Alleen website")
    MeldingFactory(ontvanger=digest_bewoner, titel="Al verstuurd", email_verstuurd=True)

    tasks.send_daily_digests(huidige().pk)

    [message] = mail.outbox
    assert "Te sturen" in message.body
    assert "Alleen website" not in message.body
    assert "Al verstuurd" not in message.body


def test_one_digest_per_person(digest_bewoner, helper):
    Instellingen.objects.create(user=helper, dagelijkse_samenvatting=True)
    MeldingFactory.create_batch(2, ontvanger=digest_bewoner, email_wacht=True)
    MeldingFactory.create_batch(2, ontvanger=helper, email_wacht=True)

    assert tasks.send_daily_digests(huidige().pk) == 2

    assert sorted(m.to[0] for m in mail.outbox) == ["bep@example.org", "henk@example.org"]


def test_late_immediate_mails_go_out_with_the_digest(bewoner, helper):
    """Without the digest, a mail the immediate task never sent goes out the next morning."""
    late = MeldingFactory(ontvanger=bewoner, email_wacht=True)
    Melding.objects.filter(pk=late.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=2))
    MeldingFactory(ontvanger=helper, email_wacht=True)  # just created: its own task will send it

    assert tasks.send_daily_digests(huidige().pk) == 1

    [message] = mail.outbox
    assert message.to == ["bep@example.org"]
