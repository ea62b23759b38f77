"""Backups: the database and the uploads in one dated archive, and back again.

`manage.py backup` writes `own-it-backup-<date>-<time>.tar.gz` with `manifest.json`, the database
(SQLite: its online backup API, a consistent copy of a database in use; PostgreSQL: `pg_dump
--format=custom`) and `media/` (the uploads under MEDIA_ROOT). `manage.py restore <archive>` puts
both back onto an empty database (one with no users; `--force` to replace a database in use).

An archive holds everything, identities too: a story posted "anonymous to everyone" keeps its
link to the author in every archive made before it was published. docs/production.md says how
long to keep them.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection

FORMAT = 1
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


class BackupError(Exception):
    """Something a person must fix; the message says what."""


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_environment():
    """pg_dump's and pg_restore's connection, from Django's own settings."""
    params = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if params.get(name):
            env[key] = str(params[name])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    env["PGDATABASE"] = params["NAME"]
    return env


def _run(command):
    try:
        subprocess.run(command, env=_pg_environment(), check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools).") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _media_root():
    return Path(settings.MEDIA_ROOT)


def backup(folder, now=None):
    """Write one archive into `folder`; return its path."""
    engine = _engine()
    now = now or datetime.datetime.now(datetime.UTC)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"own-it-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if engine == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(work / SQLITE_FILE)
            with target:
                connection.connection.backup(target)
            target.close()
            database = SQLITE_FILE
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={work / POSTGRES_FILE}"])  # fmt: skip
            database = POSTGRES_FILE
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "engine": engine,
            "database": database,
            "media": _media_root().is_dir(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database, arcname=database)
            if manifest["media"]:
                tar.add(_media_root(), arcname="media")
    return archive


def database_in_use():
    """Whether the database holds people already (a fresh `migrate` holds none)."""
    try:
        return get_user_model().objects.exists()
    except Exception:  # no tables yet: empty
        return False


def restore(archive, force=False):
    """Put an archive's database and uploads back. Refuses a database in use unless `force`."""
    engine = _engine()
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No such archive: {archive}")
    if database_in_use() and not force:
        raise BackupError(
            "The database is in use (it has users). Restore onto an empty database, or add "
            "--force to replace everything in it."
        )
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was made by another version of the backup command.")
        if manifest["engine"] != engine:
            raise BackupError(
                f"This archive holds a {manifest['engine']} database; this site uses {engine}. "
                "Use `manage.py dumpdata`/`loaddata` to move between databases."
            )
        if engine == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(work / manifest["database"])
            with source:
                source.backup(connection.connection)
            source.close()
        else:
            connection.close()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                  "--single-transaction", f"--dbname={_pg_environment()['PGDATABASE']}",
                  str(work / manifest["database"])])  # fmt: skip
        if manifest.get("media") and (work / "media").is_dir():
            shutil.copytree(work / "media", _media_root(), dirs_exist_ok=True)
    connection.close()
    # Rendered fragments describe the database that was there before.
    cache.clear()
    return manifest
