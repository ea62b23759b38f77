"""`manage.py backup` and `restore`: a round trip through one archive brings back stories,
revisions, authorship, quotes, packs, campaigns, reactions and uploads, on SQLite and
PostgreSQL alike; a database in use is not overwritten by mistake."""

import datetime
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.models import Page, Revision

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    story_item,
)
from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote
from home.factories import UserFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.models import LearnedFromThis, StoryAuthorship, StoryPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    """What a restore must bring back, read from the database and the uploads."""
    return {
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "pages": sorted(Page.objects.values_list("url_path", "live")),
        "stories": sorted(StoryPage.objects.values_list("title", "summary", "team__name")),
        "revisions": Revision.objects.count(),
        "authorship": sorted(
            StoryAuthorship.objects.values_list("story__title", "author__username", "is_anonymous")
        ),
        "quotes": sorted(Quote.objects.values_list("text", "week")),
        "reactions": sorted(LearnedFromThis.objects.values_list("story__title", "user__username")),
        "documents": sorted(
            (document.title, document.file.read()) for document in Document.objects.all()
        ),
    }


def test_backup_and_restore_bring_everything_back(home_page, tmp_path):
    author = UserFactory(username="olga", first_name="Olga")
    reader = UserFactory(username="rita")
    stories = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(parent=stories, title="Invoices twice", author=author)
    StoryPageFactory(parent=stories, title="A quiet deploy", author=author, author__anonymous=True)
    story.save_revision().publish()  # a second revision
    LearnedFromThis.objects.create(story=story, user=reader)
    QuoteFactory(text="Fail better.", author="Samuel Beckett")
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    MeetingPackPageFactory(parent=packs, agenda=[story_item(story)])
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="c"))
    campaigns.add_child(
        instance=CampaignPage(
            title="Mistake Management Month",
            slug="mmm",
            start_date=datetime.date(2026, 12, 1),
            end_date=datetime.date(2026, 12, 31),
        )
    )
    Document.objects.create(title="Runbook", file=ContentFile(b"step one", name="runbook.txt"))
    before = snapshot()
    assert len(before["stories"]) == 2 and before["reactions"] and before["documents"]

    call_command("backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("own-it-backup-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(name.startswith("media/") for name in names)

    # A database in use is not replaced by mistake.
    with pytest.raises(CommandError, match="in use"):
        call_command("restore", str(archive))

    # Everything lost: the database emptied, the uploads deleted.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    for document_file in (tmp_path / "media").rglob("*.txt"):
        document_file.unlink()
    assert not StoryPage.objects.exists()

    call_command("restore", str(archive))
    assert snapshot() == before
    # The site works on it: the story page opens for a signed-in reader.
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="rita"))
    assert client.get(StoryPage.objects.get(title="Invoices twice").url).status_code == 200


def test_a_missing_or_foreign_archive_says_so(home_page, tmp_path):
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"), force=True)
