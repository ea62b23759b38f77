"""Building a pack in the admin: page tree, the agenda's validation, totals and warnings."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from culture.meetings.blocks import EMPTY_AGENDA_MESSAGE, MINUTES_MESSAGE, AgendaBlock
from culture.meetings.models import MeetingPackPage, MeetingPacksIndexPage
from home.models import HomePage


def pack_form(team, agenda, **fields):
    data = {
        "title": "Support staff meeting",
        "slug": "support-staff-meeting",
        "team": team.pk,
        "meeting_date": "2030-03-05",
        "start_time": "09:30",
        "target_minutes": 30,
        "topics": "",
        "facilitator_notes": "",
        "agenda": streamfield(agenda),
    }
    data.update(fields)
    return nested_form_data(data)


def round_item(minutes):
    return ("open_round", {"prompt": "Share a mistake", "minutes": minutes})


def story_block(story, minutes=15):
    return ("story", {"story": story.pk, "minutes": minutes, "questions": {"count": 0}})


def add_url(index):
    return f"/admin/pages/add/meetings/meetingpackpage/{index.pk}/"


def test_page_tree_rules(db):
    assert MeetingPacksIndexPage.allowed_parent_page_models() == [HomePage]
    assert MeetingPacksIndexPage.allowed_subpage_models() == [MeetingPackPage]
    assert MeetingPackPage.allowed_subpage_models() == []
    assert MeetingPacksIndexPage.max_count == 1


def test_every_block_has_icon_template_preview_and_description():
    for name, block in AgendaBlock().child_blocks.items():
        assert block.meta.icon, name
        # New blocks follow the app (STYLE.md 24); the older ones are still in blocks/.
        assert block.meta.template.startswith(("meetings/blocks/", "blocks/")), name
        assert block.get_description(), name
        assert block.is_previewable, name


def test_a_new_pack_starts_with_a_default_30_minute_agenda(client, superuser, packs_index):
    client.force_login(superuser)
    response = client.get(add_url(packs_index))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<output data-agenda-total>30</output>" in html
    assert "Mistake cake" in html


def test_lead_creates_a_pack_with_a_story(client, lead, support, packs_index, story):
    client.force_login(lead)
    data = pack_form(support, [story_block(story), round_item(10)], **{"action-publish": "1"})
    response = client.post(add_url(packs_index), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    pack = MeetingPackPage.objects.get(slug="support-staff-meeting")
    assert pack.live and pack.team == support and pack.owner == lead
    assert [child.block_type for child in pack.agenda] == ["story", "open_round"]
    assert pack.agenda[0].value["story"] == story
    assert pack.start_time == datetime.time(9, 30)
    assert list(pack.story_links.values_list("story_id", flat=True)) == [story.pk]


@pytest.mark.parametrize(
    "agenda, message",
    [
        ([], EMPTY_AGENDA_MESSAGE),
        ([round_item(0)], MINUTES_MESSAGE),
        ([round_item(-5)], MINUTES_MESSAGE),
        ([round_item("")], MINUTES_MESSAGE),
    ],
)
@pytest.mark.parametrize("action", ["save", "publish"])
def test_bad_agenda_is_refused_with_a_clear_message(
    client, culture_member, support, packs_index, agenda, message, action
):
    client.force_login(culture_member)
    data = pack_form(support, agenda)
    if action == "publish":
        data["action-publish"] = "1"
    response = client.post(add_url(packs_index), data)
    assert response.status_code == 200
    assert str(message) in response.content.decode()
    # What was typed is still there.
    assert b"Support staff meeting" in response.content
    assert not MeetingPackPage.objects.exists()


def test_unpublished_story_cannot_be_chosen(client, culture_member, support, packs_index, story):
    story.unpublish()
    client.force_login(culture_member)
    response = client.post(add_url(packs_index), pack_form(support, [story_block(story)]))
    assert response.status_code == 200
    assert "is not published. Choose a published story." in response.content.decode()


def test_saving_an_agenda_over_target_warns(client, culture_member, pack):
    client.force_login(culture_member)
    data = pack_form(pack.team, [round_item(20), round_item(25)], slug=pack.slug, target_minutes=30)
    response = client.post(f"/admin/pages/{pack.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "runs 45 minutes, 15 longer than the 30-minute target" in html
    # The editor's panel shows the total of the saved draft and its warning.
    assert "<output data-agenda-total>45</output>" in html
    assert "<strong data-agenda-over-by>15</strong>" in html


def test_within_target_no_warning(client, culture_member, pack):
    client.force_login(culture_member)
    data = pack_form(pack.team, [round_item(20)], slug=pack.slug, target_minutes=30)
    response = client.post(f"/admin/pages/{pack.pk}/edit/", data, follow=True)
    html = response.content.decode()
    assert "longer than the 30-minute target" not in html
    assert '<p class="help-block help-warning" data-agenda-over role="status" hidden>' in html


def test_running_total_script_is_on_the_editor(client, culture_member, pack):
    client.force_login(culture_member)
    html = client.get(f"/admin/pages/{pack.pk}/edit/").content.decode()
    assert "js/meetings-admin.js" in html
    assert 'data-target-input="id_target_minutes"' in html
    assert "<output data-agenda-total>27</output>" in html


def test_unpublished_story_is_listed_for_the_lead_in_the_editor(
    client, culture_member, pack, story
):
    story.unpublish()
    client.force_login(culture_member)
    html = client.get(f"/admin/pages/{pack.pk}/edit/").content.decode()
    assert "Readers no longer see these stories" in html
    assert "Item 2: The invoice we sent twice" in html


def test_deleted_story_is_listed_too(client, culture_member, pack, story):
    Page.objects.get(pk=story.pk).delete()
    client.force_login(culture_member)
    response = client.get(f"/admin/pages/{pack.pk}/edit/")
    assert response.status_code == 200
    assert "Item 2: A story that was deleted" in response.content.decode()


def test_block_previews_render_in_the_admin(client, superuser, packs_index):
    client.force_login(superuser)
    client.get(add_url(packs_index))  # the editor registers the block definitions
    for name, block in MeetingPackPage._meta.get_field("agenda").stream_block.child_blocks.items():
        response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "css/site.css" in html and "agenda-item" in html, name
