"""Issue 17: English and German. The browser's language by default; each person's choice in
"Your settings", stored (Wagtail's profile language) and applied at sign-in, in the admin and in
the emails they get; dates follow the language; cached fragments never cross languages."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader
from wagtail.users.models import UserProfile

from culture.meetings.exports import render_pdf
from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    story_item,
)
from home.factories import UserFactory
from home.languages import SESSION_KEY
from stories import blameless, notifications, replies
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import BlamelessPhrase

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9,en;q=0.5"}


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def story(stories_index):
    return StoryPageFactory(
        parent=stories_index,
        title="The invoice we sent twice",
        summary="We billed a client twice and refunded within the hour.",
        happened_on=datetime.date(2026, 3, 1),
        author=UserFactory(username="olga", first_name="Olga", last_name="Ortmann"),
        lessons=["Check the batch before sending"],
    )


@pytest.fixture
def pack(home_page, story):
    support = TeamFactory(name="Support")
    return MeetingPackPageFactory(
        parent=MeetingPacksIndexPageFactory(parent=home_page),
        team=support,
        title="Support staff meeting",
        meeting_date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 0),
        agenda=[story_item(story), open_round_item()],
    )


def choose(client, language):
    return client.post(reverse("account"), {"language": language})


# --- The browser's language ------------------------------------------------------------------


def test_the_browsers_language_is_used_when_nobody_chose_one(employee_client, story):
    german = employee_client.get(story.url, **GERMAN).content.decode()
    assert '<html lang="de">' in german
    assert "Zum Inhalt springen" in german and "Daraus habe ich gelernt" in german
    assert "März 2026" in german  # the month it happened, in German
    english = employee_client.get(story.url).content.decode()
    assert '<html lang="en-gb">' in english
    assert "Skip to content" in english and "March 2026" in english


@pytest.mark.parametrize(
    "path, words",
    [
        ("/", ["Deine Einstellungen", "Abmelden"]),
        ("stories", ["Filter", "Geschichten anzeigen"]),
        ("pack", ["Paket-Aktionen", "Als Text kopieren", "Minuten"]),
        ("/account/", ["Sprache", "Die Sprache meines Browsers", "Sprache speichern"]),
        ("/accounts/nowhere/", ["Seite nicht gefunden"]),
    ],
)
def test_pages_in_german(employee_client, stories_index, pack, path, words):
    url = {"stories": stories_index.url, "pack": pack.url}.get(path, path)
    html = employee_client.get(url, **GERMAN).content.decode()
    for word in words:
        assert word in html, word


def test_the_sign_in_page_follows_the_browser(client, home_page):
    html = client.get(reverse("login"), **GERMAN).content.decode()
    assert "Anmelden" in html and "Passwort" in html


# --- A stored choice -------------------------------------------------------------------------


def test_choosing_german_is_stored_and_applied_from_the_next_page(employee_client, employee):
    response = choose(employee_client, "de")
    assert response.status_code == 302
    assert UserProfile.get_for_user(employee).preferred_language == "de"
    page = employee_client.get(response["Location"]).content.decode()
    assert "Deine Sprache ist gespeichert." in page
    # The choice beats the browser's language.
    html = employee_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in html


def test_the_choice_is_applied_at_the_next_sign_in(client, home_page):
    UserFactory(username="dora", password="a-long-password-1")
    client.post(reverse("login"), {"username": "dora", "password": "a-long-password-1"})
    choose(client, "de")
    client.post(reverse("logout"))
    assert "Anmelden" not in client.get(reverse("login")).content.decode()
    client.post(reverse("login"), {"username": "dora", "password": "a-long-password-1"})
    assert client.session[SESSION_KEY] == "de"
    assert "Deine Einstellungen" in client.get("/").content.decode()


def test_going_back_to_the_browsers_language(employee_client, employee):
    choose(employee_client, "de")
    choose(employee_client, "")
    assert UserProfile.get_for_user(employee).preferred_language == ""
    assert "Skip to content" in employee_client.get("/").content.decode()
    assert "Zum Inhalt springen" in employee_client.get("/", **GERMAN).content.decode()


def test_an_unknown_language_is_refused_with_a_message(employee_client, employee):
    response = choose(employee_client, "xx")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert UserProfile.objects.filter(user=employee, preferred_language="xx").count() == 0


def test_another_panels_form_leaves_the_language_alone(employee_client, employee, home_page):
    """The API tokens form posts to its own view, which answers with "Your settings": it is not
    the language form, so the choice stays and the new token is shown in it."""
    choose(employee_client, "de")
    response = employee_client.post("/account/api-tokens/", {"name": "Team-Dashboard"})
    assert response.status_code == 200
    assert "Dein neuer Token „Team-Dashboard“" in response.content.decode()
    assert UserProfile.get_for_user(employee).preferred_language == "de"


def test_the_admin_follows_the_same_choice(client, home_page, moderator):
    client.force_login(moderator)
    choose(client, "de")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="de"' in html and "Seiten" in html


def test_a_chosen_language_costs_no_query(employee_client, home_page, story):
    """The choice comes from the session, put there at sign-in: pages cost what they did."""

    def queries(url):
        employee_client.get(url)  # warm the caches both languages share
        with CaptureQueriesContext(connection) as context:
            assert employee_client.get(url).status_code == 200
        return len(context)

    english = [queries(url) for url in ("/", story.url)]
    choose(employee_client, "de")
    assert [queries(url) for url in ("/", story.url)] == english


# --- What is cached --------------------------------------------------------------------------


def test_a_cached_fragment_is_never_served_in_the_other_language(employee_client, story):
    english = employee_client.get(story.url).content.decode()
    german = employee_client.get(story.url, **GERMAN).content.decode()
    again = employee_client.get(story.url).content.decode()
    assert "Lessons" in english and "Lessons" in again
    assert "Lehren" in german and ">Lessons<" not in german


# --- Emails and the PDF ----------------------------------------------------------------------


def test_the_author_gets_their_email_in_their_language(story, employee):
    author = story.authorship.author
    profile = UserProfile.get_for_user(author)
    profile.preferred_language = "de"
    profile.save()
    mail.outbox.clear()
    with translation.override("en-gb"):  # whoever published it reads English
        notifications.send_author_email.enqueue(story.pk, notifications.PUBLISHED)
    (message,) = mail.outbox
    assert message.subject == "Deine Geschichte „The invoice we sent twice“ ist veröffentlicht"
    assert "Hallo Olga," in message.body and "Alle deine Geschichten" in message.body
    html = message.alternatives[0][0]
    assert 'lang="de"' in html and "Danke, dass du sie teilst" in html


def test_without_a_choice_emails_are_in_the_sites_language(story):
    mail.outbox.clear()
    with translation.override("de"):
        notifications.send_author_email.enqueue(story.pk, notifications.PUBLISHED)
    (message,) = mail.outbox
    assert message.subject == "Your story “The invoice we sent twice” is published"


def test_the_pdf_handout_in_german(pack):
    with translation.override("de"):
        content = render_pdf(pack)
        day = date_format(pack.meeting_date, "l, j. F Y")  # "Sonntag, 13. Dezember 2026"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for word in ("Uhrzeit", "Punkt", "Minuten", "Lehren", "Offene Runde", day):
        assert word in text, word
    assert "Support staff meeting" in text  # what people wrote stays as written


# --- Blameless phrases per language ----------------------------------------------------------


def test_the_german_phrases_are_seeded(db):
    german = set(BlamelessPhrase.objects.filter(language="de").values_list("phrase", flat=True))
    assert {"schuld", "hätte es wissen müssen", "menschliches Versagen"} <= german
    assert BlamelessPhrase.objects.filter(language="en", phrase="fault").exists()


def test_the_check_reads_the_writers_language(db):
    values = {"summary": "Das war menschliches Versagen, it was my fault."}
    with translation.override("de"):
        german = blameless.check_values(values)
    with translation.override("en-gb"):
        english = blameless.check_values(values)
    assert [f.found for f in german["summary"]] == ["menschliches Versagen"]
    assert [f.found for f in english["summary"]] == ["fault"]


def test_a_language_without_phrases_falls_back_to_english(db):
    BlamelessPhrase.objects.filter(language="de").delete()
    with translation.override("de"):
        findings = blameless.check_values({"summary": "It was my fault."})
    assert [f.found for f in findings["summary"]] == ["fault"]


def test_each_reviewer_gets_the_authors_message_in_their_language(
    story, moderator, culture_member, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "de"
    profile.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        replies.post_author_message(story, "Thank you for the edit.")
    subjects = {tuple(message.to): message.subject for message in mail.outbox}
    assert subjects == {
        (moderator.email,): "Die Person, die „The invoice we sent twice“ geschrieben hat, hat "
        "geantwortet",
        (culture_member.email,): "The author of “The invoice we sent twice” wrote back",
    }


def test_a_choice_saved_on_the_admins_account_page_reaches_the_site(client, home_page, moderator):
    client.force_login(moderator)
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "de"
    profile.save()
    client.post(reverse("wagtailadmin_account"), {})  # Wagtail's own form saves the profile
    assert "Deine Einstellungen" in client.get("/").content.decode()
