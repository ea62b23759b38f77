"""Template tags of the campaign pages and the insights dashboard."""

from django import template

from ..forms import date_range_text

register = template.Library()


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
