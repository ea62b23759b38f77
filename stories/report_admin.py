"""Story reports in the admin: the moderators' list and the resolve form (stories/reports.py).

Moderators and the Culture team see every report, open ones first, except reports on stories
they wrote themselves: an author never sees who reported their story. Editing or unpublishing
the story uses Wagtail's own buttons, linked from the report; resolving it emails the reader.
Reports are made by readers only, so there is no "add" here.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .models import StoryReport
from .reports import ResolveReportForm, reports_for


class ReportDetailsPanel(Panel):
    """What the reader said and the story it is about, with links to edit or unpublish it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/report_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            story = report.story
            context.update(
                report=report,
                story=story,
                story_url=story.url if story.live else "",
                edit_url=reverse("wagtailadmin_pages:edit", args=[story.pk]),
                unpublish_url=reverse("wagtailadmin_pages:unpublish", args=[story.pk])
                if story.live
                else "",
            )
            return context


def _story_link(report):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[report.story_id]),
        report.story.title,
    )


def _age(report):
    return _("%(age)s ago") % {"age": timesince(report.created_at)}


class ReportEditView(EditView):
    def get_queryset(self):
        # A report on the reviewer's own story answers 404, as if it did not exist.
        return reports_for(self.request.user)


class StoryReportViewSet(SnippetViewSet):
    model = StoryReport
    icon = "warning"
    menu_label = _("Story reports")
    menu_order = 260
    add_to_admin_menu = True
    edit_view_class = ReportEditView
    copy_view_enabled = False
    list_display = [
        Column("story", label=_("Story"), accessor=_story_link),
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        Column("age", label=_("Reported"), accessor=_age, sort_key="created_at"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
        Column("reporter", label=_("Reported by"), accessor="reporter"),
        Column(
            "edit",
            label="",
            accessor=lambda report: format_html(
                '<a href="{}">{}</a>',
                reverse("wagtailsnippets_stories_storyreport:edit", args=[report.pk]),
                _("Resolve") if report.is_open else _("Open"),
            ),
        ),
    ]
    list_filter = ["status", "reason", "outcome"]
    ordering = ["status", "created_at"]
    edit_handler = ObjectList(
        [
            ReportDetailsPanel(heading=_("The report")),
            FieldPanel("status"),
            FieldPanel("outcome"),
            FieldPanel("moderator_note"),
        ],
        base_form_class=ResolveReportForm,
    )

    def get_queryset(self, request):
        return reports_for(request.user)
