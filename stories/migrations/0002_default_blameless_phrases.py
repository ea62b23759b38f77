"""Seed the blameless check with a starting list of phrases (the Culture team edits it later)."""

from django.db import migrations

from stories.blameless_phrases import DEFAULT_PHRASES


def add_default_phrases(apps, schema_editor):
    BlamelessPhrase = apps.get_model("stories", "BlamelessPhrase")
    for phrase, suggestion in DEFAULT_PHRASES:
        BlamelessPhrase.objects.get_or_create(phrase=phrase, defaults={"suggestion": suggestion})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_default_phrases, migrations.RunPython.noop),
    ]
