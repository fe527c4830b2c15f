import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from bewoners.tests.factories import UserFactory
from meldingen import services
from meldingen.models import Instellingen, Kanaal, Melding, Voorkeur
from meldingen.tests.factories import MeldingFactory


def _mail_taken(callbacks) -> list:
    """The callbacks after the commit that queue an e-mail (not the one that forgets the
    header's count, bewoners.per_persoon)."""
    return [c for c in callbacks if "per_persoon" not in getattr(c, "__module__", "")]


def test_email_preference_stores_melding_and_sends_mail(
    bewoner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding = services.melding_send(
            bewoner, "welkom", titel="Welkom in Oud-Zuid!", url="/profiel/"
        )

    assert len(_mail_taken(callbacks)) == 1
    assert melding.in_inbox and melding.email_gewenst
    melding.refresh_from_db()
    assert melding.email_verzonden_op is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bep@example.org"]


def test_in_app_preference_stores_melding_without_mail(bewoner, django_capture_on_commit_callbacks):
    services.voorkeur_set(bewoner, "welkom", Kanaal.IN_APP)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding = services.melding_send(bewoner, "welkom", titel="Welkom!")

    assert not _mail_taken(callbacks)
    assert Melding.objects.for_user(bewoner).get() == melding
    assert melding.email_gewenst is False
    assert mail.outbox == []


def test_uit_preference_stores_nothing(bewoner, django_capture_on_commit_callbacks):
    services.voorkeur_set(bewoner, "welkom", Kanaal.UIT)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.melding_send(bewoner, "welkom", titel="Welkom!") is None

    assert not Melding.objects.exists()
    assert mail.outbox == []


def test_default_channel_comes_from_the_registered_kind(bewoner, tijdelijke_soort):
    tijdelijke_soort("stil", standaard=Kanaal.IN_APP)

    melding = services.melding_send(bewoner, "stil", titel="Iets kleins")

    assert melding is not None and melding.email_gewenst is False


def test_preference_of_one_person_does_not_affect_another(bewoner, helper):
    services.voorkeur_set(helper, "welkom", Kanaal.UIT)

    assert services.melding_send(bewoner, "welkom", titel="Welkom!") is not None
    assert services.melding_send(helper, "welkom", titel="Welkom!") is None


def test_unknown_kind_raises(bewoner):
    with pytest.raises(LookupError):
        services.melding_send(bewoner, "bestaat_niet", titel="Hallo")
    with pytest.raises(LookupError):
        services.melding_send_many([bewoner], "bestaat_niet", titel="Hallo")
    with pytest.raises(LookupError):
        services.voorkeur_set(bewoner, "bestaat_niet", Kanaal.UIT)
    assert not Melding.objects.exists()


def test_url_must_be_a_path_on_this_site(bewoner):
    for url in ["https://example.com/", "//example.com/", "javascript:alert(1)"]:
        with pytest.raises(ValueError):
            services.melding_send(bewoner, "welkom", titel="Hallo", url=url)
    assert not Melding.objects.exists()


def test_titel_is_required_and_shortened_when_too_long(bewoner):
    with pytest.raises(ValidationError):
        services.melding_send(bewoner, "welkom", titel="")

    melding = services.melding_send(bewoner, "welkom", titel="x" * 500)
    assert len(melding.titel) == 200


@pytest.mark.parametrize(
    "user_kwargs",
    [{"is_active": False}, {"email": None}],
    ids=["inactive", "no-email"],
)
def test_no_email_for_inactive_user_or_user_without_address(
    db, user_kwargs, django_capture_on_commit_callbacks
):
    user = UserFactory(**user_kwargs)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding = services.melding_send(user, "welkom", titel="Welkom!")

    assert melding.in_inbox
    assert melding.email_gewenst is False
    assert not _mail_taken(callbacks)
    assert mail.outbox == []


def test_digest_user_gets_no_immediate_mail(bewoner, django_capture_on_commit_callbacks):
    services.samenvatting_set(bewoner, aan=True)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding = services.melding_send(bewoner, "welkom", titel="Welkom!")

    assert not _mail_taken(callbacks)
    assert mail.outbox == []
    assert melding.email_gewenst is True
    assert melding.email_verzonden_op is None


def test_notify_many_respects_each_persons_choices(
    bewoner, helper, outsider, django_capture_on_commit_callbacks, django_assert_num_queries
):
    services.voorkeur_set(helper, "buurtassistent_bericht", Kanaal.UIT)
    services.samenvatting_set(outsider, aan=True)

    # Preferences, digest settings, one bulk insert: no query per person.
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_num_queries(3),
    ):
        meldingen = services.melding_send_many(
            [bewoner, helper, outsider, bewoner], "buurtassistent_bericht", titel="Buurtfeest"
        )

    assert sorted(m.ontvanger_id for m in meldingen) == sorted([bewoner.pk, outsider.pk])
    assert all(m.pk for m in meldingen)
    assert len(_mail_taken(callbacks)) == 1  # only bewoner: outsider gets the digest
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["bep@example.org"]]


def test_notify_many_with_nobody(db):
    assert services.melding_send_many([], "welkom", titel="Niemand") == []


def test_mark_all_read_only_touches_own_unread(bewoner, outsider):
    MeldingFactory.create_batch(3, ontvanger=bewoner)
    MeldingFactory(ontvanger=bewoner, gelezen=True)
    ander = MeldingFactory(ontvanger=outsider)

    assert services.meldingen_mark_read(bewoner) == 3

    assert not Melding.objects.for_user(bewoner).unread().exists()
    ander.refresh_from_db()
    assert ander.gelezen_op is None


def test_set_preference_updates_and_checks_channel(bewoner):
    services.voorkeur_set(bewoner, "welkom", Kanaal.UIT)
    services.voorkeur_set(bewoner, "welkom", Kanaal.IN_APP)

    assert Voorkeur.objects.get(user=bewoner, soort="welkom").kanaal == Kanaal.IN_APP
    with pytest.raises(ValueError):
        services.voorkeur_set(bewoner, "welkom", "sms")


def test_set_digest_creates_then_updates(bewoner):
    services.samenvatting_set(bewoner, aan=True)
    services.samenvatting_set(bewoner, aan=False)

    assert Instellingen.objects.get(user=bewoner).dagelijkse_samenvatting is False


@pytest.mark.parametrize("soort", ["buurtassistent_bericht", "hulp_voorstel"])
def test_email_subject_and_text_are_not_html_escaped(
    bewoner, soort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_send(bewoner, soort, titel='Bep\'s fiets & "mand" <klaar>')

    [message] = mail.outbox
    assert 'Bep\'s fiets & "mand" <klaar>' in message.subject
    assert 'Bep\'s fiets & "mand" <klaar>' in message.body
    assert "&#x27;" not in message.subject + message.body
    html = message.alternatives[0][0]
    assert "Bep&#x27;s fiets &amp; &quot;mand&quot; &lt;klaar&gt;" in html
