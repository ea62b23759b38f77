from django.db import migrations


def name_the_site(apps, schema_editor):
    """Wagtail's dashboard is titled with the Site's name, or its hostname ("localhost") when it
    has none: give the sites made without one Own It's name."""
    Site = apps.get_model("wagtailcore.Site")
    Site.objects.filter(site_name="").update(site_name="Own It")


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
