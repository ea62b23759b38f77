"""Odd input found by the robustness review: each one used to be a 500.

PostgreSQL refuses a NUL character in any text it compares; SQLite's search backend did not escape
a double quote. The suite runs on both databases.
"""

import pytest
from django.urls import reverse

from culture.quotes.factories import QuoteFactory
from culture.quotes.models import DigestSubscription

from .conftest import A_MONDAY, at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["q", "tag"])
def test_a_nul_character_in_the_archive_filters_is_ignored(employee_client, frozen, name):
    frozen(at(A_MONDAY, 9, 0))
    QuoteFactory(text="Fall seven times, stand up eight.", week=A_MONDAY, tags=["persistence"])
    response = employee_client.get(reverse("quotes:archive"), {name: "fall\x00"})
    assert response.status_code == 200


def test_the_archive_search_still_finds_words_around_a_nul(employee_client, frozen):
    frozen(at(A_MONDAY, 9, 0))
    QuoteFactory(text="Fall seven times, stand up eight.", week=A_MONDAY)
    response = employee_client.get(reverse("quotes:archive"), {"q": "sev\x00en"})
    assert "Fall seven times" in response.content.decode()


@pytest.mark.parametrize("token", ["%00", "a%00b", "not-a-token"])
def test_an_odd_unsubscribe_token_is_a_404(client, employee, token):
    DigestSubscription.objects.for_user(employee)
    url = f"/quotes/digest/unsubscribe/{token}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
    assert DigestSubscription.objects.get(user=employee).subscribed


def test_a_real_unsubscribe_token_still_works(client, employee):
    subscription = DigestSubscription.objects.for_user(employee)
    response = client.post(subscription.get_unsubscribe_url(), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not DigestSubscription.objects.get(user=employee).subscribed


@pytest.mark.parametrize("query", ['"', 'fall "seven'])
def test_a_quote_mark_in_the_admin_search_is_not_an_sql_error(client, culture_member, query):
    QuoteFactory(text="Fall seven times, stand up eight.", week=A_MONDAY)
    client.force_login(culture_member)
    response = client.get(reverse("wagtailsnippets_quotes_quote:list"), {"q": query})
    assert response.status_code == 200
    assert "Fall seven times" in response.content.decode()
