"""The admin in Dutch where Django and allauth leave English (wijk.lib.admin_nl): permission
names, allauth's sessions and second steps, and fields without a Dutch name of their own."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation

from initiatieven import services as initiatieven_services
from initiatieven.tests.factories import InitiatiefFactory
from wijk.lib.admin_nl import rechtnaam

pytestmark = pytest.mark.django_db

# Visible English from Django's and allauth's admin texts (whole words).
ENGELS = re.compile(
    r">[^<]*\b(Can (add|change|delete|view)|User sessions?|user sessions?|Created at|"
    r"Last (used|seen) at|User agent|Authenticators?\b(?!-)|User\b)[^<]*<"
)


def _english(html: str) -> list[str]:
    return [m.group(0) for m in ENGELS.finditer(html)]


def test_standard_permissions_in_the_language_of_the_page():
    recht = Permission.objects.get(codename="add_buurt")
    with translation.override("nl"):
        assert rechtnaam(recht) == "Bewoners | buurt | Kan buurt toevoegen"
    with translation.override("en"):
        assert rechtnaam(recht).startswith("Residents | neighbourhood | ")
    assert recht.name == "Can add buurt"  # the stored name stays Django's


def test_a_permission_of_our_own_keeps_its_name():
    recht = Permission.objects.filter(content_type__app_label="bewoners").exclude(
        codename__regex=r"^(add|change|delete|view)_"
    ).first() or Permission.objects.create(
        codename="iets_bijzonders",
        name="Mag iets bijzonders",
        content_type=Permission.objects.get(codename="add_buurt").content_type,
    )
    assert rechtnaam(recht).endswith(f"| {recht.name}")


def test_group_and_user_forms_show_the_permissions_in_dutch(admin_client, bewoner):
    groep = Group.objects.create(name="testgroep")
    for url in (
        reverse("admin:auth_group_change", args=[groep.pk]),
        reverse("admin:auth_group_add"),
        reverse("admin:bewoners_user_change", args=[bewoner.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert "Kan buurt toevoegen" in html, url
        assert "Can add" not in html and "Can change" not in html, url


def test_sessions_and_second_steps_in_dutch_and_not_typed_in(admin_client, beheerder):
    sessie = UserSession.objects.create(
        user=beheerder, ip="127.0.0.1", session_key="x" * 40, user_agent="Firefox"
    )
    stap = Authenticator.objects.filter(user=beheerder).first()
    pages = {
        reverse("admin:index"): ["Inlogsessies", "Tweede inlogstap", "Tweede inlogstappen"],
        reverse("admin:usersessions_usersession_changelist"): ["Begonnen op", "Browser"],
        reverse("admin:usersessions_usersession_change", args=[sessie.pk]): ["IP-adres"],
        reverse("admin:mfa_authenticator_changelist"): ["Ingesteld op", "Laatst gebruikt op"],
        reverse("admin:mfa_authenticator_change", args=[stap.pk]): ["Soort", "Authenticator-app"],
    }
    for url, dutch in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for text in dutch:
            assert text in html, f"{url}: {text}"
        assert _english(html) == [], url
    # Made by logging in and by setting up the second step: looked at, never typed in.
    assert admin_client.get(reverse("admin:usersessions_usersession_add")).status_code == 403
    assert admin_client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_sign_ups_name_the_resident_in_dutch(admin_client, bewoner):
    begin = timezone.now().replace(microsecond=0) + timedelta(days=1)
    activiteit = initiatieven_services.activiteit_create(
        initiatief=InitiatiefFactory(organisatoren=[bewoner]),
        door=bewoner,
        titel="Wandelen",
        begin=begin,
        einde=begin + timedelta(hours=1),
    )
    bijeenkomst = activiteit.bijeenkomsten.get()
    initiatieven_services.aanmelding_create(bijeenkomst=bijeenkomst, user=bewoner)
    aanmelding = bijeenkomst.aanmeldingen.get()
    for url in (
        reverse("admin:initiatieven_aanmelding_changelist"),
        reverse("admin:initiatieven_aanmelding_change", args=[aanmelding.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert "Bewoner" in html, url
        assert _english(html) == [], url


def test_members_of_an_initiative_are_residents_in_the_form(admin_client):
    html = admin_client.get(reverse("admin:initiatieven_initiatief_add")).content.decode()
    assert "Bewoner" in html
    assert _english(html) == []


def test_the_admin_home_and_the_new_user_form_have_no_english(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for english in ("Model name", "Add link", "Change or view list link"):
        assert english not in html
    assert "Lijst bekijken of wijzigen" in html
    assert ">MFA<" not in html and "Gebruikerssessies" not in html
    html = admin_client.get(reverse("admin:bewoners_user_add")).content.decode()
    assert "After you" not in html
    assert "Als de gebruiker er is, kun je meer gegevens invullen." in html


def test_the_e_mail_action_in_plain_dutch(admin_client):
    html = admin_client.get(reverse("admin:account_emailaddress_changelist")).content.decode()
    assert "Gekozen e-mailadressen bevestigen" in html
    assert "addressen" not in html
