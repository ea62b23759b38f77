"""What the API shows of each page type, snippet and tag: an allow-list, kept here in one place.

The models carry no `api_fields` of their own: what a reader may see through the API is a
privacy decision (a story's author is only its byline; an anonymous story's team only as
`stories.small_groups` allows; a pack's facilitator notes never), and it reads best next to the
code that enforces it. A field not listed here is not in the API, not filterable and not
orderable.

Names matter: Wagtail's API lets a client filter and order by any listed name that is also a
database column (`?team=3`). So the team a story shows is `shown_team`, not `team`: filtering
anonymous stories by their real team is exactly what the small-group rule forbids.
"""

from django.utils import timezone
from rest_framework import serializers
from wagtail.api import APIField

from stories.publication import publication_date


class Computed(serializers.Field):
    """A read-only value computed from the whole object by `compute(obj)`."""

    def __init__(self, compute, **kwargs):
        self.compute = compute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return self.compute(instance)


def iso(value):
    return value.isoformat() if value is not None else None


def published_on(page):
    """The day a page was first published (site time zone). Never a clock time: the time an
    anonymous story went live could point at who approved or wrote it."""
    return iso(publication_date(page.first_published_at))


def shown_team_name(story):
    team = story.shown_team
    return team.name if team else None


def tag_names(obj):
    return [item.tag.name for item in obj.tagged_items.all()]


def story_actions(story):
    return [
        {
            "description": action.description,
            "owner": action.owner_label,
            "due_date": iso(action.due_date),
            "status": action.status,
        }
        for action in story.actions.all()
    ]


def agenda(pack):
    """The agenda as readers of the pack see it: stories they may not open, and quotes not live
    yet, are left out or anonymous exactly as on the page (`MeetingPackPage.agenda_items`)."""
    items = []
    for child in pack.agenda_items:
        value = child.value
        story = getattr(value, "live_story", None)
        items.append(
            {
                "type": child.block_type,
                "heading": str(value.heading),
                "minutes": value.minutes,
                "starts_at": timezone.localtime(value.starts_at).strftime("%H:%M"),
                "lines": [str(line) for line in value.text_lines() if line],
                "story": story.pk if story is not None else None,
            }
        )
    return items


def campaign_events(campaign):
    return [
        {
            "title": event.title,
            "starts_at": iso(timezone.localtime(event.starts_at)),
            "ends_at": iso(timezone.localtime(event.ends_at)) if event.ends_at else None,
            "place": event.place,
            "link": event.link,
            "description": event.description,
        }
        for event in campaign.events.all()
    ]


# Every page: `published_on` replaces Wagtail's `first_published_at` (an exact time).
PAGE_META_FIELDS = [APIField("published_on", serializer=Computed(published_on))]

STORY_FIELDS = [
    APIField("summary"),
    APIField("byline"),
    APIField("happened_on"),
    APIField("shown_team", serializer=Computed(shown_team_name)),
    APIField("series", serializer=Computed(lambda s: s.series.name if s.series_id else None)),
    APIField("tags", serializer=Computed(tag_names)),
    APIField("part"),
    APIField("size"),
    APIField("what_happened"),
    APIField("who_was_affected"),
    APIField("own_it"),
    APIField("make_it_right"),
    APIField("learn_and_prevent"),
    APIField("lessons", serializer=Computed(lambda s: [x.text for x in s.lessons.all()])),
    APIField("actions", serializer=Computed(story_actions)),
    APIField("questions", serializer=Computed(lambda s: [x.text for x in s.questions.all()])),
    APIField("good_for_meetings"),
]

PACK_FIELDS = [
    APIField("team", serializer=Computed(lambda pack: pack.team.name)),
    APIField("meeting_date"),
    APIField("start_time"),
    APIField("target_minutes"),
    APIField("topics", serializer=Computed(tag_names)),
    # Detail only (see `PagesEndpoint.detail_only_fields`): reading an agenda costs queries.
    APIField("agenda", serializer=Computed(agenda)),
]

CAMPAIGN_FIELDS = [
    APIField("start_date"),
    APIField("end_date"),
    APIField("introduction"),
    APIField("goal_stories"),
    APIField("goal_label"),
    APIField("events", serializer=Computed(campaign_events)),
]

INDEX_FIELDS = [APIField("intro")]

QUOTE_FIELDS = [
    APIField("text"),
    APIField("author"),
    APIField("source"),
    APIField("why_it_matters"),
    APIField("week"),
    APIField("tags", serializer=Computed(tag_names)),
]

TAG_FIELDS = [APIField("name"), APIField("slug")]
