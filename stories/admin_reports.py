"""Wagtail's "Page types usage" report, without naming pages the reader may not explore.

The stock report links the most recently edited page of every type, whoever may see it: for
stories that is usually somebody's private draft. This view keeps the counts and names the last
edited page only when the site's page policy lets the user explore it. It is mounted in
culture/urls.py at the report's own address, ahead of the admin's URLs.
"""

from wagtail.admin.auth import require_admin_access
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
