"""Factories for initiatives and activities (factory_boy)."""

import factory

from initiatieven.models import Initiatief, Lidmaatschap, Thema


class InitiatiefFactory(factory.django.DjangoModelFactory):
    """An initiative. ``organisatoren=[user, ...]`` (each also a member) and ``leden=[...]``."""

    class Meta:
        model = Initiatief
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Wandelgroep {n}")
    slug = factory.Sequence(lambda n: f"wandelgroep-{n}")
    beschrijving = "Elke week samen een rondje door de wijk, op je eigen tempo."
    thema = Thema.BEWEGEN

    @factory.post_generation
    def organisatoren(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisatoren.add(*extracted)
            for user in extracted:
                Lidmaatschap.objects.get_or_create(
                    initiatief=self, user=user, defaults={"status": Lidmaatschap.Status.LID}
                )

    @factory.post_generation
    def leden(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                Lidmaatschap.objects.get_or_create(
                    initiatief=self, user=user, defaults={"status": Lidmaatschap.Status.LID}
                )
