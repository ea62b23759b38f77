"""Blameless phrases per language (issue 17): existing phrases are English; the German starting
list is added (the Culture team edits both lists in the admin)."""

from django.db import migrations, models

from stories.blameless_phrases import GERMAN_PHRASES


def add_german_phrases(apps, schema_editor):
    BlamelessPhrase = apps.get_model("stories", "BlamelessPhrase")
    for phrase, suggestion in GERMAN_PHRASES:
        BlamelessPhrase.objects.get_or_create(
            language="de", phrase=phrase, defaults={"suggestion": suggestion}
        )


def remove_german_phrases(apps, schema_editor):
    apps.get_model("stories", "BlamelessPhrase").objects.filter(language="de").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0013_action_owner_teams'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='blamelessphrase',
            options={'ordering': ['language', 'phrase']},
        ),
        migrations.AddField(
            model_name='blamelessphrase',
            name='language',
            field=models.CharField(db_index=True, default='en', help_text='The language of the phrase: stories in this language are checked for it.', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='blamelessphrase',
            name='phrase',
            field=models.CharField(help_text='Matched as whole words, ignoring case, for example “should have known”.', max_length=80),
        ),
        migrations.AddConstraint(
            model_name='blamelessphrase',
            constraint=models.UniqueConstraint(fields=('language', 'phrase'), name='unique_phrase_per_language'),
        ),
        migrations.RunPython(add_german_phrases, remove_german_phrases),
    ]
