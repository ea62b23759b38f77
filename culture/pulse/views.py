"""Answering a pulse: the home page's panel posts here; errors come back on a page of their own."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .answering import AlreadyAnswered, answering_team, record_answers, set_primary_team, teams_of
from .forms import PulseAnswerForm
from .models import Pulse, PulseAnswered


@require_http_methods(["GET", "POST"])
def answer(request, pk):
    pulse = get_object_or_404(Pulse.objects.running(), pk=pk)
    user = request.user
    if PulseAnswered.objects.filter(pulse=pulse, user=user).exists():
        messages.info(request, _("You have answered this pulse already. Thank you!"))
        return redirect("/")
    teams = teams_of(user)
    team = answering_team(user, teams)
    statements = list(pulse.statements.all())
    form = PulseAnswerForm(
        request.POST if request.method == "POST" else None,
        statements=statements,
        teams=teams if team is None else None,
        auto_id="pulse-%s",
    )
    if teams and form.is_bound and form.is_valid():
        if team is None:
            team = form.cleaned_data["team"]
            set_primary_team(user, team)
        try:
            record_answers(pulse, user, team, form.scores())
        except AlreadyAnswered:
            messages.info(request, _("You have answered this pulse already. Thank you!"))
        else:
            messages.success(
                request,
                _("Thank you. Your answers were added to your team's totals, without your name."),
            )
        return redirect("/")
    return TemplateResponse(
        request,
        "pulse/answer.html",
        {"pulse": pulse, "form": form, "teams": teams, "team": team},
        status=400 if form.is_bound else 200,
    )
