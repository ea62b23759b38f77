"""The running campaign's section in the weekly digest email (the quotes app's
`own_it_digest_sections` hook). Counts only: no story, no author, no person."""

from django.utils import timezone
from django.utils.html import escape

from .gathering import progress
from .timeframes import site_timezone

DIGEST_SECTIONS_HOOK = "own_it_digest_sections"


def campaign_section(digest):
    from .models import CampaignPage

    now = getattr(digest, "now", None) or timezone.now()
    today = timezone.localtime(now, site_timezone()).date()
    campaign = CampaignPage.current(today)
    if campaign is None or campaign.get_view_restrictions().exists():
        return None
    figures = progress(campaign, today)
    days_left = campaign.days_left(today)
    when = "Last day" if days_left == 1 else f"{days_left} days left"
    lines = [
        f"{figures['stories']} of {figures['goal']} {campaign.goal_label} so far; "
        f"{figures['teams']} teams and {figures['meetings']} staff meetings have taken part."
    ]
    upcoming = sorted(
        (event for event in campaign.events.all() if event.starts_at >= now),
        key=lambda event: event.starts_at,
    )
    if upcoming:
        event = upcoming[0]
        starts = timezone.localtime(event.starts_at, site_timezone())
        lines.append(f"Next: {event.title}, {starts:%A %-d %B at %H:%M}.")
    url = campaign.get_url()
    return {
        "title": f"{campaign.title}: {when}",
        "text": "\n".join(lines),
        "html": "".join(f"<p>{escape(line)}</p>" for line in lines),
        "url": digest.absolute(url) if url and hasattr(digest, "absolute") else url or "",
    }
