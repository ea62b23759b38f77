"""What the roles may do with meeting packs (applied by `home.roles.sync_roles`).

Team leads and the Culture team add, edit and publish packs under the packs index; a lead only
for the teams they are in (culture/meetings/permissions.py narrows Wagtail's answers). Leads
choose the opening quote from the quotes, so they may view them.
"""

from home.roles import CULTURE_TEAM, TEAM_LEADS

PACK_PERMISSIONS = ["add_page", "change_page", "publish_page"]

MODEL_PERMISSIONS = {TEAM_LEADS: ["quotes.view_quote"]}
PAGE_PERMISSIONS = [
    (TEAM_LEADS, "meetings.MeetingPacksIndexPage", PACK_PERMISSIONS),
    (CULTURE_TEAM, "meetings.MeetingPacksIndexPage", PACK_PERMISSIONS),
]
