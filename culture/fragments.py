"""Signal receivers that retire the culture programs' fragment scopes (see home.fragment_versions).

Each app connects its own in `apps.ready()`: "quotes", "packs" and "campaigns".
"""

from home import fragment_versions


def retiring(*scopes):
    """A signal receiver that retires `scopes` (connect it with `weak=False`)."""

    def receiver(*args, **kwargs):
        fragment_versions.retire(*scopes)

    return receiver
