"""What the roles may do with the pulse (applied by `home.roles.sync_roles`).

The Culture team opens pulses, edits the statements and sets people's primary teams. Results
are part of the culture insights (campaigns.view_insights). Nobody is given anything on the
counters or the "has answered" marks: they have no admin at all.
"""

from home.roles import CULTURE_TEAM

MODEL_PERMISSIONS = {
    CULTURE_TEAM: [
        f"pulse.{action}_{model}"
        for model in ("pulse", "pulsestatement", "primaryteam")
        for action in ("add", "change", "delete", "view")
    ]
}
