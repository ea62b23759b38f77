"""Wagtail's admin counts and reports, without private drafts.

The dashboard's "N Pages" counts every page under the user's explorable root, private drafts
included; `ExplorablePagesSummaryItem` counts only what the page policy lets the user explore.

The stock "Page types usage" report links the most recently edited page of every type, whoever may see it: for
stories that is usually somebody's private draft. This view keeps the counts and names the last
edited page only when the site's page policy lets the user explore it. It is mounted in
culture/urls.py at the report's own address, ahead of the admin's URLs.
"""

from wagtail.admin.auth import require_admin_access
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView


class ExplorablePageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        if self.request.user.is_superuser:
            return page_types
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        explorable = set(
            self.permission_policy.explorable_instances(self.request.user)
            .filter(pk__in=shown)
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in explorable:
                item.last_edited_page = None
        return page_types


# Mounted outside the admin's URL include, so it needs the admin's own sign-in check.
page_types_usage_report = require_admin_access(ExplorablePageTypesUsageReportView.as_view())
page_types_usage_results = require_admin_access(
    ExplorablePageTypesUsageReportView.as_view(results_only=True)
)


class ExplorablePagesSummaryItem(PagesSummaryItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        if context["root_page"] is not None and not user.is_superuser:
            explorable = self.permission_policy_for_pages().explorable_instances(user)
            context["total_pages"] = explorable.descendant_of(
                context["root_page"], inclusive=True
            ).count()
        return context

    @staticmethod
    def permission_policy_for_pages():
        from wagtail.models import Page
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(Page)
