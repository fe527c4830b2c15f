"""Factories for facilities and bookings (factory_boy)."""

from datetime import time, timedelta

import factory

from accommodaties.models import Accommodatie, Openingstijd, Reservering

ELKE_DAG_8_TOT_22 = [(dag, time(8), time(22)) for dag in range(7)]


class AccommodatieFactory(factory.django.DjangoModelFactory):
    """A facility. ``openingstijden=[(weekdag, van, tot), ...]`` (default: every day 08:00 to
    22:00; ``[]`` for none) and ``beheerders=[user, ...]``."""

    class Meta:
        model = Accommodatie
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    naam = "Buurtzaal De Linde"
    slug = factory.Sequence(lambda n: f"zaal-{n}")
    capaciteit = 20
    min_duur_minuten = 30
    max_duur_minuten = 240
    buffer_minuten = 15
    vooruit_dagen = 90
    annuleren_uren_vooraf = 24
    goedkeuring_nodig = True

    @factory.post_generation
    def openingstijden(self, create, extracted, **kwargs):
        if not create:
            return
        tijden = ELKE_DAG_8_TOT_22 if extracted is None else extracted
        Openingstijd.objects.bulk_create(
            Openingstijd(accommodatie=self, weekdag=dag, van=van, tot=tot)
            for dag, van, tot in tijden
        )

    @factory.post_generation
    def beheerders(self, create, extracted, **kwargs):
        if create and extracted:
            self.beheerders.add(*extracted)


class ReserveringFactory(factory.django.DjangoModelFactory):
    """A confirmed booking inserted directly (no rules checked): for setting up a state."""

    class Meta:
        model = Reservering

    accommodatie = factory.SubFactory(AccommodatieFactory)
    geboekt_door = factory.SubFactory("bewoners.tests.factories.UserFactory")
    doel = "Koffieochtend"
    aantal_personen = 5
    einde = factory.LazyAttribute(lambda o: o.begin + timedelta(hours=1))
    bezet_tot = factory.LazyAttribute(lambda o: o.einde + o.accommodatie.buffer)
    status = Reservering.Status.BEVESTIGD
