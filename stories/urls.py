"""Front-end views of this app that are not Wagtail pages."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import feeds
from .views import (
    autosave,
    feed_tokens,
    follow_up,
    identity,
    reading,
    replies,
    reports,
    sharing,
    similar,
)

app_name = "stories"
urlpatterns = [
    # Sharing: the author's own drafts (see stories/views/sharing.py).
    path("stories/share/", sharing.share, name="share"),
    path("stories/mine/", sharing.my_stories, name="my_stories"),
    path("stories/mine/<int:pk>/edit/", sharing.edit, name="edit"),
    path("stories/share/notes/", sharing.live_notes, name="live_notes_new"),
    path("stories/mine/<int:pk>/notes/", sharing.live_notes, name="live_notes"),
    path("stories/mine/<int:pk>/preview/", sharing.preview, name="preview"),
    # Autosave while the author types (see stories/views/autosave.py).
    path("stories/share/autosave/", autosave.keep, name="autosave_new"),
    path("stories/share/autosave/discard/", autosave.discard, name="autosave_discard_new"),
    path("stories/mine/<int:pk>/autosave/", autosave.keep, name="autosave"),
    path("stories/mine/<int:pk>/autosave/discard/", autosave.discard, name="autosave_discard"),
    # "Has this happened before?" as the author types (see stories/views/similar.py).
    path("stories/share/similar/", similar.similar_panel, name="similar_new"),
    path("stories/mine/<int:pk>/similar/", similar.similar_panel, name="similar"),
    path("stories/mine/<int:pk>/delete/", sharing.delete, name="delete"),
    path("stories/mine/<int:pk>/withdraw/", sharing.withdraw, name="withdraw"),
    path("stories/return/<str:secret>/", identity.return_link, name="return"),
    path("stories/mine/<int:pk>/messages/", replies.author_messages, name="messages"),
    path("stories/mine/<int:pk>/return-link/", sharing.new_return_link, name="new_return_link"),
    # Reading: "I learned from this", and the personal feeds (see stories/views/reading.py).
    path("stories/<int:pk>/learned/", reading.learned_from_this, name="learned"),
    # Reporting a story that identifies, blames or exposes someone (see stories/views/reports.py).
    path("stories/<int:pk>/report/", reports.report_story, name="report"),
    path("stories/reports/", reports.my_reports, name="my_reports"),
    # The follow-up emails' links: signed for one action, no session needed (stories/follow_up.py).
    path("actions/<int:action_id>/done/<str:token>/", follow_up.action_done, name="action_done"),
    path("actions/<int:action_id>/move/<str:token>/", follow_up.action_move, name="action_move"),
    path("account/feeds/reset/", feed_tokens.reset_feed_token, name="feed_token_reset"),
    # The token in these addresses opens these feeds only; they need no session (feed readers).
    path(
        "feeds/<slug:token>/stories/atom/",
        login_not_required(feeds.StoriesAtomFeed()),
        name="story_feed_atom",
    ),
    path(
        "feeds/<slug:token>/stories/rss/",
        login_not_required(feeds.StoriesRssFeed()),
        name="story_feed_rss",
    ),
    path(
        "feeds/<slug:token>/stories/tag/<slug:tag>/atom/",
        login_not_required(feeds.StoriesAtomFeed()),
        name="story_tag_feed_atom",
    ),
    path(
        "feeds/<slug:token>/stories/tag/<slug:tag>/rss/",
        login_not_required(feeds.StoriesRssFeed()),
        name="story_tag_feed_rss",
    ),
    path(
        "feeds/<slug:token>/stories/tag/<slug:tag>/lessons/atom/",
        login_not_required(feeds.TagLessonsAtomFeed()),
        name="tag_lessons_feed_atom",
    ),
]
