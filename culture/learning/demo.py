"""Demo of the learning loop: what the demo users follow, and this month's story (the suggestion:
the story good for meetings most marked "I learned from this" this month), with last month's.

Runs after the stories demo and uses its tags, teams and marks. Follows are made only for demo
users that exist (they do only with DEBUG on). Idempotent: get_or_create throughout.
"""

import datetime

from taggit.models import Tag

from stories.models import StoryPage, Team

from .models import Follow, StoryOfTheMonth, first_of_month
from .suggestions import suggestion

# username: (tags, teams). Erin follows Finance, a team too small to show with an anonymous
# story: its named story shows as Finance's, its anonymous invoice story does not.
DEMO_FOLLOWS = {
    "erin": (["email", "customers"], ["Support", "Finance"]),
    "lee": (["onboarding", "outage"], ["Engineering", "Finance"]),
    "sam": (["payments", "invoices"], []),
}
WHY = "Owned within the hour and fixed for everyone: a good one to talk through as a team."


def load(demo):
    for username, (tag_names, team_names) in DEMO_FOLLOWS.items():
        user = demo.users.get(username)
        if user is None:
            continue
        for tag in Tag.objects.filter(name__in=tag_names):
            Follow.objects.get_or_create(user=user, tag=tag)
        for team in Team.objects.filter(name__in=team_names):
            Follow.objects.get_or_create(user=user, team=team)

    this_month = first_of_month()
    last_month = first_of_month(this_month - datetime.timedelta(days=1))
    picked = []
    for month in (this_month, last_month):
        if StoryOfTheMonth.objects.filter(month=month).exists():
            continue
        story = suggestion(month)
        if story is None or story.pk in picked:
            story = (
                StoryPage.objects.live()
                .filter(good_for_meetings=True)
                .exclude(pk__in=picked)
                .order_by("-first_published_at")
                .first()
            )
        if story is None:
            continue
        picked.append(story.pk)
        StoryOfTheMonth.objects.create(
            month=month, story=story, why=WHY if month == this_month else ""
        )
    current = StoryOfTheMonth.objects.for_month().select_related("story").first()
    demo.say(
        f"Learning: {Follow.objects.count()} follows, "
        f"{StoryOfTheMonth.objects.count()} stories of the month"
        + (f" (this month: “{current.story.title}”)." if current else ".")
    )
