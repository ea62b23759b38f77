"""Helpers for the fragment-caching tests of the culture programs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def warm_queries(client, path):
    """The SQL of a second request for `path` (the first fills the fragments)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def touching(sqls, tables):
    """The statements among `sqls` that read any of `tables` (quoted table names)."""
    return [sql for sql in sqls if any(table in sql for table in tables)]
