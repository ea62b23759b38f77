"""Amy Edmondson's seven team psychological-safety statements (1999), as the default statements.

Data the Culture team can edit afterwards; statements 1, 3 and 5 are worded negatively, so
agreeing with them means less safety.
"""

from django.db import migrations

STATEMENTS = [
    ("If you make a mistake on this team, it is often held against you.", True),
    ("Members of this team are able to bring up problems and tough issues.", False),
    ("People on this team sometimes reject others for being different.", True),
    ("It is safe to take a risk on this team.", False),
    ("It is difficult to ask other members of this team for help.", True),
    (
        "No one on this team would deliberately act in a way that undermines my efforts.",
        False,
    ),
    (
        "Working with members of this team, my unique skills and talents are valued and utilized.",
        False,
    ),
]


def add_statements(apps, schema_editor):
    PulseStatement = apps.get_model("pulse", "PulseStatement")
    if PulseStatement.objects.exists():
        return
    PulseStatement.objects.bulk_create(
        [
            PulseStatement(text=text, reverse_scored=reverse, sort_order=number)
            for number, (text, reverse) in enumerate(STATEMENTS, start=1)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("pulse", "0001_initial")]

    operations = [migrations.RunPython(add_statements, migrations.RunPython.noop)]
