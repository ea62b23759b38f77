"""Employees read packs; Team leads (their own teams only) and the Culture team build them."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from culture.meetings.models import MeetingPackPage
from home.roles import CULTURE_TEAM, TEAM_LEADS

from .test_building import add_url, pack_form, round_item


def edit_status(client, user, pack):
    client.force_login(user)
    return client.get(f"/admin/pages/{pack.pk}/edit/")


def is_refused(response):
    """Wagtail answers 403, or redirects to the sign-in page or the dashboard with a message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and not urlsplit(response["Location"]).path.startswith(
        "/admin/pages/"
    )


def test_roles_hold_page_permissions_on_the_index(packs_index):
    for role in (TEAM_LEADS, CULTURE_TEAM):
        codenames = set(
            GroupPagePermission.objects.filter(
                group=Group.objects.get(name=role), page=packs_index
            ).values_list("permission__codename", flat=True)
        )
        assert codenames == {"add_page", "change_page", "publish_page"}


def test_employee_reads_a_pack_but_cannot_edit_it(client, employee, pack):
    client.force_login(employee)
    assert client.get(pack.url).status_code == 200
    assert b"Edit pack" not in client.get(pack.url).content
    assert is_refused(edit_status(client, employee, pack))
    assert client.get(add_url(pack.get_parent())).status_code != 200


def test_moderator_cannot_edit_packs(client, moderator, pack):
    assert is_refused(edit_status(client, moderator, pack))


def test_lead_edits_their_own_teams_pack(client, lead, pack):
    response = edit_status(client, lead, pack)
    assert response.status_code == 200
    assert client.get(pack.url).content.count(b"Edit pack") == 1


def test_lead_cannot_edit_another_teams_pack(client, lead, make_pack, engineering):
    other = make_pack(team=engineering, title="Engineering meeting")
    assert is_refused(edit_status(client, lead, other))
    for action in ("delete", "unpublish", "copy", "move"):
        response = client.get(f"/admin/pages/{other.pk}/{action}/")
        assert is_refused(response), action
    perms = other.permissions_for_user(lead)
    assert not (perms.can_publish() or perms.can_edit() or perms.can_delete())


def test_lead_in_no_team_edits_nothing(client, team_lead, pack):
    assert is_refused(edit_status(client, team_lead, pack))


def test_culture_team_edits_every_teams_pack(client, culture_member, make_pack, engineering, pack):
    other = make_pack(team=engineering, title="Engineering meeting")
    assert edit_status(client, culture_member, pack).status_code == 200
    assert edit_status(client, culture_member, other).status_code == 200


def test_lead_is_offered_only_their_teams(client, lead, support, engineering, packs_index):
    client.force_login(lead)
    html = client.get(add_url(packs_index)).content.decode()
    assert f'<option value="{support.pk}"' in html
    assert f'<option value="{engineering.pk}"' not in html


def test_lead_cannot_create_a_pack_for_another_team(client, lead, engineering, packs_index):
    client.force_login(lead)
    response = client.post(add_url(packs_index), pack_form(engineering, [round_item(10)]))
    assert response.status_code == 200
    assert "You can build packs only for the teams you are in: Customer Support." in (
        response.content.decode()
    )
    assert not MeetingPackPage.objects.exists()


def test_lead_cannot_move_their_pack_to_another_team(client, lead, engineering, pack):
    client.force_login(lead)
    data = pack_form(engineering, [round_item(10)], slug=pack.slug)
    response = client.post(f"/admin/pages/{pack.pk}/edit/", data)
    assert response.status_code == 200
    assert "You can build packs only for the teams you are in" in response.content.decode()
    pack.refresh_from_db()
    assert pack.team.name == "Customer Support"


def test_culture_member_may_choose_any_team(client, culture_member, engineering, packs_index):
    client.force_login(culture_member)
    response = client.post(
        add_url(packs_index), pack_form(engineering, [round_item(10)], **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert MeetingPackPage.objects.get().team == engineering


@pytest.mark.parametrize("view", ["suggestions", "new-from"])
def test_admin_views_need_the_right_to_edit(client, employee, lead, make_pack, engineering, view):
    other = make_pack(team=engineering)
    client.force_login(employee)
    assert client.get(f"/admin/meetings/packs/{other.pk}/{view}/").status_code in (302, 403)
    if view == "suggestions":
        client.force_login(lead)
        assert is_refused(client.get(f"/admin/meetings/packs/{other.pk}/{view}/"))


def test_leads_may_choose_quotes(client, lead, quote):
    client.force_login(lead)
    response = client.get("/admin/snippets/choose/quotes/quote/")
    assert response.status_code == 200


def test_the_registered_permission_policy_applies_the_team_rule(
    lead, culture_member, make_pack, engineering, pack
):
    from wagtail.permissions import policy_registry

    other = make_pack(team=engineering, title="Engineering meeting")
    policy = policy_registry.get(pack)
    assert type(policy).__name__ == "MeetingPackPermissionPolicy"
    assert policy.user_has_permission_for_instance(lead, "change", pack)
    assert not policy.user_has_permission_for_instance(lead, "change", other)
    assert policy.user_has_permission_for_instance(culture_member, "publish", other)
