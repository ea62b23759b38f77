"""The Culture team picks the story of the month. Follows are each employee's own (no admin)."""

from home.roles import CULTURE_TEAM

MODEL_PERMISSIONS = {
    CULTURE_TEAM: [
        "learning.add_storyofthemonth",
        "learning.change_storyofthemonth",
        "learning.delete_storyofthemonth",
        "learning.view_storyofthemonth",
    ],
}
PAGE_PERMISSIONS = []
