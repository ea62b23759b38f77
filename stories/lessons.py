"""Lessons per tag: the numbered lessons of one tag's stories, gathered where a decision is made.

`/stories/tag/<slug>/lessons/` lists them as a page, `…/lessons/checklist/` as a one-page
checklist to print ("Before you start on invoices: 7 lessons"), and a personal Atom feed
(stories/feeds.py) as feed items. The stories most marked "I learned from this" come first;
each lesson keeps its number in its story ("Lesson 2") and links to it.

Nothing here is cached: the marks change all day and the page is three queries whatever the
number of stories (the stories with their counts, their lessons, the tag's name).
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from .models import StoryLesson, StoryPage

# Enough for any tag in practice; a tag with more stories shows its most useful ones.
MAX_STORIES = 50
# A checklist that fits on one A4 page at a readable size.
CHECKLIST_LENGTH = 12


@dataclass
class Lesson:
    text: str
    number: int  # its number in its story: "Lesson 2"
    story: StoryPage


def tag_stories(stories, slug, limit=MAX_STORIES):
    """The stories of `stories` (already limited to what the reader may open) tagged `slug`,
    most "I learned from this" first, with their lessons: two queries."""
    return list(
        stories.tagged(slug)
        .annotate(learned_total=Count("learned_marks", distinct=True))
        .prefetch_related(Prefetch("lessons", queryset=StoryLesson.objects.order_by("sort_order")))
        .order_by("-learned_total", "-first_published_at", "-pk")[:limit]
    )


def lessons_of(stories):
    """The lessons of `stories` in the stories' order, each numbered within its story."""
    return [
        Lesson(text=lesson.text, number=number, story=story)
        for story in stories
        for number, lesson in enumerate(story.lessons.all(), start=1)
    ]


def visible_tag_stories(request, slug):
    return tag_stories(StoryPage.objects.visible_to(request), slug)
