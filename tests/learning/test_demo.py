"""load_demo shows the learning loop with real figures: follows for the demo users, a story of
the month on the home page, and each tag's lessons page, checklist and team page opening."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from culture.learning.models import Follow, StoryOfTheMonth, first_of_month
from stories.models import StoriesIndexPage, StoryTag, Team

pytestmark = pytest.mark.django_db


def test_demo_follows_story_of_the_month_and_lessons_pages(client, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Learning: 10 follows, 2 stories of the month (this month: “" in out.getvalue()
    erin = get_user_model().objects.get(username="erin")
    assert Follow.objects.filter(user=erin).count() == 4
    pick = StoryOfTheMonth.objects.for_month().get()
    assert pick.month == first_of_month() and pick.story.good_for_meetings

    client.force_login(erin)
    home = client.get("/").content.decode()
    assert "Story of the month" in home and pick.story.title in home
    followed = home[home.index("New in what you follow") :]
    assert followed.count('class="story-card"') >= 1

    index = StoriesIndexPage.objects.get()
    live_tags = StoryTag.objects.filter(content_object__live=True)
    for slug in live_tags.values_list("tag__slug", flat=True).distinct():
        lessons = index.url + index.reverse_subpage("tag_lessons", kwargs={"tag": slug})
        assert client.get(lessons).status_code == 200, lessons
    checklist = client.get(index.url + "tag/email/lessons/checklist/")
    assert checklist.status_code == 200 and checklist.content.startswith(b"%PDF")
    for team in Team.objects.all():
        assert client.get(index.url + f"team/{team.slug}/").status_code == 200, team.slug
    # Erin follows Finance: its anonymous invoice story is never shown as Finance's.
    finance = client.get(index.url + "team/finance/").content.decode()
    assert "An invoice went to the wrong client" not in finance
    assert "Team Finance" in client.get("/account/").content.decode()
