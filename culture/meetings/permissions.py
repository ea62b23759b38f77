"""Who may build which meeting packs.

Wagtail's page permissions (declared in roles.py on the packs index) let Team leads and the
Culture team add, edit and publish packs. On top of that a lead works only on the packs of the
teams they are a member of (`Team.members`); the Culture team and superusers work on every team's.
The rule is applied in three places that together cover the admin:

* `MeetingPackPermissionTester` (returned by `MeetingPackPage.permissions_for_user`) — every
  page view of the admin (edit, publish, delete, move, copy, revisions, lock) asks it;
* `MeetingPackPermissionPolicy` — the few admin views that ask the permission policy instead;
* `MeetingPackForm` — the team field offers only the lead's own teams.
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.roles import CULTURE_TEAM, user_has_role

_CACHE_ATTRIBUTE = "_meeting_pack_team_ids"


def manageable_team_ids(user):
    """The ids of the teams whose packs `user` may build, or None for every team.

    Cached on the user object, so that a listing of many packs asks the database once.
    """
    if hasattr(user, _CACHE_ATTRIBUTE):
        return getattr(user, _CACHE_ATTRIBUTE)
    if not user.is_authenticated or not user.is_active:
        team_ids = frozenset()
    elif user_has_role(user, CULTURE_TEAM):
        team_ids = None
    else:
        from stories.models import Team

        team_ids = frozenset(Team.objects.filter(members=user).values_list("pk", flat=True))
    setattr(user, _CACHE_ATTRIBUTE, team_ids)
    return team_ids


def can_manage_team(user, team_id):
    team_ids = manageable_team_ids(user)
    return team_ids is None or team_id in team_ids


class MeetingPackPermissionTester(PagePermissionTester):
    """Wagtail's answers, and no to everything that changes a pack of a team the user is not in."""

    def _team_allows(self):
        return can_manage_team(self.user, self.page.team_id)

    def can_edit(self):
        return super().can_edit() and self._team_allows()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._team_allows()

    def can_publish(self):
        return super().can_publish() and self._team_allows()

    def can_unpublish(self):
        return super().can_unpublish() and self._team_allows()

    def can_lock(self):
        return super().can_lock() and self._team_allows()

    def can_unlock(self):
        return super().can_unlock() and self._team_allows()

    def can_copy(self):
        return super().can_copy() and self._team_allows()

    def can_submit_for_moderation(self):
        return super().can_submit_for_moderation() and self._team_allows()

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._team_allows()

    def can_unschedule(self):
        return super().can_unschedule() and self._team_allows()


class MeetingPackPermissionPolicy(PagePermissionPolicy):
    """The page policy, with the team rule for the admin views that ask a policy about a pack."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        team_id = getattr(instance, "team_id", None)
        if allowed and team_id is not None:
            return can_manage_team(user, team_id)
        return allowed
