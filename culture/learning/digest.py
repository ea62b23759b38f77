"""This app's sections at the head of the weekly digest (the quotes app's `own_it_digest_leads`
hook): the story of the month, then the week's new stories and lessons from what the reader
follows. Only stories every employee may open, as the rest of the digest; authors only as
their byline ("Anonymous")."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stories import small_groups
from stories.models import StoryPage

from .follows import followed
from .models import StoryOfTheMonth


def _url(digest, story):
    return digest.absolute(story.get_url() or story.url_path)


def story_of_the_month_section(digest):
    """The month's pick, with its questions for a staff meeting; None without a live pick."""
    today = timezone.localtime(digest.now).date()
    pick = StoryOfTheMonth.objects.for_month(today).first()
    if pick is None:
        return None
    story = (
        StoryPage.objects.live()
        .public()
        .filter(pk=pick.story_id)
        .select_related("authorship__author")
        .prefetch_related("questions")
        .first()
    )
    if story is None:
        return None
    context = {"pick": pick, "story": story, "questions": [q.text for q in story.questions.all()]}
    context["url"] = _url(digest, story)
    return {
        "title": _("Story of the month: %(title)s") % {"title": story.title},
        "text": render_to_string("learning/email/story_of_the_month.txt", context).strip(),
        "html": render_to_string("learning/email/story_of_the_month.html", context),
        "url": context["url"],
        "story_ids": (story.pk,),
    }


def followed_section(digest):
    """The week's new stories from the tags and teams the reader follows, with their lessons;
    None when they follow nothing or nothing of it is new. A followed small team finds no
    anonymous story (stories/small_groups.py)."""
    ids = [story.pk for story in digest.stories]
    if not ids:
        return None
    stories = list(
        StoryPage.objects.filter(pk__in=ids)
        .filter(followed(digest.user, small_groups.minimum()))
        .select_related("authorship__author")
        .prefetch_related("lessons")
        .order_by("-first_published_at", "-pk")
    )
    if not stories:
        return None
    items = [
        {
            "story": story,
            "url": _url(digest, story),
            "lessons": [lesson.text for lesson in story.lessons.all()],
        }
        for story in stories
    ]
    context = {"items": items}
    return {
        "title": _("New in what you follow"),
        "text": render_to_string("learning/email/followed.txt", context).strip(),
        "html": render_to_string("learning/email/followed.html", context),
        "url": digest.absolute(reverse("account") + "#follows"),
        "story_ids": tuple(story.pk for story in stories),
    }
