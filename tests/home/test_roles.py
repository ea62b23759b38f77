"""Each role can do what the roles table in docs/security.md says, and is refused the rest."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.factories import UserFactory
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, ROLES, TEAM_LEADS, sync_roles


@pytest.mark.django_db
def test_migrate_creates_the_four_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.django_db
def test_sync_roles_is_idempotent(home_page):
    sync_roles()
    before = {
        g.name: sorted(g.permissions.values_list("codename", flat=True))
        for g in Group.objects.all()
    }
    page_perms = Group.objects.get(name=CULTURE_TEAM).page_permissions.count()
    sync_roles()
    after = {
        g.name: sorted(g.permissions.values_list("codename", flat=True))
        for g in Group.objects.all()
    }
    assert before == after
    assert Group.objects.get(name=CULTURE_TEAM).page_permissions.count() == page_perms


@pytest.mark.django_db
def test_a_new_account_is_an_employee():
    user = UserFactory(username="newcomer")
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYEES]


@pytest.mark.django_db
def test_employees_read_the_site_but_not_the_admin(client, home_page, employee):
    client.force_login(employee)
    assert client.get("/").status_code == 200
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [MODERATORS, TEAM_LEADS, CULTURE_TEAM])
def test_moderators_leads_and_culture_team_use_the_admin(client, home_page, role_users, role):
    client.force_login(role_users[role])
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [(EMPLOYEES, False), (MODERATORS, False), (TEAM_LEADS, False), (CULTURE_TEAM, True)],
)
def test_only_the_culture_team_edits_site_settings(client, home_page, role_users, role, allowed):
    client.force_login(role_users[role])
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", home_page.get_site().pk])
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
        saved = client.post(
            url,
            {
                "site_name": "Own It!",
                "tagline": "Learn",
                "primary_colour": "#7a1f5c",
                "anonymity_min_group": 5,
                "daily_publication_time": "09:00",
            },
        )
        assert saved.status_code == 302
        page = client.get("/")
        assert b"Own It!" in page.content
        assert b'href="/site-colours.css?v=7a1f5c"' in page.content
        assert b"--primary: #7a1f5c" in client.get("/site-colours.css?v=7a1f5c").content
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "login" in response["Location"] or response["Location"] == "/admin/"


@pytest.mark.django_db
def test_culture_team_edits_the_home_page_but_moderators_do_not(
    home_page, moderator, culture_member
):
    assert home_page.permissions_for_user(culture_member).can_edit()
    assert home_page.permissions_for_user(culture_member).can_publish()
    assert not home_page.permissions_for_user(moderator).can_edit()


@pytest.mark.django_db
def test_too_light_primary_colour_is_refused_with_a_reason(client, home_page, culture_member):
    client.force_login(culture_member)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", home_page.get_site().pk])
    response = client.post(url, {"site_name": "Own It", "tagline": "", "primary_colour": "#ffee88"})
    assert response.status_code == 200
    assert b"too light to read against white" in response.content
    assert b"#ffee88" in response.content
    bad_format = client.post(url, {"site_name": "Own It", "tagline": "", "primary_colour": "blue"})
    assert b"six hex digits" in bad_format.content
