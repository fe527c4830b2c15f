import factory
from django.utils import timezone

from bewoners.tests.factories import UserFactory
from meldingen.models import Melding


class MeldingFactory(factory.django.DjangoModelFactory):
    """A melding in someone's inbox. Traits: ``gelezen``, ``email_wacht``, ``email_verstuurd``."""

    class Meta:
        model = Melding

    ontvanger = factory.SubFactory(UserFactory)
    soort = "buurtassistent_bericht"
    titel = factory.Sequence(lambda n: f"Melding {n}")
    tekst = "Een korte uitleg."
    url = ""

    class Params:
        gelezen = factory.Trait(gelezen_op=factory.LazyFunction(timezone.now))
        email_wacht = factory.Trait(email_gewenst=True)
        email_verstuurd = factory.Trait(
            email_gewenst=True, email_verzonden_op=factory.LazyFunction(timezone.now)
        )
