"""Factories for help requests, offers and matches (factory_boy, kept simple).

Categories exist through the data migration; the default is "vervoer". ``Hulpvraag.save()``
derives ``dagdelen`` from the when-fields, so the factories never set it.
"""

from datetime import time, timedelta

import factory
from django.utils import timezone

from bewoners.availability import ALL
from bewoners.models import Categorie
from bewoners.tests.factories import UserFactory
from hulpvragen.models import Aanbod, Hulpvraag, Match, Wanneer
from hulpvragen.zoekindex import rebuild_for_aanbod


def vervoer():
    return Categorie.objects.get(slug="vervoer")


class HulpvraagFactory(factory.django.DjangoModelFactory):
    """An open one-off request, three days from now, 10:00-12:00, category vervoer."""

    class Meta:
        model = Hulpvraag

    aanvrager = factory.SubFactory(UserFactory)
    categorie = factory.LazyFunction(vervoer)
    titel = factory.Sequence(lambda n: f"Naar het ziekenhuis {n}")
    beschrijving = "Ik zoek iemand die mij met de auto kan brengen."
    buurt = factory.LazyAttribute(lambda o: getattr(o.aanvrager.profiel, "buurt", None))
    wanneer = Wanneer.DATUM
    datum = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))
    tijd_van = time(10, 0)
    tijd_tot = time(12, 0)

    class Params:
        flexibel = factory.Trait(
            wanneer=Wanneer.FLEXIBEL,
            datum=None,
            tijd_van=None,
            tijd_tot=None,
            uiterlijk=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14)),
        )
        wekelijks = factory.Trait(wanneer=Wanneer.WEKELIJKS, datum=None, weekdag=2)
        gematcht = factory.Trait(status=Hulpvraag.Status.GEMATCHT)
        afgerond = factory.Trait(status=Hulpvraag.Status.AFGEROND)
        ingetrokken = factory.Trait(status=Hulpvraag.Status.INGETROKKEN)


class AanbodFactory(factory.django.DjangoModelFactory):
    """An active offer for vervoer, available every part of the week, in the helper's buurt."""

    class Meta:
        model = Aanbod
        skip_postgeneration_save = True

    helper = factory.SubFactory(UserFactory)
    titel = factory.Sequence(lambda n: f"Ik rijd je graag {n}")
    beschrijving = "Ik heb een auto en tijd."
    beschikbaarheid = ALL
    buurt = factory.LazyAttribute(lambda o: getattr(o.helper.profiel, "buurt", None))
    actief = True

    @factory.post_generation
    def categorieen(self, create, extracted, **kwargs):
        if create:
            self.categorieen.set(extracted if extracted is not None else [vervoer()])

    @factory.post_generation
    def buurten(self, create, extracted, **kwargs):
        if create and extracted:
            self.buurten.set(extracted)

    @factory.post_generation
    def zoekregels(self, create, extracted, **kwargs):
        # Raw ORM skips the services: build the matching search rows as they would.
        if create:
            rebuild_for_aanbod(self)

    class Params:
        gepauzeerd = factory.Trait(actief=False, gepauzeerd_op=factory.LazyFunction(timezone.now))


class MatchFactory(factory.django.DjangoModelFactory):
    """A proposal waiting for the helper's answer."""

    class Meta:
        model = Match

    hulpvraag = factory.SubFactory(HulpvraagFactory)
    helper = factory.SubFactory(UserFactory)
    aanbod = None
    status = Match.Status.VOORGESTELD
    score = 5.0
    uitleg = factory.LazyFunction(lambda: ["zelfde buurt", "Vervoer"])
    verloopt_op = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))

    class Params:
        geaccepteerd = factory.Trait(
            status=Match.Status.GEACCEPTEERD,
            geaccepteerd_op=factory.LazyFunction(timezone.now),
        )
        afgerond = factory.Trait(
            status=Match.Status.AFGEROND,
            geaccepteerd_op=factory.LazyFunction(timezone.now),
            afgerond_op=factory.LazyFunction(timezone.now),
        )
