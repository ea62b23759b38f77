"""Announcing the story of the month in the chat channels of Site settings (Teams, Slack).

Run by the scheduled `announce_story_of_the_month` command, never by a web request (a slow
receiver may only delay the command). Each month's pick is posted once to each channel
(`home.chat.announce` records it by key) and only while its story is live and open to everyone:
a chat channel is read by people who are not signed in to Own It, so a story behind a view
restriction is never announced. The text is what any reader sees: the title, the summary, the
byline ("Anonymous" for an anonymous story) and the Culture team's line; never the story's team.
"""

from django.utils.translation import gettext

from home import chat
from home.site_address import absolute_url

from .models import StoryOfTheMonth


def chat_message(pick):
    story = pick.story
    lines = [story.title, story.summary, gettext("By %(byline)s") % {"byline": story.byline}]
    if pick.why:
        lines.append(pick.why)
    return chat.ChatMessage(
        key=f"story-of-the-month:{pick.month:%Y-%m}",
        title=gettext("Story of the month"),
        text="\n".join(line for line in lines if line),
        link=absolute_url(story.url),
    )


def announce(day=None):
    """Post this month's pick where it is not posted yet. Returns a short outcome string."""
    if not chat.configured_channels():
        return "no channel"
    pick = StoryOfTheMonth.objects.for_month(day).select_related("story").first()
    if pick is None:
        return "no pick"
    story = pick.story
    if not story.live or story.get_view_restrictions().exists():
        return "not open to everyone"
    outcomes = chat.announce(chat_message(pick)).values()
    for outcome in ("failed", "posted"):
        if outcome in outcomes:
            return outcome
    return "already posted"
