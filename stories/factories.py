"""Factories for stories: shared by tests, `load_demo` and benchmark seeding."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import UserFactory

from .models import (
    CorrectiveAction,
    DiscussionQuestion,
    Series,
    StoriesIndexPage,
    StoryAuthorship,
    StoryLesson,
    StoryPage,
    Team,
)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Series {n}")


class StoriesIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoriesIndexPage

    title = "Stories"
    slug = "stories"
    intro = "Mistakes we made, and what we learned."


class StoryPageFactory(wagtail_factories.PageFactory):
    """A published story. Pass `author=` (and `anonymous=True`), `tags=[...]`, `lessons=[...]`.

    `StoryPageFactory(parent=index, author=user, lessons=["Check the list"], tags=["email"])`
    """

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    summary = factory.LazyAttribute(lambda story: f"What we learned from {story.title.lower()}.")
    happened_on = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    what_happened = "<p>We sent the wrong file to a client.</p>"
    who_was_affected = "<p>One client, for a day.</p>"
    own_it = "<p>We told them within the hour.</p>"
    make_it_right = "<p>We sent the right file and a note, and checked the rest.</p>"
    learn_and_prevent = "<p>We added a second check before sending.</p>"
    part = StoryPage.Part.MADE
    size = StoryPage.Size.SMALL
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()

    @factory.post_generation
    def lessons(self, create, extracted, **kwargs):
        for number, text in enumerate(extracted or []):
            StoryLesson.objects.create(page=self, text=text, sort_order=number)

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        for number, action in enumerate(extracted or []):
            CorrectiveAction.objects.create(page=self, sort_order=number, **action)

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        for number, text in enumerate(extracted or []):
            DiscussionQuestion.objects.create(page=self, text=text, sort_order=number)

    @factory.post_generation
    def author(self, create, extracted, **kwargs):
        """`author=user` records who wrote it; `author__anonymous=True` hides them."""
        if create:
            StoryAuthorship.objects.create(
                story=self,
                author=extracted or UserFactory(),
                is_anonymous=kwargs.get("anonymous", False),
            )


def month(year, month_number):
    return datetime.date(year, month_number, 1)
