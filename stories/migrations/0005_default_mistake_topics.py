"""Seed "Has this happened before?" with a starting list of mistake topics (the Culture team
extends it later)."""

from django.db import migrations

from stories.mistake_topics import DEFAULT_TOPICS


def add_default_topics(apps, schema_editor):
    MistakeTopic = apps.get_model("stories", "MistakeTopic")
    for name, words in DEFAULT_TOPICS:
        MistakeTopic.objects.get_or_create(name=name, defaults={"words": words})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0004_mistake_topics_and_story_terms"),
    ]

    operations = [
        migrations.RunPython(add_default_topics, migrations.RunPython.noop),
    ]
