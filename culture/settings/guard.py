"""Refuse the development settings where the environment looks like production.

manage.py falls back to culture.settings.dev, which has DEBUG on, prints email to the console,
runs tasks at once and accepts any host name. A cron line or a worker that forgot
DJANGO_SETTINGS_MODULE used to run that way against the production database (issue 10: the
weekly digest printed every unsubscribe link to the cron log and recorded the week as sent).

manage.py calls `refusal()` before Django reads any settings, so this module must not import
them. Its message is for the operator's terminal, printed before Django (and so its
translations) is set up: like Django's own start-up errors, it is in English.
"""

from urllib.parse import urlsplit

from django.core.management.base import CommandError, CommandParser
from environ import Env

DEV_SETTINGS = "culture.settings.dev"
PRODUCTION_SETTINGS = "culture.settings.production"


def settings_module(environ, argv):
    """The settings module Django will load for `argv`, as ManagementUtility decides it:
    `--settings` after the command name wins over DJANGO_SETTINGS_MODULE."""
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    try:
        options, _ = parser.parse_known_args(list(argv[2:]))
    except CommandError:
        # Django ignores malformed options at this stage too; the command reports them.
        options = None
    if options is not None and options.settings:
        return options.settings
    return environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)


def is_postgresql_url(url):
    # The schemes django-environ maps to a PostgreSQL backend (postgres, postgresql, pgsql, …).
    return urlsplit(url.strip()).scheme.lower() in Env.POSTGRES_FAMILY


def refusal(environ, argv=()):
    """Why manage.py must not start with these settings, or None when it may.

    `environ` is the process environment (os.environ, or a dict in tests); `argv` is sys.argv.
    Only the development settings are ever refused: the test settings on PostgreSQL are CI.
    """
    if settings_module(environ, argv) != DEV_SETTINGS:
        return None
    reasons = []
    if environ.get("SECRET_KEY"):
        reasons.append("SECRET_KEY is set")
    if is_postgresql_url(environ.get("DATABASE_URL", "")):
        reasons.append("DATABASE_URL points at PostgreSQL")
    if not reasons:
        return None
    return (
        f"Refusing to start with the development settings ({DEV_SETTINGS}): "
        f"{' and '.join(reasons)}, so this looks like production. The development settings "
        "have DEBUG on, print email to the console instead of sending it and run tasks at "
        "once.\n"
        f"  On a server: set DJANGO_SETTINGS_MODULE={PRODUCTION_SETTINGS} "
        "(docs/production.md).\n"
        "  For local development: unset SECRET_KEY and DATABASE_URL "
        "(the development settings use SQLite and their own key)."
    )
