"""Own It is private: every front-end URL sends a signed-out visitor to the sign-in page.

These tests walk the URL configuration itself, so a URL added later is checked without anyone
remembering to add it here. A view that must stay open is marked `login_not_required` and
listed in OPEN_VIEWS with the reason.
"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.models import Page

from home.factories import UserFactory

# url name -> why it is open to signed-out visitors
OPEN_VIEWS = {
    "healthz": "load balancers and uptime monitors; says only whether the database and the "
    "cache answer",
    "site_colours": "the stylesheet of the site's two colours, which the sign-in page uses and "
    "shows anyway; nothing else",
    "admin_colours": "the same colour for the admin's theme, which the admin's sign-in page uses "
    "and shows anyway; nothing else",
    "login": "the sign-in page itself",
    "logout": "signing out must work whatever the session state",
    "company_sign_in": "company sign-in's start: sends the visitor to the company's identity "
    "provider (home/accounts)",
    "company_sign_in_callback": "where the identity provider sends the visitor back with a "
    "one-time code, checked against the state, nonce and PKCE verifier in their session",
    "wagtailcore_login": "Wagtail's sign-in form for restricted pages (a copy of the sign-in page)",
    "wagtailcore_authenticate_with_password": "Wagtail's password form for password-protected pages",
    "digest_unsubscribe": "one-click unsubscribe link in the weekly digest email (RFC 8058); "
    "a per-user secret token, and it can only switch that user's digest off or on",
    # Story feeds for feed readers, which have no session: the personal FeedToken in the address
    # opens these five feeds (read only, what its owner may read) and no other URL.
    "story_feed_atom": "personal Atom feed of new stories; secret per-user token, read only",
    "story_feed_rss": "personal RSS feed of new stories; secret per-user token, read only",
    "story_tag_feed_atom": "personal Atom feed of one tag's stories; secret per-user token",
    "story_tag_feed_rss": "personal RSS feed of one tag's stories; secret per-user token",
    "tag_lessons_feed_atom": "personal Atom feed of one tag's lessons; secret per-user token",
    # Follow-up reminders (stories/follow_up.py): the contact may not have an account here.
    "action_done": 'one-click "Mark done" in a follow-up reminder: signed for one action, '
    "expires, asks before it changes anything and works once",
    "action_move": '"Move the date" in a follow-up reminder: signed for one action, expires, '
    "changes only that action's due date",
}
# Apps add token-protected views here as they come (feeds, unsubscribe links).
OPEN_VIEW_PREFIXES = (
    # The JSON API (culture/api) answers for itself: a session or a personal API token, else 401
    # JSON rather than a sign-in page a script cannot use (tests/api/test_access.py); any other
    # address under /api/ is a JSON 404 that says where the API is.
    "/api/",
)

REGEX_SAMPLES = ["", "sample/", "1/", "1/sample/", "1/sample.txt", "sample/1/", "1/1/sample/"]
SAMPLE_BY_CONVERTER = {"int": "1", "str": "sample", "slug": "sample", "path": "a/b.png"}


def _sample_route(pattern):
    """A concrete path for a route such as 'stories/<int:pk>/edit/'."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)

        def fill(match):
            converter = match.group(1) or "str"
            if converter == "uuid":
                return str(uuid.uuid4())
            return SAMPLE_BY_CONVERTER.get(converter, "1")

        return re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    if isinstance(pattern, RegexPattern):
        return _sample_regex(pattern.regex)
    return str(pattern)


def _sample_regex(regex):
    """A concrete path for a regex route (Wagtail's own are written this way)."""
    source = regex.pattern
    if "(" not in source:
        return source.lstrip("^").rstrip("$").replace("\\", "")
    for candidate in REGEX_SAMPLES:
        match = regex.match(candidate)
        if match and (not source.endswith("$") or match.end() == len(candidate)):
            return match.group(0)
    raise AssertionError(f"No sample path for {source}: add one to REGEX_SAMPLES")


