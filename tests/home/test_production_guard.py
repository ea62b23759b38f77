"""manage.py refuses the development settings where the environment looks like production.

The rule itself (culture/settings/guard.py) is tested with plain dicts; the real manage.py is
then run in a subprocess, to show that a refusal stops it before any command runs and that the
production, test and development set-ups we rely on still start.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from culture.settings.guard import refusal

ROOT = Path(__file__).resolve().parents[2]
DEV = "culture.settings.dev"
PRODUCTION_SECRET = "a" * 20 + "-production-secret-for-the-guard-" + "b" * 20
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"  # CI's, never connected to here


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({"SECRET_KEY": PRODUCTION_SECRET}, "SECRET_KEY is set"),
        ({"DATABASE_URL": "postgres://own-it@db/ownit"}, "DATABASE_URL points at PostgreSQL"),
        ({"DATABASE_URL": "postgresql://own-it@db/ownit"}, "DATABASE_URL points at PostgreSQL"),
        ({"DATABASE_URL": "pgsql://own-it@db/ownit"}, "DATABASE_URL points at PostgreSQL"),
        ({"DATABASE_URL": "PostgreSQL://own-it@db/ownit"}, "DATABASE_URL points at PostgreSQL"),
        ({"DJANGO_SETTINGS_MODULE": DEV, "SECRET_KEY": PRODUCTION_SECRET}, "SECRET_KEY is set"),
    ],
)
def test_dev_settings_are_refused_in_a_production_like_environment(environ, reason):
    message = refusal(environ, ["manage.py", "send_weekly_digest"])
    assert reason in message
    assert "DJANGO_SETTINGS_MODULE=culture.settings.production" in message
    assert "unset SECRET_KEY" in message


def test_both_reasons_are_named():
    message = refusal({"SECRET_KEY": PRODUCTION_SECRET, "DATABASE_URL": POSTGRES_URL})
    assert "SECRET_KEY is set and DATABASE_URL points at PostgreSQL" in message


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"SECRET_KEY": ""},
        {"DATABASE_URL": "sqlite:////tmp/own-it.sqlite3"},
        {"DJANGO_SETTINGS_MODULE": "culture.settings.production", "SECRET_KEY": PRODUCTION_SECRET},
        {"DJANGO_SETTINGS_MODULE": "culture.settings.test", "DATABASE_URL": POSTGRES_URL},
        {"DJANGO_SETTINGS_MODULE": "bench.settings", "SECRET_KEY": PRODUCTION_SECRET},
    ],
)
def test_other_settings_and_a_plain_development_machine_are_allowed(environ):
    assert refusal(environ, ["manage.py", "check"]) is None


def test_the_settings_option_counts_as_django_reads_it():
    secret = {"SECRET_KEY": PRODUCTION_SECRET}
    production = ["manage.py", "check", "--settings", "culture.settings.production"]
    assert refusal(secret, production) is None
    assert refusal(
        {**secret, "DJANGO_SETTINGS_MODULE": "culture.settings.production"},
        ["manage.py", "check", f"--settings={DEV}"],
    )
    # Django reads --settings only after the command name, and so does the guard.
    assert refusal(secret, ["manage.py", "--settings=culture.settings.production", "check"])


def _manage(*args, env):
    """manage.py with exactly `env` on top of PATH: nothing inherited from this test run."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"SECRET_KEY": PRODUCTION_SECRET},
        {"DJANGO_SETTINGS_MODULE": DEV, "DATABASE_URL": POSTGRES_URL},
    ],
    ids=["secret-key", "postgres-url"],
)
def test_manage_py_refuses_dev_settings_before_running_a_command(env):
    result = _manage("check", env=env)

    assert result.returncode == 2
    assert result.stderr.startswith("Refusing to start with the development settings")
    assert "DJANGO_SETTINGS_MODULE=culture.settings.production" in result.stderr
    assert result.stdout == ""  # `check` never ran


def test_manage_py_runs_with_production_settings_and_a_secret_key():
    env = {
        "DJANGO_SETTINGS_MODULE": "culture.settings.production",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "own-it.example.com",
    }
    result = _manage("check", env=env)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_manage_py_runs_with_test_settings_on_postgresql_as_ci_does():
    env = {"DJANGO_SETTINGS_MODULE": "culture.settings.test", "DATABASE_URL": POSTGRES_URL}
    result = _manage("help", "check", env=env)

    assert result.returncode == 0, result.stderr
    assert "usage: manage.py check" in result.stdout


def test_manage_py_runs_dev_settings_with_no_environment_at_all():
    result = _manage("check", env={})

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
