"""The four roles of Own It, as Django groups with Wagtail permissions.

Each app says what its roles may do in a `roles.py` module of its own with two constants:

    MODEL_PERMISSIONS = {CULTURE_TEAM: ["quotes.add_quote", ...]}
    PAGE_PERMISSIONS = [(MODERATORS, "stories.StoriesIndexPage", ["change_page", "publish_page"])]

`sync_roles()` gathers them all and makes the database match exactly: every right a role's group
holds (model, snippet, page and collection permissions) that is not declared is removed. It is
idempotent and runs after every `migrate`, from `load_demo`, and by hand with
`python manage.py sync_roles`. tests/home/test_role_matrix.py writes the resulting matrix out.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from .apps_registry import own_app_modules

EMPLOYEES = "Employees"
MODERATORS = "Moderators"
TEAM_LEADS = "Team leads"
CULTURE_TEAM = "Culture team"
ROLES = [EMPLOYEES, MODERATORS, TEAM_LEADS, CULTURE_TEAM]

# Every signed-in account is an employee and can read what is published; the other roles need
# the admin. The Culture team manages the site's own settings.
MODEL_PERMISSIONS = {
    MODERATORS: ["wagtailadmin.access_admin"],
    TEAM_LEADS: ["wagtailadmin.access_admin"],
    CULTURE_TEAM: [
        "wagtailadmin.access_admin",
        "home.change_sitesettings",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}
PAGE_PERMISSIONS = [
    (CULTURE_TEAM, "home.HomePage", ["change_page", "publish_page"]),
]
# Image and document permissions are granted on the root collection.
COLLECTION_APPS = {"wagtailimages", "wagtaildocs"}


def collect_declarations():
    """Merge the MODEL_PERMISSIONS and PAGE_PERMISSIONS of every installed app's roles module."""
    model_permissions = {role: set() for role in ROLES}
    page_permissions = []
    for module in own_app_modules("roles"):
        for role, perms in getattr(module, "MODEL_PERMISSIONS", {}).items():
            model_permissions[role].update(perms)
        page_permissions.extend(getattr(module, "PAGE_PERMISSIONS", []))
    return model_permissions, page_permissions


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def sync_roles():
    """Create the groups and give them exactly the permissions the code declares."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    model_permissions, page_permissions = collect_declarations()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}

    root_collection = Collection.get_first_root_node()
    wanted_collection_permissions = set()
    for role, perms in model_permissions.items():
        group = groups[role]
        wanted = [_permission(p) for p in sorted(perms)]
        plain = [p for p in wanted if p.content_type.app_label not in COLLECTION_APPS]
        group.permissions.set(plain)
        if root_collection is not None:
            for perm in wanted:
                if perm.content_type.app_label in COLLECTION_APPS:
                    grant, _ = GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
                    wanted_collection_permissions.add(grant.pk)
    # Wagtail's first migrations give its own "Moderators" group image and document rights on the
    # root collection; like page rights below, a role holds only what is declared.
    GroupCollectionPermission.objects.filter(group__in=groups.values()).exclude(
        pk__in=wanted_collection_permissions
    ).delete()

    wanted_page_permissions = set()
    for role, model_label, codenames in page_permissions:
        model = apps.get_model(model_label)
        for page in Page.objects.type(model):
            for codename in codenames:
                grant, _ = GroupPagePermission.objects.get_or_create(
                    group=groups[role],
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
                wanted_page_permissions.add(grant.pk)
    # Wagtail's first migration gives its own "Moderators" group rights over the whole tree;
    # our roles hold only what is declared above.
    GroupPagePermission.objects.filter(group__in=groups.values()).exclude(
        pk__in=wanted_page_permissions
    ).delete()
    # Wagtail's default "Editors" group is not one of our roles; drop it while nobody is in it.
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    return groups


def sync_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """Runs after every migrate. Home is the first app, so the content types and permissions of
    the apps after it are created here first; Django would otherwise add them only later."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    sync_roles()


def grant_on_new_page(sender, instance, created, raw=False, **kwargs):
    """A new page of a type that roles hold permissions on (a stories index, say) gets them at once."""
    from wagtail.models import Page

    if not created or raw or not isinstance(instance, Page):
        return
    _, page_permissions = collect_declarations()
    if instance._meta.label in {model_label for _, model_label, _ in page_permissions}:
        sync_roles()


def add_new_user_to_employees(sender, instance, created, raw=False, **kwargs):
    """A new account is an employee from its first day."""
    if created and not raw:
        group, _ = Group.objects.get_or_create(name=EMPLOYEES)
        instance.groups.add(group)


def user_has_role(user, role):
    return user.is_superuser or user.groups.filter(name=role).exists()
