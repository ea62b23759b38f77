"""The demo: a running pulse answered by enough people in two teams, some in small teams."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from culture.pulse import results
from culture.pulse.models import Pulse


def test_demo_has_a_running_pulse_with_two_teams_and_other_teams(db, client, settings):
    settings.DEBUG = True
    cache.clear()  # Wagtail caches site root paths; earlier tests' sites are gone
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent
    assert Pulse.objects.count() == 3
    running = Pulse.objects.running().get()
    (result,) = results.results([running], minimum=5)
    groups = {group.name: group.people for group in result.teams}
    assert groups == {"Engineering": 5, "Sales": 5, "Other teams": 6}
    assert all(found.company for found in results.results(list(Pulse.objects.all()), 5))

    users = get_user_model().objects
    client.force_login(users.get(username="erin"))
    html = client.get("/").content.decode()
    assert running.title in html and "You answer for Engineering." in html
    client.force_login(users.get(username="lee"))
    assert "Thank you for answering" in client.get("/").content.decode()
    client.force_login(users.get(username="casey"))
    html = client.get(reverse("campaigns_admin:insights")).content.decode()
    section = html.split('id="pulse-title"')[1].split("</section>")[0]
    assert "Engineering" in section and "Sales" in section and "Other teams" in section
    assert "Finance" not in section
