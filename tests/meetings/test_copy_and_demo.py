"""Starting a pack from another one, and the demo packs."""

import datetime
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from culture.meetings.models import MeetingPackPage


def test_start_a_new_pack_from_this_one(client, lead, pack, story):
    client.force_login(lead)
    url = f"/admin/meetings/packs/{pack.pk}/new-from/"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["meeting_date"] == pack.meeting_date + datetime.timedelta(
        days=7
    )
    response = client.post(
        url,
        {
            "title": "Support staff meeting, again",
            "team": pack.team.pk,
            "meeting_date": "2031-01-07",
            "start_time": "14:00",
        },
    )
    copy = MeetingPackPage.objects.get(title="Support staff meeting, again")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert not copy.live
    assert copy.meeting_date == datetime.date(2031, 1, 7)
    assert copy.start_time == datetime.time(14, 0)
    assert copy.owner == lead
    assert [child.block_type for child in copy.agenda] == ["opening_quote", "story", "open_round"]
    assert copy.story_ids() == [story.pk]
    # The original is untouched.
    pack.refresh_from_db()
    assert pack.title == "Support staff meeting" and pack.live
    assert client.get(f"/admin/pages/{copy.pk}/edit/").status_code == 200


def test_a_lead_can_reuse_another_teams_format_for_their_own_team(
    client, lead, make_pack, engineering, support
):
    other = make_pack(team=engineering, title="Engineering format")
    client.force_login(lead)
    url = f"/admin/meetings/packs/{other.pk}/new-from/"
    assert client.get(url).context["form"].initial["team"] == support
    refused = client.post(
        url,
        {
            "title": "Mine",
            "team": engineering.pk,
            "meeting_date": "2031-01-07",
            "start_time": "9:00",
        },
    )
    assert refused.status_code == 200
    assert "You can build packs only for the teams you are in" in refused.content.decode()
    client.post(
        url,
        {"title": "Mine", "team": support.pk, "meeting_date": "2031-01-07", "start_time": "9:00"},
    )
    assert MeetingPackPage.objects.get(title="Mine").team == support


def test_wagtails_copy_keeps_the_agenda(client, culture_member, pack):
    client.force_login(culture_member)
    response = client.post(
        f"/admin/pages/{pack.pk}/copy/",
        {
            "new_title": "Copied pack",
            "new_slug": "copied-pack",
            "new_parent_page": pack.get_parent().pk,
            "copy_subpages": False,
            "publish_copies": False,
            "alias": False,
        },
    )
    assert response.status_code == 302
    copy = MeetingPackPage.objects.get(slug="copied-pack")
    assert copy.story_ids() == pack.story_ids()
    assert list(copy.story_links.values_list("story_id", flat=True)) == pack.story_ids()


def test_start_new_pack_button_in_the_page_header(client, lead, pack):
    client.force_login(lead)
    html = client.get(f"/admin/pages/{pack.pk}/edit/").content.decode()
    assert f"/admin/meetings/packs/{pack.pk}/new-from/" in html
    assert "Start a new pack from this one" in html


def test_demo_adds_packs_for_different_teams_one_in_the_past_and_leads_draft(db, client, settings):
    settings.DEBUG = True
    cache.clear()  # Wagtail caches site root paths; earlier tests' sites are gone
    call_command("load_demo", stdout=StringIO())
    packs = MeetingPackPage.objects.live()
    assert packs.count() >= 3
    assert len({pack.team_id for pack in packs}) >= 3
    assert packs.filter(meeting_date__lt=timezone.localdate()).exists()
    # A practice drill, with its situation proposed from the story.
    drills = [c for pack in packs for c in pack.agenda if c.block_type == "drill"]
    assert drills and drills[0].value["situation"] and drills[0].value["story"].live
    # Lee's next pack is a draft: the lead's dashboard has a pack to finish (idempotent too).
    drafts = MeetingPackPage.objects.filter(live=False)
    assert drafts.count() == 1 and drafts.get().meeting_date >= timezone.localdate()
    assert drafts.get().team.meeting_weekday is not None
    call_command("load_demo", stdout=StringIO())
    assert MeetingPackPage.objects.count() == packs.count() + 1

    from django.contrib.auth import get_user_model

    lee = get_user_model().objects.get(username="lee")
    client.force_login(lee)
    past = packs.filter(meeting_date__lt=timezone.localdate()).first()
    assert client.get(past.url).status_code == 200
    assert client.get(past.url + "pdf/").status_code == 200
    assert client.get(f"/admin/pages/{past.pk}/edit/").status_code == 200


def test_demo_works_with_debug_off(db, settings):
    settings.DEBUG = False
    cache.clear()
    call_command("load_demo", stdout=StringIO())
    assert MeetingPackPage.objects.live().count() >= 3


def test_another_teams_pack_lends_only_its_published_format(
    client, lead, make_pack, engineering, support
):
    """A lead reusing another team's pack gets its live agenda, never its draft or its notes."""
    other = make_pack(team=engineering, title="Engineering format", facilitator_notes="Ask Priya")
    live_minutes = other.target_minutes
    draft = MeetingPackPage.objects.get(pk=other.pk)
    draft.target_minutes = live_minutes + 30
    draft.save_revision()
    client.force_login(lead)
    client.post(
        f"/admin/meetings/packs/{other.pk}/new-from/",
        {"title": "Mine", "team": support.pk, "meeting_date": "2031-01-07", "start_time": "9:00"},
    )
    mine = MeetingPackPage.objects.get(title="Mine")
    assert mine.facilitator_notes == ""
    assert mine.target_minutes == live_minutes
    assert list(mine.agenda.raw_data) == list(other.agenda.raw_data)

    unpublished = make_pack(team=engineering, title="Engineering draft only")
    unpublished.unpublish()
    assert client.get(f"/admin/meetings/packs/{unpublished.pk}/new-from/").status_code == 404
