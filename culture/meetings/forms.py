"""Forms of the meeting packs: the page form in the editor, and "start a new pack from this one"."""

import datetime

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from .permissions import manageable_team_ids

NOT_YOUR_TEAM_MESSAGE = "You can build packs only for the teams you are in: %(teams)s."
NO_TEAM_MESSAGE = (
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
                title=f"{team.name if team else source.team.name} staff meeting, "
                f"{next_date:%-d %B %Y}",
                team=team,
                meeting_date=next_date,
                start_time=source.start_time,
            )
