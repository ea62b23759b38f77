"""Demo content of the home app: the home page, the site, its settings and one user per role.

`python manage.py load_demo` calls `load(demo)` in every app that has a `demo` module, in the
order of INSTALLED_APPS, so each app adds its own content on top of what the apps below made.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from . import site_address
from .models import HomePage, SiteSettings
from .roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS

# Demo accounts exist only when DEBUG is on; they all share this password.
DEMO_PASSWORD = "own-it-demo"
DEMO_USERS = [
    # username, first name, last name, roles, superuser
    ("erin", "Erin", "Walsh", [EMPLOYEES], False),
    ("sam", "Sam", "Okafor", [EMPLOYEES], False),
    ("priya", "Priya", "Natarajan", [EMPLOYEES], False),
    ("morgan", "Morgan", "Reyes", [MODERATORS], False),
    ("lee", "Lee", "Chen", [TEAM_LEADS], False),
    ("tove", "Tove", "Lindqvist", [TEAM_LEADS], False),
    ("casey", "Casey", "Brennan", [CULTURE_TEAM], False),
    ("admin", "Alex", "Admin", [], True),
    # Colleagues, so that most teams are big enough to show with an anonymous story
    # (stories/small_groups.py) and Finance is not.
    ("noor", "Noor", "Haddad", [EMPLOYEES], False),
    ("kofi", "Kofi", "Mensah", [EMPLOYEES], False),
    ("ines", "Ines", "Duarte", [EMPLOYEES], False),
    ("mateo", "Mateo", "Ruiz", [EMPLOYEES], False),
    ("aiko", "Aiko", "Tanaka", [EMPLOYEES], False),
    ("femi", "Femi", "Adeyemi", [EMPLOYEES], False),
    ("hana", "Hana", "Novak", [EMPLOYEES], False),
    ("ravi", "Ravi", "Kapoor", [EMPLOYEES], False),
    ("lena", "Lena", "Vogel", [EMPLOYEES], False),
    ("omar", "Omar", "Farouk", [EMPLOYEES], False),
    ("zara", "Zara", "Whitfield", [EMPLOYEES], False),
    ("jonas", "Jonas", "Berg", [EMPLOYEES], False),
]


@dataclass
class Demo:
    """What the apps' demo loaders share: the home page, the users, and a place to say things."""

    stdout: Any
    home: HomePage | None = None
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def say(self, message):
        self.stdout.write(message)


def load(demo):
    demo.home = _home_page()
    _site_address(demo)
    settings_row = SiteSettings.for_site(demo.home.get_site())
    if not settings_row.pk:
        settings_row.save()
    if settings.DEBUG:
        demo.users = _demo_users()
    else:
        demo.say("DEBUG is off: no demo accounts were created.")
        demo.users = {}


def _home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a "Welcome to Wagtail" page at the home slug; the home page replaces it.
    for page in root.get_children().filter(slug="home"):
        page.delete()
    home = root.add_child(
        instance=HomePage(
            title="Own It",
            slug="home",
            intro="Mistakes happen every day. What counts is what we do next.",
            body=(
                "<p>This is where we tell each other about the mistakes we made, how we owned them, "
                "made them right, and what changed so they don't happen again. "
                "Stories are blameless: they are about systems and choices, never about blaming a colleague.</p>"
            ),
        )
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "site_name": "Own It"}
    )
    return home


def _site_address(demo):
    """The default Site's hostname and port follow BASE_URL on every run: Wagtail builds its own
    absolute links (`page.full_url`, in its moderation emails) from them, so with "localhost:80"
    they pointed at a server nobody runs. `PORT=8123 make run` moves them to port 8123."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    hostname, port = site_address.site_record_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    # Wagtail's dashboard is titled with the Site's name, or its hostname when it has none.
    if not site.site_name:
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save(update_fields=["site_name"])
    demo.say(f"Links in feeds, emails and calendar files point at {site_address.base_url()}/")


def _demo_users():
    User = get_user_model()
    users = {}
    for username, first, last, roles, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.com",
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            from django.contrib.auth.models import Group

            for role in roles:
                user.groups.add(Group.objects.get_or_create(name=role)[0])
        users[username] = user
    return users
