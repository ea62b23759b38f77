"""What each role may do with campaigns and culture insights (applied by `home.roles.sync_roles`).

Only the Culture team creates, edits and publishes campaigns, and only it sees the insights
dashboard and its CSV export. Moderators and team leads use the admin for other things and are
given nothing here.
"""

from home.roles import CULTURE_TEAM

MODEL_PERMISSIONS = {
    CULTURE_TEAM: ["campaigns.view_insights"],
}
PAGE_PERMISSIONS = [
    (CULTURE_TEAM, "campaigns.CampaignIndexPage", ["add_page", "change_page", "publish_page"]),
]
