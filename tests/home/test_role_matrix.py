"""Roles are exactly what the code declares: the whole matrix, written out by hand.

Two tables, both literal on purpose (never computed from the roles.py declarations), so that a
stray right, a right left over from Wagtail's own migrations, or a wrongly declared one fails here:

* GRANTS: every permission row each role's group holds after `sync_roles`, in the database;
* MATRIX: what each role may do in each admin area, asked of the same decision points the admin
  views ask (page permission testers, the page policy, model and collection policies), with a
  story's states apart: a private draft, one in review, a live one and an unpublished one.

The admin views themselves are exercised in tests/stories/test_draft_privacy_admin.py,
tests/stories/test_review_rules.py, tests/meetings/test_permissions.py and the other apps' tests.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permissions import policy_registry

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from culture.meetings.factories import MeetingPackPageFactory, MeetingPacksIndexPageFactory
from home.factories import UserFactory
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS, sync_roles
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.workflow import culture_review_workflow

pytestmark = pytest.mark.django_db

E, M, L, C = EMPLOYEES, MODERATORS, TEAM_LEADS, CULTURE_TEAM

GRANTS = {
    E: {"model": set(), "page": set(), "collection": set()},
    M: {
        "model": {
            "wagtailadmin.access_admin",
            "stories.view_series",
            "stories.view_team",
            "stories.view_storyreport",
            "stories.change_storyreport",
        },
        "page": {("StoriesIndexPage", "change_page")},
        "collection": set(),
    },
    L: {
        "model": {"wagtailadmin.access_admin", "quotes.view_quote"},
        "page": {
            ("MeetingPacksIndexPage", "add_page"),
            ("MeetingPacksIndexPage", "change_page"),
            ("MeetingPacksIndexPage", "publish_page"),
        },
        "collection": set(),
    },
    C: {
        "model": {
            "wagtailadmin.access_admin",
            "home.change_sitesettings",
            "campaigns.view_insights",
            "quotes.add_quote",
            "quotes.change_quote",
            "quotes.delete_quote",
            "quotes.view_quote",
            "quotes.change_quotesettings",
            "learning.add_storyofthemonth",
            "learning.change_storyofthemonth",
            "learning.delete_storyofthemonth",
            "learning.view_storyofthemonth",
            "stories.add_team",
            "stories.change_team",
            "stories.delete_team",
            "stories.view_team",
            "stories.add_series",
            "stories.change_series",
            "stories.delete_series",
            "stories.view_series",
            "stories.add_blamelessphrase",
            "stories.change_blamelessphrase",
            "stories.delete_blamelessphrase",
            "stories.view_blamelessphrase",
            "stories.add_mistaketopic",
            "stories.change_mistaketopic",
            "stories.delete_mistaketopic",
            "stories.view_mistaketopic",
            "stories.add_identifyingdetail",
            "stories.change_identifyingdetail",
            "stories.delete_identifyingdetail",
            "stories.view_identifyingdetail",
            "stories.view_storyreport",
            "stories.change_storyreport",
            # The pulse (culture/pulse/roles.py); never its counters or "has answered" marks.
            *(
                f"pulse.{action}_{model}"
                for model in ("pulse", "pulsestatement", "primaryteam")
                for action in ("add", "change", "delete", "view")
            ),
        },
        "page": {
            ("HomePage", "change_page"),
            ("HomePage", "publish_page"),
            ("StoriesIndexPage", "change_page"),
            ("StoriesIndexPage", "publish_page"),
            ("MeetingPacksIndexPage", "add_page"),
            ("MeetingPacksIndexPage", "change_page"),
            ("MeetingPacksIndexPage", "publish_page"),
            ("CampaignIndexPage", "add_page"),
            ("CampaignIndexPage", "change_page"),
            ("CampaignIndexPage", "publish_page"),
        },
        "collection": {
            ("Root", "add_image"),
            ("Root", "change_image"),
            ("Root", "choose_image"),
            ("Root", "add_document"),
            ("Root", "change_document"),
            ("Root", "choose_document"),
        },
    },
}

# "list": shown in the admin's page listings and search; "view": opens in the editor; the rest
# as Wagtail names them ("restrict": set view restrictions). Nobody holds lock_page: a story is
# locked only by its reviewers while it is in review.
MATRIX = {
    "story: private draft": {E: "", M: "", L: "", C: ""},
    "story: in review": {
        E: "",
        M: "list view change approve lock",
        L: "",
        C: "list view change approve lock delete restrict",
    },
    "story: live": {
        E: "",
        M: "list view change publish unpublish",
        L: "",
        C: "list view change publish unpublish delete restrict",
    },
    "story: unpublished": {
        E: "",
        M: "list view change",
        L: "",
        C: "list view change delete restrict",
    },
    "stories index": {
        E: "",
        M: "list",
        L: "",
        C: "list view change publish unpublish copy restrict",
    },
    "home page": {
        E: "",
        M: "list",
        L: "list",
        C: "list view change publish unpublish copy restrict",
    },
    "meeting pack, own team": {
        E: "",
        M: "",
        L: "list view change publish unpublish delete copy restrict",
        C: "list view change publish unpublish delete copy restrict",
    },
    "meeting pack, other team": {
        E: "",
        M: "",
        L: "list",
        C: "list view change publish unpublish delete copy restrict",
    },
    "meeting packs index": {
        E: "",
        M: "",
        L: "list add",
        C: "list view change publish unpublish copy restrict add",
    },
    "campaign": {
        E: "",
        M: "",
        L: "",
        C: "list view change publish unpublish delete copy restrict",
    },
    "campaigns index": {
        E: "",
        M: "",
        L: "",
        C: "list view change publish unpublish copy restrict add",
    },
    "teams": {E: "", M: "view", L: "", C: "view add change delete"},
    "series": {E: "", M: "view", L: "", C: "view add change delete"},
    "blameless phrases": {E: "", M: "", L: "", C: "view add change delete"},
    "quotes": {E: "", M: "", L: "view", C: "view add change delete"},
    "pulses": {E: "", M: "", L: "", C: "view add change delete"},
    "site settings": {E: "", M: "", L: "", C: "change"},
    "quote settings": {E: "", M: "", L: "", C: "change"},
    "images": {E: "", M: "", L: "", C: "add change delete choose"},
    "documents": {E: "", M: "", L: "", C: "add change delete choose"},
    "insights": {E: "", M: "", L: "", C: "view"},
    "admin": {E: "", M: "access", L: "access", C: "access"},
    "users and groups": {E: "", M: "", L: "", C: ""},
    "workflows and tasks": {E: "", M: "", L: "", C: ""},
}

PAGE_ACTIONS = [
    "list",
    "view",
    "change",
    "approve",
    "publish",
    "unpublish",
    "lock",
    "delete",
    "copy",
    "restrict",
    "add",
]
MODEL_AREAS = {
    "teams": "stories.%s_team",
    "series": "stories.%s_series",
    "blameless phrases": "stories.%s_blamelessphrase",
    "quotes": "quotes.%s_quote",
    "pulses": "pulse.%s_pulse",
}


@pytest.fixture
def site_tree(home_page):
    stories = StoriesIndexPageFactory(parent=home_page)
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    sync_roles()
    culture_review_workflow()
    own, other = TeamFactory(name="Support"), TeamFactory(name="Web")
    users = {
        role: UserFactory(username=f"user-{n}", roles=[] if role == E else [role])
        for n, role in enumerate([E, M, L, C])
    }
    own.members.add(users[L])
    author = UserFactory(username="author")

    def story(title, **fields):
        return StoryPageFactory(parent=stories, title=title, author=author, **fields)

    in_review = story("In review", live=False, first_published_at=None)
    in_review.save_revision(user=author)
    culture_review_workflow().start(in_review, author)
    today = timezone.localdate()
    campaign = CampaignPage(
        title="Month", slug="month", start_date=today, end_date=today + datetime.timedelta(days=30)
    )
    campaigns.add_child(instance=campaign)
    pages = {
        "story: private draft": story("Draft", live=False, first_published_at=None),
        "story: in review": in_review,
        "story: live": story("Live"),
        "story: unpublished": story("Unpublished", live=False),
        "stories index": stories,
        "home page": home_page,
        "meeting pack, own team": MeetingPackPageFactory(parent=packs, team=own),
        "meeting pack, other team": MeetingPackPageFactory(parent=packs, team=other),
        "meeting packs index": packs,
        "campaign": campaign,
        "campaigns index": campaigns,
    }
    return users, pages


def page_rights(user, page):
    page = Page.objects.get(pk=page.pk).specific
    tester = page.permissions_for_user(user)
    policy = policy_registry.get_by_type(Page)
    task = page.current_workflow_task
    rights = {
        "list": policy.explorable_instances(user).filter(pk=page.pk).exists(),
        "view": tester.can_edit() or tester.can_publish(),
        "change": tester.can_edit(),
        "approve": bool(task and task.get_actions(page, user)),
        "publish": tester.can_publish(),
        "unpublish": tester.can_unpublish(),
        "lock": tester.can_lock(),
        "delete": tester.can_delete(),
        "copy": tester.can_copy(),
        "restrict": tester.can_set_view_restrictions(),
        "add": tester.can_add_subpage(),
    }
    return " ".join(action for action in PAGE_ACTIONS if rights[action])


def other_rights(user, area):
    if area in MODEL_AREAS:
        actions = ["view", "add", "change", "delete"]
        return " ".join(a for a in actions if user.has_perm(MODEL_AREAS[area] % a))
    if area in ("images", "documents"):
        model = get_image_model() if area == "images" else get_document_model()
        policy = policy_registry.get_by_type(model)
        actions = ["add", "change", "delete", "choose"]
        return " ".join(a for a in actions if policy.user_has_permission(user, a))
    single = {
        "site settings": ("change", "home.change_sitesettings"),
        "quote settings": ("change", "quotes.change_quotesettings"),
        "insights": ("view", "campaigns.view_insights"),
        "admin": ("access", "wagtailadmin.access_admin"),
    }
    if area in single:
        action, perm = single[area]
        return action if user.has_perm(perm) else ""
    perms = {
        "users and groups": [
            "auth.add_user",
            "auth.change_user",
            "auth.add_group",
            "auth.change_group",
        ],
        "workflows and tasks": [
            "wagtailcore.add_workflow",
            "wagtailcore.change_workflow",
            "wagtailcore.add_task",
        ],
    }[area]
    return "any" if any(user.has_perm(p) for p in perms) else ""


def assert_grants_are_exactly_the_declared_ones():
    for role, expected in GRANTS.items():
        group = Group.objects.get(name=role)
        model = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        pages = {
            (grant.page.specific_class.__name__, grant.permission.codename)
            for grant in GroupPagePermission.objects.filter(group=group)
        }
        collections = {
            (grant.collection.name, grant.permission.codename)
            for grant in GroupCollectionPermission.objects.filter(group=group)
        }
        assert model == expected["model"], role
        assert pages == expected["page"], role
        assert collections == expected["collection"], role


def test_each_role_holds_exactly_the_declared_grants(site_tree):
    assert_grants_are_exactly_the_declared_ones()


def test_sync_roles_removes_what_is_not_declared(site_tree):
    _, pages = site_tree
    moderators = Group.objects.get(name=M)
    stray = Permission.objects.get(content_type__app_label="wagtailimages", codename="add_image")
    moderators.permissions.add(Permission.objects.get(codename="delete_quote"))
    GroupCollectionPermission.objects.create(
        group=moderators, collection=Collection.get_first_root_node(), permission=stray
    )
    GroupPagePermission.objects.create(
        group=moderators,
        page=pages["stories index"],
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    assert Group.objects.get(name=M).permissions.filter(codename="delete_quote").exists()
    sync_roles()
    assert not Group.objects.get(name=M).permissions.filter(codename="delete_quote").exists()
    assert_grants_are_exactly_the_declared_ones()


def test_the_whole_matrix(site_tree):
    users, pages = site_tree
    found = {}
    for area in MATRIX:
        found[area] = {}
        for role, user in users.items():
            if area in pages:
                found[area][role] = page_rights(user, pages[area])
            else:
                found[area][role] = other_rights(user, area)
    assert found == MATRIX


def test_a_superuser_can_do_everything_with_a_private_draft(site_tree, superuser):
    _, pages = site_tree
    assert page_rights(superuser, pages["story: private draft"]) == (
        "list view change publish lock delete copy restrict"
    )
