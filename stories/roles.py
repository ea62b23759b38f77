"""What each role may do with stories (applied by `home.roles.sync_roles`).

* Moderators and the Culture team review stories: `change_page` on the stories index makes them
  reviewers, and both groups are the reviewers of the "Culture review" workflow
  (stories/workflow.py). `publish_page` (the Culture team) adds deleting stories and setting view
  restrictions. What these rights allow is narrowed by each story's state in
  stories/permissions.py: nobody opens a private draft, and a story goes live only by approval.
  "Good for meetings" and "repeat of" are fields of the editor, so only reviewers set them.
* The Culture team also manages teams, series, the blameless check's phrases, the mistake
  topics of "Has this happened before?" and the identifying details the re-identification check
  looks for in anonymous stories.
* Moderators and the Culture team see and resolve readers' reports of stories.
* Employees write stories on the front end only; team leads have no rights over stories.
"""

from home.roles import CULTURE_TEAM, MODERATORS

SNIPPET_MODELS = ["team", "series", "blamelessphrase", "mistaketopic", "identifyingdetail"]
# Readers' reports of stories: both reviewing roles see and resolve them; nobody adds or deletes.
REPORT_PERMISSIONS = ["stories.view_storyreport", "stories.change_storyreport"]

MODEL_PERMISSIONS = {
    # Moderators pick a story's team and series in the editor (the snippet chooser).
    MODERATORS: ["stories.view_team", "stories.view_series", *REPORT_PERMISSIONS],
    CULTURE_TEAM: [
        *(
            f"stories.{action}_{model}"
            for model in SNIPPET_MODELS
            for action in ("add", "change", "delete", "view")
        ),
        *REPORT_PERMISSIONS,
    ],
}
PAGE_PERMISSIONS = [
    (MODERATORS, "stories.StoriesIndexPage", ["change_page"]),
    (CULTURE_TEAM, "stories.StoriesIndexPage", ["change_page", "publish_page"]),
]
