"""Odd search input gets an answer, never a 500."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', 'a "b', "x\x00y", "((", "*", "a" * 5000])
def test_odd_search_is_not_a_500(employee_client, home_page, q):
    response = employee_client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"Search" in response.content
