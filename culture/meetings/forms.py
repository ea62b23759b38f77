"""Forms of the meeting packs: the page form in the editor, and "start a new pack from this one"."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from .permissions import manageable_team_ids

NOT_YOUR_TEAM_MESSAGE = _("You can build packs only for the teams you are in: %(teams)s.")
NO_TEAM_MESSAGE = _(
    "You are not a member of any team yet, so you cannot build a pack. "
    "Ask the Culture team to add you to your team."
)


def teams_for(user):
    """The teams `user` may build packs for, as a queryset."""
    from stories.models import Team

    team_ids = manageable_team_ids(user)
    teams = Team.objects.all()
    return teams if team_ids is None else teams.filter(pk__in=team_ids)


def _limit_team_field(field, user):
    """Offer a lead only their own teams; say why when there are none."""
    teams = teams_for(user)
    field.queryset = teams
    field.error_messages["invalid_choice"] = NOT_YOUR_TEAM_MESSAGE % {
        "teams": ", ".join(team.name for team in teams) or "none"
    }
    if not teams.exists():
        field.help_text = NO_TEAM_MESSAGE


class MeetingPackForm(WagtailAdminPageForm):
    """The pack editor's form: the team field is limited to the teams the user may build for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "team" in self.fields:
            _limit_team_field(self.fields["team"], self.for_user)
            if self.instance.pk is None and not self.is_bound:
                self._start_at_the_usual_slot()

    def _start_at_the_usual_slot(self):
        """A new pack starts with the lead's own team (the first they are in) at its usual slot,
        so that suggestions show from the first moment."""
        from stories.models import Team

        own = Team.objects.filter(members=self.for_user)
        team = self.fields["team"].queryset.filter(pk__in=own.values("pk")).first()
        if team is None:
            return
        meeting_date, start_time = usual_slot(team)
        self.initial.update(team=team.pk, meeting_date=meeting_date, start_time=start_time)


class NewPackFromForm(forms.Form):
    """Start a new pack from an existing one: a new title, date, time and team; same agenda."""

    title = forms.CharField(max_length=255)
    team = forms.ModelChoiceField(queryset=None, empty_label=None)
    meeting_date = forms.DateField(widget=AdminDateInput)
    start_time = forms.TimeField(widget=AdminTimeInput)

    def __init__(self, *args, user, source, **kwargs):
        from stories.models import Team

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.all()
        _limit_team_field(self.fields["team"], user)
        if not self.is_bound:
            next_date = max(source.meeting_date, timezone.localdate()) + datetime.timedelta(days=7)
            team = (
                source.team
                if self.fields["team"].queryset.filter(pk=source.team_id).exists()
                else None
            )
            team = team or self.fields["team"].queryset.first()
            self.initial.update(
                title=_("%(team)s staff meeting, %(date)s")
                % {
                    "team": team.name if team else source.team.name,
                    "date": date_format(next_date, _("j F Y")),
                },
                team=team,
                meeting_date=next_date,
                start_time=source.start_time,
            )


# A team with no usual slot and no pack yet meets on Tuesday at 09:00.
DEFAULT_MEETING_WEEKDAY = 1
DEFAULT_MEETING_TIME = datetime.time(9)


def usual_slot(team, today=None):
    """The next meeting date and time for `team`, the first such day after today.

    The weekday and time kept on the Team (its usual staff meeting) win; what is not kept there
    comes from the team's latest pack; a team with neither meets on Tuesday at 09:00.
    """
    from .models import MeetingPackPage

    today = today or timezone.localdate()
    weekday = getattr(team, "meeting_weekday", None)
    start = getattr(team, "meeting_time", None)
    if team is not None and (weekday is None or start is None):
        last = (
            MeetingPackPage.objects.filter(team=team)
            .order_by("-meeting_date", "-start_time")
            .only("meeting_date", "start_time")
            .first()
        )
        if last:
            weekday = last.meeting_date.weekday() if weekday is None else weekday
            start = start or last.start_time
    weekday = DEFAULT_MEETING_WEEKDAY if weekday is None else weekday
    start = start or DEFAULT_MEETING_TIME
    days_ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today + datetime.timedelta(days=days_ahead), start


class StartPackForm(forms.Form):
    """Start a meeting pack: title, team, date and time, pre-filled from the lead's first team and
    its usual slot. The agenda is the default format, or the pack it starts from."""

    team = forms.ModelChoiceField(queryset=None, empty_label=None, label=_("Team"))
    meeting_date = forms.DateField(
        label=_("Date of the meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Leave it empty for “<team> staff meeting, <date>”."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_team_field(self.fields["team"], user)
        if not self.is_bound:
            team = self.fields["team"].queryset.order_by("name").first()
            meeting_date, start_time = usual_slot(team)
            self.initial.update(team=team, meeting_date=meeting_date, start_time=start_time)

    def clean_meeting_date(self):
        meeting_date = self.cleaned_data["meeting_date"]
        if meeting_date < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day to come."))
        return meeting_date

    def pack_title(self):
        data = self.cleaned_data
        return data["title"].strip() or _("%(team)s staff meeting, %(date)s") % {
            "team": data["team"].name,
            "date": date_format(data["meeting_date"], _("j F Y")),
        }
