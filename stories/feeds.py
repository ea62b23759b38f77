"""Atom and RSS feeds of new stories, all or one tag's, and the Atom feed of one tag's lessons
(stories/lessons.py), for feed readers.

A feed reader has no session, so each user has a personal feed address with a secret token
(`FeedToken`) that they can reset. The token opens these feeds and nothing else: only these views
look at it, they are `login_not_required`, and they show exactly what its owner may read
(live stories, minus those behind a view restriction the owner does not pass).

Links are absolute, built from `BASE_URL` (home/site_address.py), so they work from a
feed reader: the feed's own, each story's, and those inside the story text. The author of every
item is the story's byline: "Anonymous" for anonymous stories. Timestamps are dates at midnight.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.rich_text import expand_db_html

from home.models import SiteSettings
from home.site_address import absolute_links, absolute_url, page_url
from home.visibility import visible_to

from . import small_groups
from .models import FeedToken, StoryPage
from .publication import start_of_date

FEED_LENGTH = 30


def feed_urls(token, tag_slug=None):
    """The personal feed addresses of a token, absolute, for the settings page."""
    if tag_slug:
        atom = reverse("stories:story_tag_feed_atom", args=[token, tag_slug])
        rss = reverse("stories:story_tag_feed_rss", args=[token, tag_slug])
    else:
        atom = reverse("stories:story_feed_atom", args=[token])
        rss = reverse("stories:story_feed_rss", args=[token])
    return {"atom": absolute_url(atom), "rss": absolute_url(rss)}


def lessons_feed_url(token, tag_slug):
    """The personal Atom feed of a tag's lessons (stories/lessons.py), absolute."""
    return absolute_url(reverse("stories:tag_lessons_feed_atom", args=[token, tag_slug]))


def tag_on(stories, slug):
    """The tag with `slug` if one of `stories` has it, else None.

    A tag that only drafts (or no story the reader may open) use is answered exactly like a tag
    that does not exist, so that nobody can confirm a draft through a tag's name.
    """
    return Tag.objects.filter(
        slug=slug, stories_storytag_items__content_object__in=stories.values("pk")
    ).first()


@dataclass
class FeedSubject:
    """What one feed request is about: whose token, which tag, and the stories to list."""

    owner: object
    url: str
    site_name: str
    tag: Tag | None = None
    stories: list = field(default_factory=list)


class StoriesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, token, tag=None):
        feed_token = (
            FeedToken.objects.select_related("user")
            .filter(token=token, user__is_active=True)
            .first()
        )
        if feed_token is None:
            raise Http404("No such feed")
        # The token's owner is the reader: restrictions are checked as them, with no session
        # (so password-protected sections stay out of feeds).
        reader = SimpleNamespace(user=feed_token.user, session={})
        stories = visible_to(StoryPage.objects.all(), reader)
        tag_object = None
        if tag is not None:
            tag_object = tag_on(stories, tag)
            if tag_object is None:
                raise Http404("No such tag")
        # The threshold of the request's site, read once (its site settings name the feed too).
        minimum = small_groups.minimum(request)
        stories = self.feed_stories(stories, tag_object, minimum)
        subject = FeedSubject(
            owner=feed_token.user,
            url=absolute_url(request.path),
            site_name=SiteSettings.for_request(request).site_name or "Own It",
            tag=tag_object,
        )
        subject.stories = [(story, page_url(story, request)) for story in stories]
        return subject

    def feed_stories(self, stories, tag, minimum):
        if tag is not None:
            stories = stories.filter(tagged_items__tag=tag)
        return stories.with_card_data(minimum).newest_first()[:FEED_LENGTH]

    # The feed ----------------------------------------------------------------------------

    def title(self, subject):
        name = subject.site_name
        if subject.tag:
            return _("%(site)s: stories tagged “%(tag)s”") % {"site": name, "tag": subject.tag.name}
        return _("%(site)s: new stories") % {"site": name}

    def description(self, subject):
        return _("Blameless stories of mistakes: how they were owned, made right and learned from.")

    def subtitle(self, subject):
        return self.description(subject)

    def link(self, subject):
        return absolute_url("/")

    def feed_url(self, subject):
        return subject.url

    def items(self, subject):
        return subject.stories

    # The items ---------------------------------------------------------------------------

    def item_title(self, item):
        return item[0].title

    def item_description(self, item):
        story, url = item
        parts = [f"<p><strong>{escape(story.summary)}</strong></p>"]
        if story.what_happened:
            parts.append(absolute_links(expand_db_html(story.what_happened)))
        if url:
            read = _("Read the whole story")
            parts.append(f'<p><a href="{escape(url)}">{escape(read)}</a></p>')
        return "\n".join(parts)

    def item_link(self, item):
        return item[1] or self.link(None)

    def item_guid(self, item):
        return item[1] or absolute_url(f"/#story-{item[0].pk}")

    # Dates only (midnight, site time zone): a clock time could point at who approved or wrote
    # an anonymous story (stories/publication.py).
    def item_pubdate(self, item):
        return start_of_date(item[0].first_published_at)

    def item_updateddate(self, item):
        return start_of_date(item[0].last_published_at or item[0].first_published_at)

    def item_author_name(self, item):
        # Never the real name of an anonymous author: the byline says "Anonymous".
        return item[0].byline

    def item_categories(self, item):
        return [tag.name for tag in item[0].tag_list]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Personal to the token: no shared proxy may keep it.
        response["Cache-Control"] = "private, max-age=300"
        return response


class StoriesAtomFeed(StoriesRssFeed):
    feed_type = Atom1Feed


class TagLessonsAtomFeed(StoriesAtomFeed):
    """The lessons of one tag's stories (stories/lessons.py): one item per story with lessons,
    its numbered lessons as the content, the stories most "I learned from this" first."""

    def feed_stories(self, stories, tag, minimum):
        from .lessons import tag_stories

        return [story for story in tag_stories(stories, tag.slug) if story.lessons.all()]

    def title(self, subject):
        return _("%(site)s: lessons from “%(tag)s”") % {
            "site": subject.site_name,
            "tag": subject.tag.name,
        }

    def description(self, subject):
        return _("What colleagues learned from their mistakes, most useful first.")

    def item_title(self, item):
        return _("Lessons from “%(title)s”") % {"title": item[0].title}

    def item_description(self, item):
        story, url = item
        lessons = "".join(
            "<li>{}</li>".format(
                escape(_("Lesson %(number)d: %(text)s") % {"number": number, "text": lesson.text})
            )
            for number, lesson in enumerate(story.lessons.all(), start=1)
        )
        parts = [f"<p>{escape(story.summary)}</p>", f"<ol>{lessons}</ol>"]
        if url:
            parts.append(f'<p><a href="{escape(url)}">{escape(_("Read the whole story"))}</a></p>')
        return "\n".join(parts)

    def item_guid(self, item):
        return (item[1] or absolute_url(f"/#story-{item[0].pk}")) + "#lessons"

    def item_categories(self, item):
        return []
