"""Profile, onboarding, buurt from postcode and who may see what."""

import pytest
from django.core import mail
from django.urls import reverse

from bewoners.availability import Beschikbaarheid, bit
from bewoners.models import Buurt, Categorie, Profiel
from bewoners.tests.factories import UserFactory
from meldingen.models import Melding


@pytest.mark.django_db
def test_buurt_for_postcode_prefers_longest_prefix():
    algemeen = Buurt.objects.create(naam="Algemeen", slug="algemeen", postcodes="3546")
    precies = Buurt.objects.create(naam="Precies", slug="precies", postcodes="3546AB")
    assert Buurt.objects.for_postcode("3546 ab") == precies
    assert Buurt.objects.for_postcode("3546CD") == algemeen
    assert Buurt.objects.for_postcode("9999ZZ") is None
    assert Buurt.objects.for_postcode("") is None


def test_availability_mask_roundtrip():
    b = Beschikbaarheid.from_slots(["0-0", "5-2"])
    assert b.mask == bit(0, 0) | bit(5, 2)
    assert b.slots() == ["0-0", "5-2"]
    assert b.overlaps(bit(5, 2)) and not b.overlaps(bit(1, 1))
    assert b.describe() == "maandag ochtend; zaterdag avond"


def _profiel_post(**overrides):
    data = {
        "first_name": "Bep",
        "last_name": "Jansen",
        "adres": "Dorpsstraat 1",
        "postcode": "3541 AB",
        "woonplaats": "Wijkdorp",
        "telefoon": "06 12345678",
        "nieuw_in_wijk_sinds": "",
        "wat_wil_je": "Wandelen",
        "kan_categorieen": [],
        "wat_kun_je": "Koken",
        "nodig_categorieen": [],
        "wat_heb_je_nodig": "",
        "wat_heb_je_te_bieden": "Tijd",
        "beschikbaarheid": ["0-0", "2-1"],
        "talen": ["nl", "tr"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_profile_edit_saves_and_derives_buurt(client, bewoner, andere_buurt):
    client.force_login(bewoner)
    vervoer = Categorie.objects.get(slug="vervoer")
    response = client.post(
        reverse("bewoners:profiel_edit"),
        _profiel_post(postcode="3543xy", kan_categorieen=[vervoer.pk], heeft_auto="on"),
    )
    assert response.status_code == 302
    profiel = Profiel.objects.get(user=bewoner)
    assert profiel.postcode == "3543 XY"
    assert profiel.buurt == andere_buurt
    assert list(profiel.kan_categorieen.all()) == [vervoer]
    assert profiel.availability.has(0, 0) and profiel.availability.has(2, 1)
    assert profiel.talen == ["nl", "tr"]
    assert profiel.heeft_auto


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "12345", "Vul een postcode in zoals 3541 AB"),
        ("telefoon", "bel me maar", "Vul een telefoonnummer in met minstens 10 cijfers"),
        ("nieuw_in_wijk_sinds", "2100-01-01", "Deze datum ligt in de toekomst"),
        (
            "nieuw_in_wijk_sinds",
            "2999-01-01",
            "Kies een datum tussen 1 januari 1900 en 31 december 2199.",
        ),
        (
            "nieuw_in_wijk_sinds",
            "0001-01-01",
            "Kies een datum tussen 1 januari 1900 en 31 december 2199.",
        ),
        ("nieuw_in_wijk_sinds", "gisteren", "Voer een geldige datum in"),
        ("first_name", "", "Dit veld is verplicht"),
        ("talen", ["xx"], "Selecteer een geldige keuze"),
        ("beschikbaarheid", ["9-9"], "Selecteer een geldige keuze"),
    ],
)
def test_profile_edit_bad_input_gives_dutch_error_and_saves_nothing(
    client, bewoner, field, value, message
):
    client.force_login(bewoner)
    before = Profiel.objects.filter(pk=bewoner.profiel.pk).values().get()
    response = client.post(reverse("bewoners:profiel_edit"), _profiel_post(**{field: value}))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    assert Profiel.objects.filter(pk=bewoner.profiel.pk).values().get() == before
    bewoner.refresh_from_db()
    assert bewoner.first_name == "Bep"


