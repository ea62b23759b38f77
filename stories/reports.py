"""Reports of published stories: the reader's form, the moderators' resolve form, the email.

A reader who feels identified, blamed or exposed by a story reports it (one open report per
reader and story); moderators and the Culture team resolve it in the admin with an outcome and a
note (stories/report_admin.py), after editing or unpublishing the story with Wagtail's own
buttons; the reader gets the outcome by email and under "Your reports". The story's author is
never told who reported it.
"""

from django import forms
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.admin.forms import WagtailAdminModelForm

from home.languages import speaking_to
from home.roles import CULTURE_TEAM, MODERATORS
from home.site_address import absolute_url

from .models import StoryReport

REPORT_ROLES = (MODERATORS, CULTURE_TEAM)


def open_report(story, user):
    """The reader's open report on `story`, if they have one."""
    return StoryReport.objects.filter(
        story=story, reporter=user, status=StoryReport.Status.OPEN
    ).first()


class ReportForm(forms.ModelForm):
    """What the reader says: a reason and, if they like, a few words."""

    class Meta:
        model = StoryReport
        fields = ["reason", "text"]
        widgets = {
            "reason": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list has no empty choice: the reader picks one of the four.
        self.fields["reason"].choices = StoryReport.Reason.choices
        self.fields["reason"].error_messages["required"] = gettext_lazy(
            "Choose the reason closest to what you feel."
        )


@transaction.atomic
def file_report(story, user, data):
    """Save the reader's report; None if they already have one open on this story."""
    if open_report(story, user) is not None:
        return None
    return StoryReport.objects.create(
        story=story, reporter=user, reason=data["reason"], text=data["text"]
    )


def reports_for(user):
    """The reports `user` may see in the admin: all but those on stories they wrote, so that no
    author learns who reported their story (a moderator or Culture team member writes too)."""
    return (
        StoryReport.objects.exclude(story__authorship__author=user)
        .select_related("story", "reporter")
        .order_by("status", "created_at", "pk")
    )


class ResolveReportForm(WagtailAdminModelForm):
    """The moderators' form: status, outcome and a note to the reader.

    Resolving records who and when, and emails the reader the outcome once the save commits.
    """

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == StoryReport.Status.RESOLVED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome to resolve the report."))
        if status == StoryReport.Status.OPEN and self.instance.status != status:
            others = StoryReport.objects.filter(
                ~Q(pk=self.instance.pk),
                story_id=self.instance.story_id,
                reporter_id=self.instance.reporter_id,
                status=StoryReport.Status.OPEN,
            )
            if others.exists():
                self.add_error("status", _("The reader has a newer open report on this story."))
        return cleaned

    def save(self, commit=True):
        report = super().save(commit=False)
        resolving = report.status == StoryReport.Status.RESOLVED and (
            self.initial.get("status") != StoryReport.Status.RESOLVED
        )
        if resolving:
            report.resolved_by = self.for_user
            report.resolved_at = timezone.now()
        elif report.status == StoryReport.Status.OPEN:
            report.outcome, report.resolved_by, report.resolved_at = "", None, None
        if commit:
            report.save()
            if resolving:
                transaction.on_commit(lambda: send_report_outcome.enqueue(report.pk))
        return report


@task()
def send_report_outcome(report_id):
    """Email the reader what became of their report (only ids in the task queue)."""
    report = (
        StoryReport.objects.select_related("story", "reporter")
        .filter(pk=report_id, status=StoryReport.Status.RESOLVED)
        .first()
    )
    if report is None or not report.reporter.email or not report.reporter.is_active:
        return False
    with speaking_to(report.reporter):
        return _email_outcome(report)


def _email_outcome(report):
    story = report.story
    context = {
        "reader": report.reporter,
        "report": report,
        "story_title": story.title,
        "story_url": absolute_url(story.url) if story.live and story.url else "",
        "my_reports_url": absolute_url(reverse("stories:my_reports")),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Own It"),
    }
    message = EmailMultiAlternatives(
        subject=_("Your report on “%(title)s”: %(outcome)s")
        % {"title": story.title, "outcome": report.get_outcome_display()},
        body=render_to_string("stories/email/report_resolved.txt", context),
        to=[report.reporter.email],
    )
    message.attach_alternative(
        render_to_string("stories/email/report_resolved.html", context), "text/html"
    )
    message.send()
    return True
