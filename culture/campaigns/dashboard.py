"""The Culture team's panel on the admin dashboard: what needs them this week.

Stories awaiting review (and for how long), weeks ahead without a Quote of the Week, the running
campaign's progress, corrective actions past due, and the stories most marked "I learned from
this" this month. Shown to the Culture team only, read per request (nothing here is cached).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from home.roles import CULTURE_TEAM, user_has_role

from .timeframes import latest_live_quote_week

WEEKS_AHEAD = 8
SHOWN = 5


class CultureDashboardPanel(Component):
    name = "own_it_culture_panel"
    order = 40
    template_name = "campaigns/admin/culture_dashboard_panel.html"

    @classmethod
    def for_user(cls, user):
        return cls() if user_has_role(user, CULTURE_TEAM) else None

    def get_context_data(self, parent_context=None):
        from culture.quotes.models import Quote
        from stories.models import CorrectiveAction, StoryPage

        from .gathering import progress
        from .models import CampaignPage

        now = timezone.now()
        today = timezone.localdate()
        waiting = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                base_content_type=ContentType.objects.get_for_model(Page),
                content_type=ContentType.objects.get_for_model(StoryPage),
            ).order_by("created_at")[:SHOWN]
        )
        titles = dict(
            Page.objects.filter(pk__in=[int(state.object_id) for state in waiting]).values_list(
                "pk", "draft_title"
            )
        )
        awaiting = [
            {
                "pk": int(state.object_id),
                "title": titles.get(int(state.object_id), ""),
                "days": (now - state.created_at).days,
            }
            for state in waiting
        ]
        first_week = latest_live_quote_week(now) + datetime.timedelta(days=7)
        weeks = [first_week + datetime.timedelta(days=7 * n) for n in range(WEEKS_AHEAD)]
        planned = set(Quote.objects.filter(week__in=weeks).values_list("week", flat=True))
        campaign = CampaignPage.current(today)
        month_start = today.replace(day=1)
        most_learned = (
            StoryPage.objects.live()
            .annotate(
                marks=Count(
                    "learned_marks",
                    filter=Q(learned_marks__created_at__date__gte=month_start),
                )
            )
            .filter(marks__gt=0)
            .order_by("-marks", "-first_published_at")
            .only("pk", "title", "url_path", "path", "depth")[:SHOWN]
        )
        overdue = CorrectiveAction.objects.past_due(today)
        return {
            "awaiting": awaiting,
            "awaiting_count": WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                content_type=ContentType.objects.get_for_model(StoryPage),
            ).count(),
            "weeks_without_quote": [week for week in weeks if week not in planned],
            "campaign": campaign,
            "campaign_figures": progress(campaign, today) if campaign else None,
            "overdue": list(
                overdue.select_related("page", "owner_team").order_by("due_date", "pk")[:SHOWN]
            ),
            "overdue_count": overdue.count(),
            "most_learned": list(most_learned),
        }
