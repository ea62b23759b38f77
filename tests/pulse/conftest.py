"""Fixtures for the pulse: teams with members, and a running pulse."""

import pytest

from culture.pulse.factories import PulseFactory
from home.factories import UserFactory
from stories.factories import TeamFactory


@pytest.fixture
def make_team(db):
    def make(name, size):
        team = TeamFactory(name=name)
        team.members.add(*[UserFactory(username=f"{team.slug}-{n}") for n in range(size)])
        return team

    return make


@pytest.fixture
def pulse(db):
    return PulseFactory(title="Spring pulse")
