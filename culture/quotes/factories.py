"""Factories for quotes: shared by tests, `load_demo` and benchmark seeding."""

import factory

from .models import DigestSubscription, Quote


class QuoteFactory(factory.django.DjangoModelFactory):
    """`QuoteFactory(week=date(2026, 3, 2), tags=["learning"])`; any day is moved to its Monday."""

    class Meta:
        model = Quote
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"Quote number {n} about learning from mistakes.")
    author = "Anon Ymous"
    week = None

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()


class DigestSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestSubscription
        django_get_or_create = ("user",)

    subscribed = True
