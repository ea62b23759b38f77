"""Factories for meeting packs: shared by tests, `load_demo` and the PDF benchmark.

pack = MeetingPackPageFactory(
    parent=index,
    team=team,
    agenda=[quote_item(quote), story_item(story, minutes=20), open_round_item()],
)
"""

import datetime
import uuid

import factory
import wagtail_factories
from django.utils import timezone

from stories.factories import TeamFactory

from . import blocks
from .models import MeetingPackPage, MeetingPacksIndexPage


def _item(block_type, **value):
    """One agenda item in StreamField's stored form (what the database holds)."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def quote_item(quote, minutes=2):
    return _item("opening_quote", quote=quote.pk if quote else None, minutes=minutes)


def story_item(story, minutes=15, questions=()):
    return _item("story", story=story.pk, minutes=minutes, questions=list(questions))


def drill_item(story, situation=None, question=None, minutes=15):
    """A practice drill; the situation defaults to the one proposed from the story."""
    from .drills import propose_situation

    return _item(
        "drill",
        story=story.pk,
        situation=propose_situation(story) if situation is None else situation,
        question=str(question or blocks.DEFAULT_DRILL_QUESTION),
        minutes=minutes,
    )


def open_round_item(minutes=10, prompt=blocks.DEFAULT_OPEN_ROUND_PROMPT):
    return _item("open_round", prompt=prompt, minutes=minutes)


def plan_exercise_item(minutes=15):
    return _item(
        "plan_exercise",
        own_it_prompt=blocks.DEFAULT_OWN_IT_PROMPT,
        make_it_right_prompt=blocks.DEFAULT_MAKE_IT_RIGHT_PROMPT,
        prevent_prompt=blocks.DEFAULT_PREVENT_PROMPT,
        minutes=minutes,
    )


def celebration_item(minutes=5, title=blocks.DEFAULT_CELEBRATION_TITLE):
    return _item("celebration", title=title, text=blocks.DEFAULT_CELEBRATION_TEXT, minutes=minutes)


def follow_up_item(minutes=5, text=blocks.DEFAULT_FOLLOW_UP_TEXT):
    return _item("follow_up", text=text, minutes=minutes)


def free_item(title, text="", minutes=5):
    return _item("free_item", title=title, text=text, minutes=minutes)


class MeetingPacksIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPacksIndexPage

    title = "Meeting packs"
    slug = "meeting-packs"
    intro = "Staff-meeting agendas about owning, fixing and learning from mistakes."


class MeetingPackPageFactory(wagtail_factories.PageFactory):
    """A published pack. `agenda` is a list of the `*_item()` dicts above."""

    class Meta:
        model = MeetingPackPage

    title = factory.Sequence(lambda n: f"Staff meeting {n}")
    team = factory.SubFactory(TeamFactory)
    meeting_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = datetime.time(9, 0)
    target_minutes = 30
    agenda = factory.LazyFunction(lambda: [open_round_item(), celebration_item()])
