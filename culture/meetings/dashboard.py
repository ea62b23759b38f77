"""The team lead's panel on the admin dashboard: their teams' next packs, what to put on the
agenda, what the team discussed lately and its corrective actions past due.

Shown to whoever builds packs for some teams but not all (team leads); the Culture team sees
every team's packs in the explorer instead. Everything is read per request: a lead's teams and
the packs' states are never cached.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .permissions import manageable_team_ids

NEXT_PACKS = 5
RECENT_DAYS = 60
SHOWN = 5


class LeadDashboardPanel(Component):
    name = "own_it_lead_panel"
    order = 50
    template_name = "meetings/admin/lead_dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    @classmethod
    def for_user(cls, user):
        """For those who build packs (a moderator who is in a team is not a lead)."""
        from .models import MeetingPacksIndexPage

        if not manageable_team_ids(user):
            return None
        index = MeetingPacksIndexPage.objects.first()
        if index is None or not index.permissions_for_user(user).can_add_subpage():
            return None
        return cls(user)

    def get_context_data(self, parent_context=None):
        from stories.models import CorrectiveAction, Team

        from .models import MeetingPackPage
        from .suggestions import suggest_stories

        team_ids = manageable_team_ids(self.user)
        today = timezone.localdate()
        next_packs = list(
            MeetingPackPage.objects.filter(team_id__in=team_ids, meeting_date__gte=today)
            .select_related("team")
            .defer_streamfields()
            .order_by("meeting_date", "start_time", "pk")[:NEXT_PACKS]
        )
        for pack in next_packs:
            pack.ready = pack.live and not pack.has_unpublished_changes
        next_pack = next_packs[0] if next_packs else None
        suggested = (
            suggest_stories(next_pack.get_latest_revision_as_object(), limit=SHOWN)
            if next_pack
            else []
        )
        discussed = list(
            MeetingPackPage.objects.live()
            .filter(
                team_id__in=team_ids,
                meeting_date__lt=today,
                meeting_date__gte=today - datetime.timedelta(days=RECENT_DAYS),
            )
            .prefetch_related("story_links__story")
            .defer_streamfields()
            .order_by("-meeting_date")[:SHOWN]
        )
        discussed_stories = []
        for pack in discussed:
            for link in pack.story_links.all():
                if link.story.live and link.story not in discussed_stories:
                    discussed_stories.append(link.story)
        # The actions the lead's teams own (not the teams of the stories: an anonymous story of
        # a small team must not be found by its team, stories/small_groups.py).
        overdue = CorrectiveAction.objects.past_due(today).filter(owner_team_id__in=team_ids)
        overdue_count = overdue.count()
        overdue = list(
            overdue.select_related("page", "owner_team").order_by("due_date", "pk")[: SHOWN * 2]
        )
        return {
            "teams": list(Team.objects.filter(pk__in=team_ids).order_by("name")),
            "next_packs": next_packs,
            "next_pack": next_pack,
            "suggested": suggested,
            "discussed": discussed_stories[:SHOWN],
            "overdue": overdue,
            "overdue_count": overdue_count,
            "start_url": reverse("meetings:start"),
            "today": today,
        }
