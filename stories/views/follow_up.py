"""The one-click links of the follow-up emails: "Mark done" and "Move the date".

They work without signing in (the signed link is the credential, for this action only; see
stories/follow_up.py), ask before they change anything, and say plainly when a link has expired,
is not for this action, or was used already.
"""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import follow_up
from ..models import ActionReminder, CorrectiveAction


def _problem(request, reason):
    return render(
        request,
        "stories/follow_up/link_problem.html",
        {"reason": reason, "link_days": follow_up.LINK_DAYS},
        status=410 if reason == "expired" else 404,
    )


def _context(reminder, **extra):
    action = reminder.action
    story = action.page
    return {
        "reminder": reminder,
        "action": action,
        "story": story,
        "story_url": story.url if story.live else "",
        **extra,
    }


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def action_done(request, action_id, token):
    try:
        reminder = follow_up.reminder_for_link(action_id, token)
    except follow_up.LinkProblem as problem:
        return _problem(request, problem.reason)
    template = "stories/follow_up/done.html"
    if request.method == "POST":
        with transaction.atomic():
            # Locked, so that two clicks at once mark it done once.
            used = (
                ActionReminder.objects.select_for_update()
                .filter(pk=reminder.pk)
                .values_list("done_link_used_at", flat=True)
                .first()
            )
            if used is not None:
                reminder.done_link_used_at = used
                return render(request, template, _context(reminder, state="used"))
            ActionReminder.objects.filter(pk=reminder.pk).update(done_link_used_at=timezone.now())
            action = CorrectiveAction.objects.select_related(
                "page__authorship__author", "owner_team"
            ).get(pk=action_id)
            reminder.action = action
            if action.status == CorrectiveAction.Status.DONE:
                return render(request, template, _context(reminder, state="already_done"))
            follow_up.mark_done(action, by=reminder.recipient)
        return render(request, template, _context(reminder, state="done"))
    if reminder.done_link_used_at is not None:
        return render(request, template, _context(reminder, state="used"))
    if reminder.action.status == CorrectiveAction.Status.DONE:
        return render(request, template, _context(reminder, state="already_done"))
    return render(request, template, _context(reminder, state="confirm"))


class MoveDateForm(forms.Form):
    due_date = forms.DateField(
        label=gettext_lazy("New due date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": gettext_lazy("Please give the new due date."),
            "invalid": gettext_lazy("Please give the date as day, month and year."),
        },
    )

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        earliest, latest = follow_up.earliest_move(), follow_up.latest_move()
        if value < earliest:
            raise forms.ValidationError(
                _("Please choose a day after today, from %(date)s.")
                % {"date": formats.date_format(earliest, "j F Y")}
            )
        if value > latest:
            raise forms.ValidationError(
                _("Please choose a day before %(date)s.")
                % {"date": formats.date_format(latest, "j F Y")}
            )
        return value

    def full_clean(self):
        super().full_clean()
        if self.errors.get("due_date"):
            # The message is read with the field (stories/share/_error.html gives it this id).
            self.fields["due_date"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "id_due_date_error"}
            )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def action_move(request, action_id, token):
    try:
        reminder = follow_up.reminder_for_link(action_id, token)
    except follow_up.LinkProblem as problem:
        return _problem(request, problem.reason)
    template = "stories/follow_up/move.html"
    action = reminder.action
    if action.status == CorrectiveAction.Status.DONE:
        return render(request, template, _context(reminder, state="already_done"))
    form = MoveDateForm(request.POST or None, initial={"due_date": action.due_date})
    if request.method == "POST" and form.is_valid():
        follow_up.move_date(action, form.cleaned_data["due_date"])
        return render(request, template, _context(reminder, state="moved"))
    return render(
        request,
        template,
        _context(reminder, state="form", form=form),
        status=400 if form.is_bound and form.errors else 200,
    )
