"""The running campaign's section in the weekly digest email (the quotes app's
`own_it_digest_sections` hook). Counts only: no story, no author, no person."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .gathering import progress
from .timeframes import site_timezone

DIGEST_SECTIONS_HOOK = "own_it_digest_sections"


def taken_part(teams, meetings):
    """ "3 teams and 1 staff meeting have taken part", with each plural in its place."""
    if not teams and not meetings:
        return _("no team has taken part yet.")
    team_words = ngettext("%(count)d team", "%(count)d teams", teams) % {"count": teams}
    meeting_words = ngettext("%(count)d staff meeting", "%(count)d staff meetings", meetings) % {
        "count": meetings
    }
    return _("%(teams)s and %(meetings)s have taken part.") % {
        "teams": team_words,
        "meetings": meeting_words,
    }


def campaign_section(digest):
    from .models import CampaignPage

    now = getattr(digest, "now", None) or timezone.now()
    today = timezone.localtime(now, site_timezone()).date()
    campaign = CampaignPage.current(today)
    if campaign is None or campaign.get_view_restrictions().exists():
        return None
    figures = progress(campaign, today)
    days_left = campaign.days_left(today)
    when = (
        _("Last day")
        if days_left == 1
        else ngettext("%(count)d day left", "%(count)d days left", days_left) % {"count": days_left}
    )
    lines = [
        _("%(stories)d of %(goal)d %(label)s so far; %(taken_part)s")
        % {
            "stories": figures["stories"],
            "goal": figures["goal"],
            "label": campaign.goal_label,
            "taken_part": taken_part(figures["teams"], figures["meetings"]),
        }
    ]
    upcoming = sorted(
        (event for event in campaign.events.all() if event.starts_at >= now),
        key=lambda event: event.starts_at,
    )
    if upcoming:
        event = upcoming[0]
        starts = timezone.localtime(event.starts_at, site_timezone())
        lines.append(
            _("Next: %(event)s, %(when)s.")
            % {"event": event.title, "when": date_format(starts, _("l j F \\a\\t H:i"))}
        )
    url = campaign.get_url()
    return {
        "title": f"{campaign.title}: {when}",
        "text": "\n".join(lines),
        "html": "".join(f"<p>{escape(line)}</p>" for line in lines),
        "url": digest.absolute(url) if url and hasattr(digest, "absolute") else url or "",
    }
