"""Factories for pulses: shared by tests and benchmarks.

pulse = PulseFactory()                     # running today, with every active statement
answer(pulse, user, team, score=5)         # one person's answers, as the form records them
"""

import datetime

import factory
from django.utils import timezone

from .answering import record_answers
from .models import Pulse, PulseStatement


class PulseStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PulseStatement

    text = factory.Sequence(lambda n: f"Statement {n} about this team.")
    sort_order = factory.Sequence(lambda n: 100 + n)


class PulseFactory(factory.django.DjangoModelFactory):
    """A pulse open from a week ago to a week ahead, with the active statements (or `statements`)."""

    class Meta:
        model = Pulse

    title = factory.Sequence(lambda n: f"Pulse {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    closes_on = factory.LazyAttribute(lambda pulse: pulse.opens_on + datetime.timedelta(days=14))

    @factory.post_generation
    def statements(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = PulseStatement.objects.filter(active=True)
        self.statements.set(extracted)


def answer(pulse, user, team, score=5, scores=None):
    """Record `user`'s answers for `team`: `score` for every statement, or `scores` by statement."""
    statements = list(pulse.statements.all())
    chosen = scores or {statement.pk: score for statement in statements}
    record_answers(pulse, user, team, chosen)
