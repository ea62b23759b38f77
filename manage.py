#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Development by default, so that `make run` needs no set-up; servers set
    # DJANGO_SETTINGS_MODULE=culture.settings.production (docs/production.md).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culture.settings.dev")

    # Before any command runs: a server's SECRET_KEY or PostgreSQL DATABASE_URL under the
    # development settings means a forgotten DJANGO_SETTINGS_MODULE, not a developer.
    from culture.settings.guard import refusal

    message = refusal(os.environ, sys.argv)
    if message:
        print(message, file=sys.stderr)
        sys.exit(2)

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
