"""Small groups in the weekly digest: it shows a story's title, summary and byline and never
its team, so an anonymous story of a two-person team names neither team nor author, and one of
a six-person team no more (stories/small_groups.py)."""

import pytest
from django.core import mail

from home.factories import UserFactory
from stories.factories import TeamFactory

from .test_digest import digest_world, run  # noqa: F401 (a fixture and a helper)


@pytest.mark.django_db
def test_the_digest_names_no_small_team(digest_world, employee):  # noqa: F811
    payroll = TeamFactory(name="Payroll", members=[digest_world["priya"], UserFactory()])
    helpdesk = TeamFactory(name="Helpdesk", members=6)
    digest_world["secret"].team = payroll
    digest_world["secret"].save()
    digest_world["named"].team = helpdesk
    digest_world["named"].save()
    run()
    message = next(m for m in mail.outbox if m.to == [employee.email])
    for part in (message.body, message.alternatives[0][0]):
        assert "I deleted the backup" in part and "Anonymous" in part
        assert "Payroll" not in part and "Natarajan" not in part
