"""Company sign-in, end to end against a real OpenID Connect provider on 127.0.0.1."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from home.accounts.models import CompanyAccount
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS
from tests.accounts.conftest import at_provider, callback_path_and_query, company_sign_in, start

pytestmark = pytest.mark.django_db

User = get_user_model()


def signed_in_user(client):
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_first_sign_in_creates_the_account_and_returns_to_the_page_asked_for(
    client, identity_provider
):
    response, _ = company_sign_in(client, next_url="/stories/")

    assert response.status_code == 302
    assert response["Location"] == "/stories/"
    user = signed_in_user(client)
    assert user.username == "priya"
    assert (user.first_name, user.last_name, user.email) == (
        "Priya",
        "Shah",
        "priya.shah@example.com",
    )
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYEES]
    account = user.company_account
    assert (account.issuer, account.subject) == (identity_provider.issuer, "f3b1c2d4-0001")
    # The refresh token is kept for sync_accounts, sealed in the database.
    assert account.refresh_token in identity_provider.refresh_tokens
    assert account.refresh_token not in account.sealed_refresh_token


def test_the_request_uses_pkce_and_a_nonce_and_the_sign_in_page_fetches_nothing(
    client, identity_provider
):
    page = client.get(reverse("login"))
    assert "Sign in with your company account" in page.text
    # Nothing has been asked of the provider yet: a provider that is down never stops the page.
    assert identity_provider.requests_seen == []

    authorize_url = start(client)
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(f"{identity_provider.issuer}/authorize?")
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/callback/"]
    assert "offline_access" in query["scope"][0].split()
    assert identity_provider.requests_seen == ["/.well-known/openid-configuration"]


def test_the_account_is_found_by_subject_and_follows_the_provider(client, identity_provider):
    company_sign_in(client)
    user = signed_in_user(client)
    client.post(reverse("logout"))

    person = identity_provider.people["f3b1c2d4-0001"]
    person.email, person.family_name = "priya.okafor@example.com", "Okafor"
    company_sign_in(client)

    assert signed_in_user(client) == user
    user.refresh_from_db()
    assert (user.last_name, user.email) == ("Okafor", "priya.okafor@example.com")
    assert User.objects.filter(email__icontains="priya").count() == 1


def test_another_subject_with_the_same_email_is_another_account(client, identity_provider):
    company_sign_in(client)
    first = signed_in_user(client)
    client.post(reverse("logout"))

    # The address was given to someone new: the provider's subject says who they are.
    identity_provider.add_person(
        sub="f3b1c2d4-0002", email="priya.shah@example.com", preferred_username="priya"
    )
    identity_provider.signed_in_as = "f3b1c2d4-0002"
    company_sign_in(client)

    second = signed_in_user(client)
    assert second != first
    assert second.username == "priya-2"


def test_a_verified_email_adopts_the_existing_password_account_once(
    client, identity_provider, employee
):
    employee.email = "priya.shah@example.com"
    employee.save()
    company_sign_in(client)
    assert signed_in_user(client) == employee
    assert employee.company_account.subject == "f3b1c2d4-0001"


def test_an_unverified_email_does_not_adopt_an_account(client, identity_provider, employee):
    employee.email = "priya.shah@example.com"
    employee.save()
    identity_provider.people["f3b1c2d4-0001"].email_verified = False
    company_sign_in(client)
    assert signed_in_user(client) not in (None, employee)
    assert not CompanyAccount.objects.filter(user=employee).exists()


def test_roles_follow_the_groups_claim_at_every_sign_in(client, identity_provider):
    person = identity_provider.people["f3b1c2d4-0001"]
    person.groups = ["own-it-moderators", "own-it-culture", "someone-elses-group"]
    company_sign_in(client)
    user = signed_in_user(client)
    assert set(user.groups.values_list("name", flat=True)) == {EMPLOYEES, MODERATORS, CULTURE_TEAM}
    # A role no provider group maps to is set by hand in the admin, and stays.
    user.groups.add(user.groups.model.objects.get(name=TEAM_LEADS))
    client.post(reverse("logout"))

    # Removed from a group at the provider: the role goes at the next sign-in.
    person.groups = ["/own-it-culture"]
    company_sign_in(client)
    assert set(user.groups.values_list("name", flat=True)) == {EMPLOYEES, CULTURE_TEAM, TEAM_LEADS}


@pytest.mark.parametrize(
    "misbehaviour",
    ["sign_with_wrong_key", "wrong_nonce", "expired_id_token", "id_token_for_another_client"],
)
def test_an_id_token_with_a_bad_signature_or_the_wrong_nonce_signs_nobody_in(
    client, identity_provider, misbehaviour
):
    setattr(identity_provider, misbehaviour, True)
    response, _ = company_sign_in(client, next_url="/stories/")

    assert signed_in_user(client) is None
    assert not User.objects.filter(username="priya").exists()
    assert response["Location"] == "/accounts/login/?next=%2Fstories%2F"
    assert messages_of(response) == ["Company sign-in did not complete. Please try again."]
    page = client.get(response["Location"])
    assert "Company sign-in did not complete" in page.text


def test_failed_company_sign_ins_never_lock_out_an_office(client, identity_provider, settings):
    """Failures have no username: counted by address, they would lock out everyone behind it."""
    settings.AXES_FAILURE_LIMIT = 2
    identity_provider.wrong_nonce = True
    for _ in range(3):
        company_sign_in(client)
    assert not AccessAttempt.objects.exists()
    identity_provider.wrong_nonce = False
    response, _ = company_sign_in(client)
    assert response.status_code == 302
    assert signed_in_user(client) is not None


def test_a_provider_clock_a_little_ahead_is_no_problem(client, identity_provider):
    identity_provider.clock_ahead = 30
    company_sign_in(client)
    assert signed_in_user(client) is not None


def test_a_callback_used_twice_signs_nobody_in_the_second_time(client, identity_provider):
    response, callback_url = company_sign_in(client)
    assert signed_in_user(client) is not None

    # Someone who copied the callback address (history, a proxy log) tries it in their browser.
    other = client.__class__()
    path, query = callback_path_and_query(callback_url)
    replay = other.get(path, query)
    assert replay.status_code == 302
    assert signed_in_user(other) is None


def test_a_used_code_is_refused_by_the_provider_even_with_a_fresh_state(client, identity_provider):
    _, callback_url = company_sign_in(client)
    _, used = callback_path_and_query(callback_url)

    # An attacker starts their own sign-in (a state this browser knows) and slips the used code in.
    attacker = client.__class__()
    fresh_callback = at_provider(start(attacker))
    path, fresh = callback_path_and_query(fresh_callback)
    response = attacker.get(path, {"code": used["code"], "state": fresh["state"]})

    assert signed_in_user(attacker) is None
    assert messages_of(response) == ["Company sign-in did not complete. Please try again."]
    assert identity_provider.token_errors == ["invalid_grant"]


def test_a_stolen_code_is_useless_without_the_browsers_pkce_verifier(client, identity_provider):
    victims_callback = at_provider(start(client))
    _, stolen = callback_path_and_query(victims_callback)

    attacker = client.__class__()
    path, fresh = callback_path_and_query(at_provider(start(attacker)))
    attacker.get(path, {"code": stolen["code"], "state": fresh["state"]})
    assert signed_in_user(attacker) is None
    assert identity_provider.token_errors == ["invalid_grant"]

    # The code was not spent: its owner, with the right verifier, signs in.
    path, query = callback_path_and_query(victims_callback)
    client.get(path, query)
    assert signed_in_user(client).username == "priya"


def test_a_provider_that_is_down_gets_a_clear_message_and_the_page_still_works(
    client, identity_provider, settings
):
    identity_provider.stop()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Sign in with your company account" in page.text

    response = client.get(reverse("company_sign_in"), {"next": "/stories/"})
    assert response["Location"] == "/accounts/login/?next=%2Fstories%2F"
    page = client.get(response["Location"])
    assert "the company&#x27;s sign-in service could not be reached" in page.text
    # The password form is still there for those who have one.
    assert 'name="password"' in page.text


def test_a_deactivated_account_cannot_sign_in(client, identity_provider):
    company_sign_in(client)
    user = signed_in_user(client)
    client.post(reverse("logout"))
    user.is_active = False
    user.save()

    response, _ = company_sign_in(client)
    assert signed_in_user(client) is None
    assert "has been deactivated" in messages_of(response)[0]
    user.refresh_from_db()
    assert not user.is_active


def test_sign_out_ends_the_providers_session(client, identity_provider):
    company_sign_in(client)
    response = client.post(reverse("logout"))

    assert signed_in_user(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{identity_provider.issuer}/logout"
    )
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]
    assert query["client_id"] == ["own-it"]
    assert query["id_token_hint"]


def test_the_admin_sign_out_ends_the_providers_session_too(client, identity_provider):
    identity_provider.people["f3b1c2d4-0001"].groups = ["own-it-moderators"]
    company_sign_in(client, next_url="/admin/")
    assert client.get("/admin/").status_code == 200
    response = client.post(reverse("wagtailadmin_logout"))
    assert response["Location"].startswith(f"{identity_provider.issuer}/logout?")
    assert signed_in_user(client) is None


def test_a_password_sign_out_stays_on_the_site(client, identity_provider, employee):
    client.force_login(employee)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_a_refusal_on_the_way_to_the_admin_is_explained_on_the_admins_sign_in(
    client, identity_provider
):
    identity_provider.wrong_nonce = True
    response, _ = company_sign_in(client, next_url="/admin/pages/")
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    page = client.get(response["Location"])
    assert "Company sign-in did not complete" in page.text


def test_the_admin_sign_in_offers_company_sign_in(client, identity_provider):
    page = client.get(reverse("wagtailadmin_login"))
    assert "Sign in with your company account" in page.text
    assert f'href="{reverse("company_sign_in")}?next=/admin/"' in page.text
    assert 'name="password"' in page.text


def test_company_only_hides_the_password_forms(client, identity_provider, settings, employee):
    settings.OIDC_ONLY = True
    settings.AUTHENTICATION_BACKENDS = [
        name
        for name in settings.AUTHENTICATION_BACKENDS
        if name != "django.contrib.auth.backends.ModelBackend"
    ]
    for url in (reverse("login"), reverse("wagtailadmin_login")):
        page = client.get(url)
        assert "Sign in with your company account" in page.text
        assert 'name="password"' not in page.text
        assert "or with your username and password" not in page.text
    employee.set_password("own-it-demo")
    employee.save()
    # A password no longer signs anyone in, even posted straight to the form's address.
    response = client.post(reverse("login"), {"username": "erin", "password": "own-it-demo"})
    assert response.status_code == 200
    assert signed_in_user(client) is None


def test_without_settings_there_is_no_company_sign_in(client, home_page, settings):
    settings.OIDC_ISSUER = ""
    assert "company account" not in client.get(reverse("login")).text
    assert "company account" not in client.get(reverse("wagtailadmin_login")).text
    assert client.get(reverse("company_sign_in")).status_code == 404
