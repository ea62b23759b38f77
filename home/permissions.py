"""Section index pages belong to the Culture team, whatever rights are granted on them.

Roles get page rights on a section's index (the stories index, the meeting packs index, the
campaigns index) so that they can work on the pages under it: moderators review stories, team
leads build packs. In Wagtail those same rights also reach the index itself, so a lead could
unpublish the packs index together with every team's packs, or put a view restriction on it.

`SectionIndexPermissionTester` keeps what a right on the index gives for the pages under it
(adding and publishing a new child) and asks, for the index page itself, for the same right on the
page above it: the home page, where only the Culture team holds rights (home/roles.py).
"""

from wagtail.models import Page, PagePermissionTester


class SectionIndexPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.parent_permissions = set()
        if user.is_active and not user.is_superuser:
            parent_path = page.path[: -Page.steplen]
            self.parent_permissions = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in self.permission_policy.get_cached_permissions_for_user(user)
                if parent_path.startswith(grant.page.path)
            }

    def _above(self, action):
        return self.user.is_superuser or action in self.parent_permissions

    def can_edit(self):
        return super().can_edit() and self._above("change")

    def can_publish(self):
        return super().can_publish() and self._above("publish")

    def can_unpublish(self):
        return super().can_unpublish() and self._above("publish")

    def can_unschedule(self):
        return super().can_unschedule() and self._above("publish")

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._above("publish")

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._above("publish")

    def can_copy(self):
        return super().can_copy() and self._above("publish")

    def can_lock(self):
        return super().can_lock() and self._above("change")

    def can_unlock(self):
        return super().can_unlock() and self._above("change")


class SectionIndexMixin:
    """For the index page model of a section (see the module docstring)."""

    def permissions_for_user(self, user):
        return SectionIndexPermissionTester(user, self)
