"""What retires the stories' cached fragments (the scopes are described in
home/fragment_versions.py). Connected from StoriesConfig.ready().

- "stories": which stories a listing holds, and every card. A story published, unpublished,
  moved, renamed or deleted; a view restriction added, changed or removed.
- "tag:<slug>": the stories with one tag. A story with the tag published or unpublished, and a
  tag added to or taken off a story (the tag rows are written when the story is published).
- "filter_choices": the filter form's choices. A story published, unpublished or deleted, or a
  tag row written, when it is the first or last live story with a team, series, year or tag.
- "story_details": the names a story shows (author or "Anonymous", team, series, tags).
  An authorship, team, series or tag changed or deleted (a new one changes nothing shown).

Whether an anonymous story's team is shown (stories/small_groups.py) changes with a team's
members, a member activated or deactivated (or deleted) and the site's threshold: then every
scope that shows, filters or counts a team is retired ("stories", "filter_choices",
"story_details", "campaigns"), whichever team it was, at once.

- "actions": a story's corrective actions as its page shows them: changed through a follow-up
  link (stories/follow_up.py), or marked as not holding by a repeat published or unpublished.

An "I learned from this" mark retires nothing: counts are read live.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.fragment_versions import retire, retire_stories
from home.models import SiteSettings

from .listings import changes_filter_choices, filter_values
from .models import Series, StoryAuthorship, StoryPage, StoryTag, Team


def _tag_scopes(story):
    return [f"tag:{slug}" for slug in story.tags.values_list("slug", flat=True)]


def story_changed(sender, instance=None, **kwargs):
    instance = getattr(instance, "specific_deferred", instance)
    if isinstance(instance, StoryPage):
        # "actions": a story published or unpublished may say which earlier story's action did
        # not hold (or no longer); that story's page shows it.
        scopes = ["stories", "actions", *_tag_scopes(instance)]
        if changes_filter_choices(instance.pk, filter_values(instance)):
            scopes.append("filter_choices")
        retire(*scopes)


def story_published(sender, instance, **kwargs):
    # Wagtail indexes a page on save, before its inline children (lessons, tags) are written;
    # index it again now that they are, so search finds words in the lessons at once.
    index.insert_or_update_object(instance)
    story_changed(sender, instance)


def tag_row_changed(sender, instance, **kwargs):
    scopes = [f"tag:{instance.tag.slug}"]
    if changes_filter_choices(
        instance.content_object_id, [("tagged_items__tag_id", instance.tag_id)]
    ):
        scopes.append("filter_choices")
    retire(*scopes)


def details_changed(sender, created=False, **kwargs):
    # A new authorship, team, series or tag changes no name already shown: the story it comes
    # with retires its listings when it is published.
    if not created:
        retire("story_details")


# Every scope that shows a story's team, filters by it or counts it.
TEAM_SCOPES = ("stories", "filter_choices", "story_details", "campaigns")


def retire_team_scopes(*args, **kwargs):
    retire(*TEAM_SCOPES)


def members_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        retire(*TEAM_SCOPES)


def member_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    # A new user is in no team yet; a sign-in saves `last_login` only: neither changes a size.
    if raw or created or (update_fields is not None and "is_active" not in update_fields):
        return
    if instance.teams.exists():
        retire(*TEAM_SCOPES)


def member_deleted(sender, instance, **kwargs):
    # Before the delete: afterwards the user's team rows are gone (no m2m signal is sent).
    if instance.teams.exists():
        retire(*TEAM_SCOPES)


def connect():
    uid = "stories.fragments."
    page_published.connect(story_published, sender=StoryPage, dispatch_uid=uid + "published")
    page_unpublished.connect(story_changed, sender=StoryPage, dispatch_uid=uid + "unpublished")
    page_slug_changed.connect(story_changed, sender=StoryPage, dispatch_uid=uid + "slug")
    post_page_move.connect(retire_stories, dispatch_uid=uid + "moved")
    post_delete.connect(story_changed, sender=StoryPage, dispatch_uid=uid + "deleted")
    post_save.connect(tag_row_changed, sender=StoryTag, dispatch_uid=uid + "tag-row.save")
    post_delete.connect(tag_row_changed, sender=StoryTag, dispatch_uid=uid + "tag-row.delete")
    for model in (StoryAuthorship, Team, Series, Tag):
        name = model.__name__
        post_save.connect(details_changed, sender=model, dispatch_uid=f"{uid}{name}.save")
        post_delete.connect(details_changed, sender=model, dispatch_uid=f"{uid}{name}.delete")
    # Whether an anonymous story's team may be shown: a team's size or the threshold.
    m2m_changed.connect(members_changed, sender=Team.members.through, dispatch_uid=uid + "members")
    user = get_user_model()
    post_save.connect(member_saved, sender=user, dispatch_uid=uid + "member.save")
    pre_delete.connect(member_deleted, sender=user, dispatch_uid=uid + "member.delete")
    post_save.connect(retire_team_scopes, sender=SiteSettings, dispatch_uid=uid + "min-group")
    # Listings are keyed by the restrictions a reader fails; a restriction that changes its
    # page or groups keeps its id, so the listings made under it are retired.
    post_save.connect(retire_stories, sender=PageViewRestriction, dispatch_uid=uid + "pvr")
    post_delete.connect(retire_stories, sender=PageViewRestriction, dispatch_uid=uid + "pvr.del")
    m2m_changed.connect(
        retire_stories, sender=PageViewRestriction.groups.through, dispatch_uid=uid + "pvr.groups"
    )
