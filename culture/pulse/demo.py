"""Demo pulses: two closed ones (their scores show the trend in the culture insights) and one
running (its headcount shows; its scores appear when it closes), answered by the demo colleagues.

In the running pulse Engineering and Sales have five answers each (shown by name); Support,
Operations and Finance have fewer and are counted together as "Other teams". Erin has not
answered, so signing in as erin shows the pulse on the home page. Scores are drawn from a seeded
random generator (a slowly rising trend), and recorded through the same code as real answers.
Idempotent: pulses are found by title.
"""

import datetime
import random

from django.utils import timezone

from .answering import record_answers, set_primary_team
from .models import Pulse, PulseStatement

# Who answers, for which team (their primary team where they are in several).
ANSWERS = {
    "Engineering": ["lee", "hana", "ravi", "lena", "aiko"],
    "Sales": ["tove", "priya", "noor", "kofi", "ines"],
    "Support": ["sam", "mateo"],
    "Operations": ["morgan", "femi", "omar"],
    "Finance": ["jonas"],
}
# title, days from today it opened, days it runs, mean answer to a positively worded statement
DEMO_PULSES = [
    ("Pulse, six months ago", -182, 14, 4.4),
    ("Pulse, three months ago", -91, 14, 4.9),
    ("Pulse, this month", -5, 14, 5.3),
]


def load(demo):
    from stories.models import Team

    teams = {team.name: team for team in Team.objects.filter(name__in=ANSWERS)}
    statements = list(PulseStatement.objects.filter(active=True))
    today = timezone.localdate()
    randomiser = random.Random(16)
    added = 0
    for title, opened, days, mean in DEMO_PULSES:
        if Pulse.objects.filter(title=title).exists():
            continue
        opens_on = today + datetime.timedelta(days=opened)
        pulse = Pulse.objects.create(
            title=title, opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=days)
        )
        pulse.statements.set(statements)
        added += 1
        for team_name, usernames in ANSWERS.items():
            team = teams.get(team_name)
            for username in usernames:
                user = demo.users.get(username)
                if team is None or user is None:
                    continue
                if user.teams.count() > 1:
                    set_primary_team(user, team)
                scores = {}
                for statement in statements:
                    score = min(7, max(1, round(randomiser.gauss(mean, 1.1))))
                    scores[statement.pk] = 8 - score if statement.reverse_scored else score
                record_answers(pulse, user, team, scores)
    running = Pulse.objects.running(today).first()
    demo.say(
        f"Pulse: {added} added; running: {running.title if running else 'none'} "
        f"({running.answered.count() if running else 0} answered)."
    )