@pytest.mark.django_db
def test_other_resident_sees_public_profile_but_not_private_fields(client, bewoner, outsider):
    profiel = bewoner.profiel
    profiel.telefoon = "06 11122233"
    profiel.adres = "Geheimstraat 7"
    profiel.wat_heb_je_nodig = "Ik moet na mijn operatie naar de fysiotherapeut."
    profiel.save()

    client.force_login(outsider)
    response = client.get(reverse("bewoners:profiel_detail", args=[bewoner.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bep" in content
    assert profiel.wat_kun_je in content
    for private in ["06 11122233", "Geheimstraat 7", "fysiotherapeut", bewoner.email, "Jansen"]:
        assert private not in content


@pytest.mark.django_db
def test_owner_and_buurtassistent_see_private_fields(client, bewoner, buurtassistent):
    profiel = bewoner.profiel
    profiel.telefoon = "06 11122233"
    profiel.wat_heb_je_nodig = "Hulp na mijn operatie."
    profiel.save()
    for viewer, url in (
        (bewoner, reverse("bewoners:mijn_profiel")),
        (buurtassistent, reverse("bewoners:profiel_detail", args=[bewoner.pk])),
    ):
        client.force_login(viewer)
        content = client.get(url).content.decode()
        assert "06 11122233" in content
        assert "Hulp na mijn operatie." in content


@pytest.mark.django_db
def test_profile_without_consent_is_hidden_from_residents(client, bewoner, outsider):
    bewoner.profiel.withdraw_consent()
    client.force_login(outsider)
    assert client.get(reverse("bewoners:profiel_detail", args=[bewoner.pk])).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(client, bewoner):
    for url in [
        reverse("bewoners:profiel_detail", args=[bewoner.pk]),
        reverse("bewoners:profiel_edit"),
        reverse("bewoners:export"),
        reverse("bewoners:start"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_onboarding_walks_four_steps_and_welcomes(
    client, buurt, django_capture_on_commit_callbacks
):
    user = UserFactory(email="nieuw@example.org", first_name="", profiel__nieuw=True)
    client.force_login(user)
    assert client.get(reverse("bewoners:onboarding"))["Location"] == reverse(
        "bewoners:onboarding_stap", args=[1]
    )

    # Without consent the next steps are closed.
    assert client.get(reverse("bewoners:onboarding_stap", args=[2]))["Location"] == reverse(
        "bewoners:onboarding_stap", args=[1]
    )
    response = client.post(reverse("bewoners:onboarding_stap", args=[1]), {})
    assert "Zonder je toestemming kunnen we je profiel niet bewaren." in response.content.decode()

    client.post(reverse("bewoners:onboarding_stap", args=[1]), {"toestemming": "on"})
    response = client.post(
        reverse("bewoners:onboarding_stap", args=[2]),
        {
            "first_name": "Nina",
            "postcode": "3541 CD",
            "telefoon": "",
            "adres": "",
            "woonplaats": "",
        },
    )
    assert response["Location"] == reverse("bewoners:onboarding_stap", args=[3])
    client.post(
        reverse("bewoners:onboarding_stap", args=[3]),
        {
            "wat_wil_je": "Mensen leren kennen",
            "wat_kun_je": "Taart bakken",
            "wat_heb_je_te_bieden": "Tijd",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bewoners:onboarding_stap", args=[4]),
            {"beschikbaarheid": ["1-0"], "talen": ["nl"]},
        )
    assert response["Location"] == reverse("bewoners:start")

    profiel = Profiel.objects.get(user=user)
    assert profiel.heeft_toestemming
    assert profiel.onboarding_voltooid_op is not None
    assert profiel.buurt == buurt
    assert profiel.is_complete
    assert Melding.objects.filter(ontvanger=user, soort="welkom").count() == 1
    assert any("Welkom" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_consent_can_be_withdrawn_and_given_again(client, bewoner):
    client.force_login(bewoner)
    client.post(reverse("bewoners:consent"), {"actie": "intrekken"})
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.toestemming_op is None
    assert bewoner.profiel.toestemming_ingetrokken_op is not None
    client.post(reverse("bewoners:consent"), {"actie": "geven"})
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.heeft_toestemming


@pytest.mark.django_db
def test_consent_change_requires_post(client, bewoner):
    client.force_login(bewoner)
    assert client.get(reverse("bewoners:consent")).status_code == 405


@pytest.mark.django_db
def test_profile_detail_query_count_does_not_grow_with_categories(
    client, bewoner, django_assert_max_num_queries
):
    client.force_login(bewoner)
    url = reverse("bewoners:profiel_detail", args=[bewoner.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    bewoner.profiel.kan_categorieen.set(Categorie.objects.all())
    bewoner.profiel.nodig_categorieen.set(Categorie.objects.all())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_buurt_can_be_chosen_when_the_postcode_is_not_covered(client, bewoner, andere_buurt):
    client.force_login(bewoner)
    response = client.post(
        reverse("bewoners:profiel_edit"), _profiel_post(postcode="9999 ZZ", buurt=andere_buurt.pk)
    )
    assert response.status_code == 302
    bewoner.profiel.refresh_from_db()
    assert bewoner.profiel.buurt == andere_buurt


@pytest.mark.django_db
def test_inactive_categories_are_not_offered(client, bewoner):
    Categorie.objects.filter(slug="huisdieren").update(actief=False)
    client.force_login(bewoner)
    content = client.get(reverse("bewoners:profiel_edit")).content.decode()
    assert "Vervoer" in content
    assert "Huisdieren" not in content


def test_profile_form_shows_every_field_in_a_section():
    from bewoners.forms import ProfielForm

    in_sections = [name for _title, names in ProfielForm.sections for name in names]
    assert sorted(in_sections) == sorted(ProfielForm.base_fields)
    assert len(in_sections) == len(set(in_sections))


@pytest.mark.django_db
def test_start_page_shows_new_meldingen_of_this_resident_only(client, bewoner, outsider):
    from meldingen.services import melding_send

    melding_send(bewoner, "welkom", titel="Voor Bep")
    melding_send(outsider, "welkom", titel="Voor Olga")
    client.force_login(bewoner)
    content = client.get(reverse("bewoners:start")).content.decode()
    assert "Voor Bep" in content
    assert "Voor Olga" not in content
