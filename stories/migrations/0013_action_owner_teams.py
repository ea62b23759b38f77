"""The old free-text owners of corrective actions: a team's name becomes a link to the team.

"Support" becomes the team Support; "Support · on call" the team and the role "on call"; any other
text stays as the role. The saved revisions of stories (what the editor and the next publication
start from) are changed the same way, so that a later publication keeps the team.
"""

from django.db import migrations

SEPARATOR = "·"


def owner_from_text(text, teams):
    # A copy of stories.models.pages.owner_from_text: a migration keeps its own.
    text = " ".join((text or "").split())
    team_name, _separator, role = text.partition(SEPARATOR)
    team_id = teams.get(team_name.strip().lower())
    if team_id is not None:
        return team_id, role.strip()
    return None, text


def link_owners(apps, schema_editor):
    Team = apps.get_model("stories", "Team")
    CorrectiveAction = apps.get_model("stories", "CorrectiveAction")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    teams = {name.lower(): pk for pk, name in Team.objects.values_list("pk", "name")}
    if not teams:
        return
    for action in CorrectiveAction.objects.filter(owner_team__isnull=True).exclude(owner_role=""):
        team_id, role = owner_from_text(action.owner_role, teams)
        if team_id is not None:
            action.owner_team_id = team_id
            action.owner_role = role
            action.save(update_fields=["owner_team", "owner_role"])
    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is None:
        return
    for revision in Revision.objects.filter(content_type=story_type).iterator():
        actions = revision.content.get("actions") or []
        changed = False
        for action in actions:
            if "owner" not in action:
                continue
            team_id, role = owner_from_text(action.pop("owner"), teams)
            action["owner_team"] = team_id
            action["owner_role"] = role
            changed = True
        if changed:
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0012_action_follow_up"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(link_owners, migrations.RunPython.noop)]
