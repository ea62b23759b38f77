"""Fixtures shared by every app's tests: a minimal real page tree and one user per role."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from home.factories import HomePageFactory, UserFactory
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: cached sites and pages of a rolled-back test
    must not leak into the next one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home_page(db):
    """Root → Home, served as the default site (the Wagtail welcome page is removed)."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def employee(db):
    return UserFactory(username="erin", first_name="Erin", last_name="Walsh")


@pytest.fixture
def other_employee(db):
    return UserFactory(username="sam", first_name="Sam", last_name="Okafor")


@pytest.fixture
def moderator(db):
    return UserFactory(username="morgan", roles=[MODERATORS])


@pytest.fixture
def team_lead(db):
    return UserFactory(username="lee", roles=[TEAM_LEADS])


@pytest.fixture
def culture_member(db):
    return UserFactory(username="casey", roles=[CULTURE_TEAM])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def role_users(employee, moderator, team_lead, culture_member):
    return {
        EMPLOYEES: employee,
        MODERATORS: moderator,
        TEAM_LEADS: team_lead,
        CULTURE_TEAM: culture_member,
    }


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client
