"""What the Culture review team changed in a story before it went live, for the author's email.

Moderators may edit an anonymous story's wording before approving it (for example to take out
an exact date the re-identification check pointed at). The author is told which parts changed
when it goes live: the published revision against the last one the author saved.
"""

from .blameless import CHECKED_FIELDS, plain_text, story_values
from .models import anonymous_author


def _texts(value):
    values = value if isinstance(value, list | tuple) else [value]
    return [" ".join(plain_text(text).split()) for text in values]


def changed_by_reviewers(story, authorship):
    """The labels of the parts the reviewers changed since the author's last save, in form order."""
    published = story.live_revision
    if published is None:
        return []
    # The author's own saves name them, or the "Anonymous" placeholder for an anonymous story.
    authors = [authorship.author_id, anonymous_author().pk]
    last_own = (
        story.revisions.filter(user_id__in=[pk for pk in authors if pk])
        .order_by("-created_at", "-pk")
        .first()
    )
    if last_own is None or last_own.pk == published.pk:
        return []
    before = story_values(last_own.as_object())
    after = story_values(published.as_object())
    return [
        str(label)  # the email's template joins them
        for name, label in CHECKED_FIELDS.items()
        if name in before and _texts(before[name]) != _texts(after[name])
    ]
