"""Roles from the provider's groups claim (OIDC_GROUP_MAP), applied at every company sign-in.

Only the roles that the map names are managed this way: a person in a mapped group gets the
role, and loses it at the next sign-in once removed from every group that maps to it. Roles the
map does not name (Team leads, say, when they are set by hand in the admin) are left alone.
"""

from django.conf import settings
from django.contrib.auth.models import Group


def provider_groups(claims):
    """The group names in the claims, as a set. Keycloak sends full paths ("/own-it-moderators")
    unless its mapper says otherwise; a top-level group matches with or without the slash."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    names = set()
    for name in value:
        if isinstance(name, str):
            names.add(name)
            names.add(name.removeprefix("/"))
    return names


def roles_from_claims(claims):
    """The managed roles the claims give, and every managed role (to take away the others)."""
    group_map = settings.OIDC_GROUP_MAP
    managed = set(group_map.values())
    groups = provider_groups(claims)
    given = {role for group, role in group_map.items() if group in groups}
    return given, managed


def apply_group_roles(user, claims):
    """Make the user's managed roles match the claims; returns (added, removed) role names."""
    given, managed = roles_from_claims(claims)
    if not managed:
        return set(), set()
    held = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    to_add = given - held
    to_remove = (managed - given) & held
    if to_add:
        user.groups.add(*Group.objects.filter(name__in=to_add))
    if to_remove:
        user.groups.remove(*Group.objects.filter(name__in=to_remove))
    return to_add, to_remove
