"""The pulse as a form: one 1–7 scale per statement, and the team when it must be asked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SCORES

SCALE_ENDS = {1: _("strongly disagree"), 4: _("neither"), 7: _("strongly agree")}


def scale_choices():
    choices = []
    for score in SCORES:
        words = SCALE_ENDS.get(score)
        choices.append((str(score), f"{score} – {words}" if words else str(score)))
    return choices


class PulseAnswerForm(forms.Form):
    """Built for one pulse and one person: `statements` in order, `teams` when the person is in
    several teams and has no primary team yet (their answer counts for the one they choose)."""

    required_message = _("Choose a number from 1 to 7 for this statement.")

    def __init__(self, *args, statements, teams=None, **kwargs):
        from stories.models import Team

        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        if teams:
            self.fields["team"] = forms.ModelChoiceField(
                queryset=None,
                label=_("Which team do you answer for?"),
                help_text=_(
                    "You are in several teams. Your choice becomes your primary team for pulses."
                ),
                empty_label=_("Choose your team"),
                error_messages={"required": _("Choose the team you answer for.")},
            )
            self.fields["team"].queryset = Team.objects.filter(pk__in=[team.pk for team in teams])
        for statement in self.statements:
            self.fields[self.field_name(statement)] = forms.TypedChoiceField(
                label=statement.text,
                choices=scale_choices(),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": self.required_message},
            )

    @staticmethod
    def field_name(statement):
        return f"statement_{statement.pk}"

    def statement_fields(self):
        return [self[self.field_name(statement)] for statement in self.statements]

    def scores(self):
        return {
            statement.pk: self.cleaned_data[self.field_name(statement)]
            for statement in self.statements
        }
