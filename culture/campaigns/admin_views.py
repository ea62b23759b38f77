"""Admin views: the culture insights dashboard, its CSV export, and copying a campaign."""

import csv

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.exports import safe_cell
from stories import small_groups

from . import charts
from .forms import CopyCampaignForm, InsightsPeriodForm, date_range_text
from .insights import CSV_COLUMNS, Period, dashboard, weekly_team_rows
from .models import CampaignPage

INSIGHTS_PERMISSION = "campaigns.view_insights"


class InsightsPermissionMixin(PermissionRequiredMixin):
    permission_required = INSIGHTS_PERMISSION
    raise_exception = True  # Wagtail's admin turns it into "You do not have permission".


def _period_form(request):
    form = InsightsPeriodForm(request.GET or None)
    if not request.GET:
        first, last = InsightsPeriodForm.default_period()
        form = InsightsPeriodForm({"date_from": first, "date_to": last})
    return form


class InsightsView(InsightsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "campaigns/admin/insights.html"
    page_title = _("Culture insights")
    header_icon = "crosshairs"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = _period_form(self.request)
        context["form"] = form
        if not form.is_valid():
            return context
        period = Period(form.cleaned_data["date_from"], form.cleaned_data["date_to"])
        figures = dashboard(
            period,
            campaign=form.cleaned_data.get("campaign"),
            minimum=small_groups.minimum(self.request),
        )
        context["figures"] = figures
        context["period_text"] = date_range_text(period.first_day, period.last_day)
        context["charts"] = self._charts(figures)
        context["tables"] = self._tables(figures)
        query = self.request.GET.copy()
        query["date_from"], query["date_to"] = period.first_day, period.last_day
        query.pop("campaign", None)
        context["csv_url"] = f"{reverse('campaigns_admin:insights_csv')}?{query.urlencode()}"
        return context

    @staticmethod
    def _tables(figures):
        """The bar charts' figures as tables too, for screen readers and copying (the monthly
        ones have their own table in the template)."""
        return {
            "tags": (
                (_("Tag"), _("Stories")),
                [(row["tag"], row["stories"]) for row in figures["tags"]],
            ),
            "teams": (
                (_("Team"), _("Stories")),
                [(row["team"], row["stories"]) for row in figures["teams"]],
            ),
            "waits": (
                (_("Time to publication"), _("Stories")),
                [(row["label"], row["stories"]) for row in figures["waits"]["buckets"]],
            ),
        }

    @staticmethod
    def _charts(figures):
        monthly = figures["monthly"]
        labels = [date_format(row["month"], _("M y")) for row in monthly]
        actions = figures["actions"]
        return {
            "stories": charts.column_chart(
                list(zip(labels, [row["stories"] for row in monthly], strict=True)),
                _("Stories published per month"),
            ),
            "anonymous": charts.line_chart(
                list(zip(labels, [row["anonymous_share"] for row in monthly], strict=True)),
                _("Share of anonymous stories per month (per cent)"),
            ),
            "tags": charts.bar_chart(
                [(row["tag"], row["stories"]) for row in figures["tags"]], _("Top tags")
            ),
            "teams": charts.bar_chart(
                [(row["team"], row["stories"]) for row in figures["teams"]], _("Stories per team")
            ),
            "waits": charts.column_chart(
                [(row["label"], row["stories"]) for row in figures["waits"]["buckets"]],
                _("Time from submission to publication"),
            ),
            "actions": charts.stacked_bar(
                [
                    (_("Done"), actions["done"], charts.GOOD),
                    (_("Open, on time"), actions["open_on_time"], charts.BAR),
                    (_("Overdue"), actions["overdue"], charts.BAD),
                ],
                _("Corrective actions by status"),
            ),
            "pulse": charts.line_chart(
                [(result.pulse.title, result.score) for result in figures["pulses"].results],
                _("Psychological-safety score per pulse, company-wide (1 to 7)"),
                unit="",
                max_value=7,
                colour=charts.GOOD,
            ),
            "repeats": charts.column_chart(
                list(zip(labels, [row["repeats"] for row in monthly], strict=True)),
                _("Repeats per month (stories marked “happened again”)"),
                colour=charts.ACCENT,
            ),
        }


class InsightsCSVView(InsightsPermissionMixin, View):
    """The figures by team and by week as CSV. It has no author column, named or anonymous."""

    def get(self, request, *args, **kwargs):
        form = _period_form(request)
        if not form.is_valid():
            # Back to the dashboard, where the errors are shown next to the fields.
            messages.error(request, _("Choose a valid period to export."))
            return redirect(f"{reverse('campaigns_admin:insights')}?{request.GET.urlencode()}")
        period = Period(form.cleaned_data["date_from"], form.cleaned_data["date_to"])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="own-it-insights-{period.first_day}-to-{period.last_day}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow([label for _, label in CSV_COLUMNS])
        for row in weekly_team_rows(period, minimum=small_groups.minimum(request)):
            writer.writerow([safe_cell(row[name]) for name, _ in CSV_COLUMNS])
        return response


class CopyCampaignView(WagtailAdminTemplateMixin, FormView):
    """Start a new campaign from an earlier one: same structure, new dates, events moved along."""

    template_name = "campaigns/admin/copy_campaign.html"
    form_class = CopyCampaignForm
    header_icon = "copy"

    def dispatch(self, request, page_id, *args, **kwargs):
        # `id`, not `pk`: on SQLite a huge pk of a page subclass overflows instead of matching.
        self.campaign = get_object_or_404(CampaignPage, id=page_id)
        permissions = self.campaign.permissions_for_user(request.user)
        if not permissions.can_copy_to(self.campaign.get_parent()):
            raise PermissionDenied
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_title(self):
        return _("Start a new campaign from “%(title)s”") % {"title": self.campaign.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.campaign.pk]),
                "label": str(self.campaign),
            },
            {"url": "", "label": _("Start a new campaign from it")},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        context["events"] = sorted(self.campaign.events.all(), key=lambda e: e.starts_at)
        return context

    def form_valid(self, form):
        copy = self.campaign.copy_to_dates(
            form.cleaned_data["start_date"],
            title=form.cleaned_data["title"],
            slug=form.cleaned_data["slug"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            _(
                "“%(title)s” was created as a draft for %(dates)s, with its events moved along. "
                "Check it and publish it when it is ready."
            )
            % {"title": copy.title, "dates": date_range_text(copy.start_date, copy.end_date)},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)
