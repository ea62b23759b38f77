"""Template tags of campaigns, and the "Happened again" links stories show.

`{% load campaign_tags %}{% repeat_links page %}` on a story page shows both directions of the
moderator's "repeat of" link: the earlier story this one repeats, and later stories that repeat
it. Titles only, and only pages the reader may open, so no anonymous author is ever shown.
"""

from django import template

from ..forms import date_range_text

register = template.Library()


@register.inclusion_tag("campaigns/includes/repeat_links.html", takes_context=True)
def repeat_links(context, story):
    from home.visibility import visible_to
    from stories.models import StoryPage

    request = context.get("request")
    earlier = None
    if story.repeat_of_id:
        earlier = visible_to(StoryPage.objects.filter(pk=story.repeat_of_id), request).first()
    later = list(
        visible_to(StoryPage.objects.filter(repeat_of_id=story.pk), request).order_by(
            "first_published_at"
        )
    )
    return {"earlier": earlier, "later": later, "request": request}


@register.simple_tag
def campaign_dates(campaign):
    return date_range_text(campaign.start_date, campaign.end_date)


@register.filter
def duration_text(value):
    """A time span in words a reader takes in at once: "45 minutes", "5.5 hours", "3.2 days"."""
    if value is None:
        return "–"
    seconds = value.total_seconds()
    if seconds < 3600:
        return f"{round(seconds / 60)} minutes"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"
