import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from bewoners.models import Buurt, Categorie, Profiel, User
from bewoners.roles import vergeet_rollen

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # base32; tests compute codes from it with allauth's helper


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")
    postcodes = ""


class CategorieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Categorie
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")


class ProfielFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profiel
        django_get_or_create = ("user",)

    user = factory.SubFactory("bewoners.tests.factories.UserFactory", profiel=None)
    toestemming_op = factory.LazyFunction(timezone.now)
    onboarding_voltooid_op = factory.LazyFunction(timezone.now)
    wat_wil_je = "Mensen in de buurt leren kennen."
    wat_kun_je = "Fietsen repareren."
    wat_heb_je_te_bieden = "Een uurtje per week."

    class Params:
        zonder_toestemming = factory.Trait(toestemming_op=None)
        nieuw = factory.Trait(
            onboarding_voltooid_op=None,
            toestemming_op=None,
            wat_wil_je="",
            wat_kun_je="",
            wat_heb_je_te_bieden="",
        )


class UserFactory(factory.django.DjangoModelFactory):
    """A verified resident with a profile. ``rollen=[...]`` adds roles; ``with_mfa`` adds TOTP."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bewoner{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")
    profiel = factory.RelatedFactory(ProfielFactory, factory_related_name="user")

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        """Roles in the current coöperatie (a profile there holds them): the resident role
        for whoever has a profile, and ``rollen=[...]`` (which makes a profile if needed)."""
        if not create:
            return
        names = [str(r) for r in (extracted or [])]
        profiel = Profiel.objects.filter(user=self).first()
        if profiel is None and names:
            profiel = Profiel.objects.create(user=self)
        if profiel is not None:
            profiel.rollen.add(*Group.objects.filter(name__in=["bewoner", *names]))
        vergeet_rollen(self)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and self.email and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def with_mfa(self, create, extracted, **kwargs):
        if create and extracted:
            add_totp(self)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def add_totp(user, secret: str = DEMO_TOTP_SECRET):
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


def totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The current TOTP code for ``secret``, computed as an authenticator app would."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    # Not a code about to run out: on a busy machine the next request may come after the
    # period's end, and the code would be refused (the production setting takes only the
    # current one).
    periode = app_settings.TOTP_PERIOD
    for _ in range(16):  # at most 4 s (and no endless wait when a test stopped the clock)
        if periode - time.time() % periode >= 3:
            break
        time.sleep(0.25)
    counter = int(time.time()) // periode
    return format_hotp_value(hotp_value(secret, counter))
