"""The pulse on the home page (a laces Component for `own_it_home_panels`)."""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from laces.components import Component

from .answering import answering_team, teams_of
from .forms import PulseAnswerForm
from .models import Pulse, PulseAnswered

# Below the campaign banner and the quote: a question, not news.
PANEL_ORDER = 25


class PulsePanel(Component):
    """The running pulse: the form, or thanks once the reader has answered.

    Asked on every request and never cached: whether this person has answered is theirs alone.
    A fixed handful of small queries: the pulse, the "has answered" mark, the reader's teams and
    primary team, the statements.
    """

    template_name = "pulse/panels/pulse.html"
    order = PANEL_ORDER

    def __init__(self, request, pulse):
        self.request = request
        self.pulse = pulse

    @classmethod
    def for_request(cls, request):
        if not request.user.is_authenticated:
            return None
        pulse = Pulse.objects.running().first()
        return cls(request, pulse) if pulse else None

    @cached_property
    def has_answered(self):
        return PulseAnswered.objects.filter(pulse=self.pulse, user=self.request.user).exists()

    @cached_property
    def teams(self):
        return teams_of(self.request.user)

    @cached_property
    def team(self):
        return answering_team(self.request.user, self.teams)

    def form(self):
        return PulseAnswerForm(
            statements=self.pulse.statements.all(),
            teams=self.teams if self.team is None else None,
            auto_id="pulse-%s",
        )

    def get_context_data(self, parent_context=None):
        return {
            "request": self.request,
            # Rendered with a plain dict: the form's {% csrf_token %} needs the token from here.
            "csrf_token": get_token(self.request),
            "panel": self,
            "pulse": self.pulse,
            "answer_url": reverse("pulse:answer", args=[self.pulse.pk]),
        }