def walk(patterns, prefix=""):
    """Every URL pattern with a sample path, leaving out the Wagtail admin (it guards itself),
    including the admin views the site mounts at admin addresses of its own."""
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")
    for entry in patterns:
        if str(entry.pattern).startswith(admin_prefix) and not prefix:
            continue
        part = _sample_route(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + part, entry


def front_end_urls():
    return walk(get_resolver().url_patterns)


def test_every_url_pattern_is_reached_by_the_walk():
    paths = [path for path, _ in front_end_urls()]
    assert "/search/" in paths
    assert "/media/a/b.png" in paths
    assert any(path.startswith("/documents/") for path in paths)


@pytest.mark.django_db
def test_every_front_end_url_redirects_signed_out_visitors(client, home_page):
    checked = 0
    for path, entry in front_end_urls():
        if entry.name in OPEN_VIEWS or path.startswith(OPEN_VIEW_PREFIXES):
            continue
        response = client.get(path)
        assert response.status_code == 302, f"{path} ({entry.name}) is open: {response.status_code}"
        location = urlsplit(response["Location"])
        assert location.path == reverse("login"), f"{path} redirects to {location.path}"
        assert "next=" in location.query
        checked += 1
    assert checked >= 6


def test_only_the_listed_views_are_open():
    """A view marked login_not_required must be in OPEN_VIEWS, with its reason."""
    for path, entry in front_end_urls():
        callback = entry.callback
        is_open = getattr(callback, "login_required", True) is False
        if is_open:
            assert entry.name in OPEN_VIEWS or path.startswith(OPEN_VIEW_PREFIXES), (
                f"{path} ({entry.name}) is open to signed-out visitors but not listed"
            )


@pytest.mark.django_db
def test_every_page_in_the_tree_redirects_signed_out_visitors(client, home_page):
    pages = Page.objects.live().exclude(depth=1).specific()
    assert pages.exists()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 302, page.url
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
def test_sign_in_returns_to_the_page_asked_for(client, home_page):
    UserFactory(username="erin")
    response = client.get("/search/?q=lesson")
    assert response.status_code == 302
    login_url = response["Location"]

    page = client.get(login_url)
    assert page.status_code == 200
    assert b'name="next" value="/search/?q=lesson"' in page.content

    signed_in = client.post(
        login_url, {"username": "erin", "password": "pass", "next": "/search/?q=lesson"}
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/search/?q=lesson"
    assert client.get("/search/?q=lesson").status_code == 200


@pytest.mark.django_db
def test_wrong_password_keeps_the_username_and_says_why(client, home_page):
    UserFactory(username="erin")
    response = client.post(reverse("login"), {"username": "erin", "password": "nope"})
    assert response.status_code == 200
    assert b'value="erin"' in response.content
    assert b"Please enter a correct username and password" in response.content


@pytest.mark.django_db
def test_sign_out_ends_the_session(client, home_page, employee):
    client.force_login(employee)
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_admin_keeps_wagtails_own_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/").status_code == 200


@pytest.mark.django_db
def test_healthz_is_open_and_says_only_how_each_dependency_is(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}


@pytest.mark.django_db
def test_pages_carry_noindex_in_header_and_html(employee_client, home_page):
    response = employee_client.get("/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content
    assert employee_client.get(reverse("login"))["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_uploaded_files_are_served_only_to_signed_in_users(client, employee):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("original_images/plan.txt", ContentFile(b"the plan"))
    assert client.get(f"/media/{name}").status_code == 302
    client.force_login(employee)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"the plan"
    assert "private" in response["Cache-Control"]
    assert client.get("/media/original_images/missing.txt").status_code == 404


@pytest.mark.django_db
def test_documents_need_sign_in(client, employee):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Plan", file=ContentFile(b"secret plan", name="plan.txt")
    )
    url = document.url
    assert client.get(url).status_code == 302
    client.force_login(employee)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"secret plan"


@pytest.mark.django_db
def test_search_leaves_out_restricted_and_draft_pages(employee_client, home_page):
    from wagtail.models import PageViewRestriction

    from home.models import HomePage

    # Search finds pages of any type; HomePage is the only one this app has, so we use
    # copies of it under the home page as stand-ins for other pages.
    open_page = home_page.add_child(instance=HomePage(title="Deploy checklist open", slug="open"))
    hidden = home_page.add_child(instance=HomePage(title="Deploy checklist secret", slug="secret"))
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = home_page.add_child(
        instance=HomePage(title="Deploy checklist draft", slug="draft", live=False)
    )
    for page in (open_page, hidden, draft):
        page.save_revision()
    response = employee_client.get("/search/?q=deploy checklist")
    assert response.status_code == 200
    assert b"Deploy checklist open" in response.content
    assert b"Deploy checklist secret" not in response.content
    assert b"Deploy checklist draft" not in response.content
