"""Story suggestions for a pack: tags, "good for meetings" first, nothing the team discussed."""

import datetime

from django.utils import timezone

from culture.meetings.factories import story_item
from culture.meetings.models import MeetingPackPage
from culture.meetings.suggestions import suggest_stories
from stories.factories import StoryPageFactory


def latest(pack):
    return MeetingPackPage.objects.get(pk=pack.pk).get_latest_revision_as_object()


def titles(stories):
    return [story.title for story in stories]


def test_matching_tags_and_good_for_meetings_first(stories_index, make_pack, support):
    StoryPageFactory(parent=stories_index, title="Untagged")
    StoryPageFactory(parent=stories_index, title="Billing plain", tags=["billing"])
    StoryPageFactory(
        parent=stories_index, title="Billing good", tags=["billing"], good_for_meetings=True
    )
    StoryPageFactory(parent=stories_index, title="Billing both", tags=["billing", "email"])
    draft = StoryPageFactory(parent=stories_index, title="Billing draft", tags=["billing"])
    draft.unpublish()
    pack = make_pack()
    pack.topics.add("billing", "email")
    pack.save()

    suggested = titles(suggest_stories(pack))
    assert suggested == ["Billing good", "Billing both", "Billing plain"]
    # Without tags every published story is a candidate, the good ones first.
    assert titles(suggest_stories(pack, tags=[]))[0] == "Billing good"
    assert "Untagged" in titles(suggest_stories(pack, tags=[]))
    assert "Billing draft" not in titles(suggest_stories(pack, tags=[]))


def test_stories_the_team_discussed_before_are_left_out(
    stories_index, make_pack, support, engineering
):
    today = timezone.localdate()
    discussed = StoryPageFactory(parent=stories_index, title="Discussed")
    planned = StoryPageFactory(parent=stories_index, title="Planned for later")
    elsewhere = StoryPageFactory(parent=stories_index, title="Discussed by engineering")
    in_draft = StoryPageFactory(parent=stories_index, title="In an unpublished past pack")
    StoryPageFactory(parent=stories_index, title="Fresh")
    make_pack(meeting_date=today - datetime.timedelta(days=7), agenda=[story_item(discussed)])
    make_pack(meeting_date=today + datetime.timedelta(days=30), agenda=[story_item(planned)])
    make_pack(
        team=engineering,
        meeting_date=today - datetime.timedelta(days=7),
        agenda=[story_item(elsewhere)],
    )
    make_pack(
        meeting_date=today - datetime.timedelta(days=3), agenda=[story_item(in_draft)]
    ).unpublish()

    pack = make_pack(meeting_date=today + datetime.timedelta(days=7), agenda=[])
    suggested = titles(suggest_stories(pack, tags=[]))
    assert "Discussed" not in suggested
    assert {"Fresh", "Planned for later", "Discussed by engineering"} <= set(suggested)
    assert "In an unpublished past pack" in suggested


def test_stories_already_on_the_agenda_are_left_out(pack, story):
    assert story.title not in titles(suggest_stories(pack, tags=[]))


def test_suggestions_page_and_one_click_add(client, lead, pack, stories_index):
    new = StoryPageFactory(
        parent=stories_index, title="The wrong attachment", tags=["email"], good_for_meetings=True
    )
    client.force_login(lead)
    url = f"/admin/meetings/packs/{pack.pk}/suggestions/"
    response = client.get(url + "?tag=email")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The wrong attachment" in html and "Good for meetings" in html

    response = client.post(url + "add/", {"story": new.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{pack.pk}/edit/"
    draft = latest(pack)
    assert [child.block_type for child in draft.agenda][-1] == "story"
    assert draft.agenda[-1].value["story"].pk == new.pk
    assert draft.agenda[-1].value["minutes"] == 15
    # The live page is unchanged until the lead publishes.
    pack.refresh_from_db()
    assert len(pack.agenda) == 3

    # Adding it again says so instead of adding a duplicate.
    response = client.post(url + "add/", {"story": new.pk}, follow=True)
    assert "already on the agenda" in response.content.decode()
    assert len(latest(pack).agenda) == 4


def test_adding_an_unpublished_story_is_refused(client, lead, pack, stories_index):
    draft = StoryPageFactory(parent=stories_index, title="Draft")
    draft.unpublish()
    client.force_login(lead)
    response = client.post(
        f"/admin/meetings/packs/{pack.pk}/suggestions/add/", {"story": draft.pk}, follow=True
    )
    assert "not published any more" in response.content.decode()
    assert latest(pack).story_ids() == pack.story_ids()


def test_suggestions_page_costs_a_fixed_number_of_queries(
    client, lead, pack, stories_index, django_assert_max_num_queries
):
    client.force_login(lead)
    url = f"/admin/meetings/packs/{pack.pk}/suggestions/?tag="
    for number in range(3):
        StoryPageFactory(parent=stories_index, tags=["email", f"t{number}"])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for number in range(20):
        StoryPageFactory(parent=stories_index, tags=["email", f"u{number}"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_story_added_from_the_suggestions_goes_before_the_closing_celebration(
    client, lead, make_pack, stories_index
):
    from django.contrib.messages import get_messages

    from culture.meetings.blocks import default_agenda

    pack = make_pack(agenda=default_agenda(), target_minutes=30)  # round 10, plan 15, cake 5
    new = StoryPageFactory(parent=stories_index, title="The wrong attachment")
    client.force_login(lead)
    response = client.post(f"/admin/meetings/packs/{pack.pk}/suggestions/add/", {"story": new.pk})
    kinds = [child.block_type for child in latest(pack).agenda]
    assert kinds == ["open_round", "plan_exercise", "story", "celebration"]
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "runs 15 minutes over its 30-minute target" in said
