"""Backups that restore: one archive holds the database and the uploaded files (``MEDIA_ROOT``).

``ttct-backup-YYYYMMDD-HHMMSS.tar.gz`` contains

- ``backup.json``: format, time, database engine and the row count of every table, taken from the very state
  that was saved (so a restore can prove it brought back every row);
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``, run inside the snapshot the rows were counted in)
  or ``database.sqlite3`` (SQLite, a consistent copy made with SQLite's online backup API while the portal runs);
- ``media/…``: the uploaded files.

A restore goes only into an empty database (and an empty ``MEDIA_ROOT``): it never merges into, or overwrites,
records that exist. The commands ``manage.py backup`` and ``manage.py restore`` call these functions.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.utils import load_backend
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from center.errors import PortalError

FORMAT = 1
ARCHIVE_PREFIX = "ttct-backup-"
MANIFEST = "backup.json"
MEDIA_DIR = "media"
DUMP_NAME = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAME = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

ERROR_ENGINE = gettext_noop("Backups support PostgreSQL and SQLite databases only, not %(vendor)s.")
ERROR_TOOL_MISSING = gettext_noop(
    "%(tool)s was not found; install the PostgreSQL client (Debian: apt install postgresql-client)."
)
ERROR_TOOL_FAILED = gettext_noop("%(tool)s failed: %(detail)s")
ERROR_NOT_ARCHIVE = gettext_noop("%(name)s is not a backup archive of the portal (%(detail)s).")
ERROR_FORMAT = gettext_noop("%(name)s was written by a newer version of the portal (backup format %(format)s).")
ERROR_OTHER_ENGINE = gettext_noop("%(name)s holds a %(archive)s database; it cannot be restored into %(target)s.")
ERROR_CANNOT_CONNECT = gettext_noop(
    "Cannot open the database %(db)s: %(detail)s. Create an empty database first (PostgreSQL: createdb) and point "
    "DATABASE_URL at it."
)
ERROR_DB_NOT_EMPTY = gettext_noop(
    "The database %(db)s is not empty (%(count)s tables). A backup is restored only into a new, empty database, "
    "so no record is overwritten or mixed: create an empty one (PostgreSQL: createdb; SQLite: a new file name) "
    "and point DATABASE_URL at it."
)
ERROR_MEDIA_NOT_EMPTY = gettext_noop(
    "The folder for uploaded files %(path)s is not empty. Move its contents away (or set MEDIA_ROOT to a new "
    "folder) before restoring, so no file is overwritten."
)
ERROR_COUNTS_DIFFER = gettext_noop("The restored database does not match the backup: %(tables)s.")


class BackupError(PortalError):
    """A backup could not be written or restored; ``message`` says why and what to do."""


@dataclass
class BackupSummary:
    path: Path
    tables: dict[str, int]
    media_files: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class RestoreSummary:
    database: str
    tables: dict[str, int]
    media_files: int
    created: str = ""

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def backup_create(*, output_dir: Path, using: str = "default", now: datetime.datetime | None = None) -> BackupSummary:
    """Write one archive of the database ``using`` and ``MEDIA_ROOT`` into ``output_dir`` (created if missing)
    and return where it is and what it holds. The archive appears under its final name only once complete, and
    is readable by its owner only (it holds personal data). Raises ``BackupError``."""
    source = connections[using]
    vendor = _vendor(source.settings_dict)
    now = timezone.localtime(now or timezone.now())
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="ttct-backup-") as work:
        dump = Path(work) / DUMP_NAME[vendor]
        if vendor == "postgresql":
            tables = _pg_dump(source.settings_dict, dump)
        else:
            tables = _sqlite_copy(source, dump)
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "engine": vendor,
            "tables": tables,
        }
        partial = final.with_name(final.name + ".partial")
        media_files = 0
        try:
            with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
                    tar.add(dump, arcname=dump.name)
                    for path in _media_files(media_root):
                        tar.add(path, arcname=f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}")
                        media_files += 1
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(path=final, tables=tables, media_files=media_files)


def backup_restore(*, archive: Path, database: dict | None = None, media_root: Path | None = None) -> RestoreSummary:
    """Bring an archive back into an empty database (``database``: a Django database settings dict, the default
    database if omitted) and an empty ``media_root`` (``MEDIA_ROOT`` if omitted), then check that every table
    has the row count recorded in the archive. Refuses, before writing anything, a database that has any table
    or a media folder that has any file. Raises ``BackupError``."""
    archive = Path(archive)
    database = dict(database or connections["default"].settings_dict)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    target_vendor = _vendor(database)
    existing = _table_names(database)
    if existing:
        raise BackupError(_(ERROR_DB_NOT_EMPTY) % {"db": _label(database), "count": len(existing)})
    if any(_media_files(media_root)):
        raise BackupError(_(ERROR_MEDIA_NOT_EMPTY) % {"path": media_root})
    with tempfile.TemporaryDirectory(prefix="ttct-restore-") as work:
        manifest = _extract(archive, Path(work))
        if manifest["engine"] != target_vendor:
            raise BackupError(
                _(ERROR_OTHER_ENGINE)
                % {
                    "name": archive.name,
                    "archive": ENGINE_NAME[manifest["engine"]],
                    "target": ENGINE_NAME[target_vendor],
                }
            )
        dump = Path(work) / DUMP_NAME[target_vendor]
        if target_vendor == "postgresql":
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--dbname",
                    database["NAME"],
                    str(dump),
                ],
                database,
            )
        else:
            # A connection of this process must not keep the (empty) file that is being replaced.
            for open_connection in connections.all(initialized_only=True):
                if open_connection.settings_dict["NAME"] == database["NAME"]:
                    open_connection.close()
            _sqlite_install(dump, Path(database["NAME"]))
        media_files = 0
        extracted_media = Path(work) / MEDIA_DIR
        for path in _media_files(extracted_media):
            destination = media_root / path.relative_to(extracted_media)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            media_files += 1
    restored = _count_tables(database)
    expected = {name: int(count) for name, count in manifest["tables"].items()}
    differences = [
        f"{name}: {expected.get(name, '—')} → {restored.get(name, '—')}"
        for name in sorted(set(expected) | set(restored))
        if expected.get(name) != restored.get(name)
    ]
    if differences:
        raise BackupError(_(ERROR_COUNTS_DIFFER) % {"tables": "; ".join(differences)})
    return RestoreSummary(
        database=_label(database), tables=restored, media_files=media_files, created=manifest.get("created", "")
    )


# Databases ---------------------------------------------------------------------------------------------------


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(_(ERROR_ENGINE) % {"vendor": engine})


def _label(database: dict) -> str:
    return f"“{database['NAME']}”"


def _wrapper(database: dict):
    """A connection of its own to ``database`` (not one of settings.DATABASES: the restore target may be new)."""
    return load_backend(database["ENGINE"]).DatabaseWrapper(database, alias=f"backup-{id(database)}")


def _counts(cursor, introspection) -> dict[str, int]:
    counts = {}
    for name in sorted(introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {introspection.connection.ops.quote_name(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def _table_names(database: dict) -> list[str]:
    return list(_count_tables(database, count=False))


def _count_tables(database: dict, *, count: bool = True) -> dict[str, int]:
    """Every table of ``database`` with its row count (``count=False``: names only, counts 0)."""
    wrapper = _wrapper(database)
    if wrapper.vendor == "sqlite" and not wrapper.is_in_memory_db() and not Path(database["NAME"]).exists():
        return {}  # connecting would create the file
    try:
        with wrapper.cursor() as cursor:
            if not count:
                return dict.fromkeys(wrapper.introspection.table_names(cursor), 0)
            return _counts(cursor, wrapper.introspection)
    except DatabaseError as exc:
        raise BackupError(_(ERROR_CANNOT_CONNECT) % {"db": _label(database), "detail": str(exc).strip()}) from exc
    finally:
        wrapper.close()


def _pg_env(database: dict) -> dict[str, str]:
    env = dict(os.environ)
    options = database.get("OPTIONS") or {}
    for key, value in {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGSSLMODE": options.get("sslmode"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str], database: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(_(ERROR_TOOL_MISSING) % {"tool": command[0]})
    result = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(_(ERROR_TOOL_FAILED) % {"tool": command[0], "detail": " / ".join(detail[-3:])})


def _pg_dump(database: dict, dump: Path) -> dict[str, int]:
    """Count every table and dump the database in one snapshot: the counts describe exactly what was saved."""
    wrapper = _wrapper(database)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                tables = _counts(cursor, wrapper.introspection)
                _run(
                    ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(dump), database["NAME"]],
                    database,
                )
            finally:
                cursor.execute("ROLLBACK")
    except DatabaseError as exc:
        raise BackupError(_(ERROR_CANNOT_CONNECT) % {"db": _label(database), "detail": str(exc).strip()}) from exc
    finally:
        wrapper.close()
    return tables


def _sqlite_copy(source, dump: Path) -> dict[str, int]:
    """SQLite's online backup API: a consistent copy even while the portal writes (also of an in-memory database,
    hence through the live connection)."""
    source.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        source.connection.backup(target)
    finally:
        target.close()
    # Counted without the portal's connection options (they would switch the copy to WAL mode).
    return _count_tables({**source.settings_dict, "NAME": str(dump), "OPTIONS": {}})


def _sqlite_install(dump: Path, name: Path) -> None:
    """Put the restored file in place under its final name in one step; stale WAL files of the empty database
    it replaces would otherwise be replayed into it."""
    name.parent.mkdir(parents=True, exist_ok=True)
    partial = name.with_name(name.name + ".restoring")
    shutil.copyfile(dump, partial)
    for suffix in ("-wal", "-shm", "-journal"):
        name.with_name(name.name + suffix).unlink(missing_ok=True)
    partial.replace(name)


# Archives ----------------------------------------------------------------------------------------------------


def _media_files(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


def _extract(archive: Path, work: Path) -> dict:
    """Unpack the archive's regular files into ``work`` (nothing outside it: no absolute paths, no "..", no
    links) and return its manifest."""

    def refuse(detail: str):
        return BackupError(_(ERROR_NOT_ARCHIVE) % {"name": archive.name, "detail": detail})

    try:
        tar = tarfile.open(archive, mode="r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise refuse(str(exc)) from exc
    with tar:
        try:
            members = tar.getmembers()
        except (OSError, tarfile.TarError) as exc:
            raise refuse(str(exc)) from exc
        for member in members:
            parts = Path(member.name).parts
            if member.isdir():
                continue
            if not member.isfile() or Path(member.name).is_absolute() or ".." in parts:
                raise refuse(member.name)
            destination = work.joinpath(*parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out)
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        engine = manifest["engine"]
        format_ = int(manifest["format"])
        dict(manifest["tables"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise refuse(f"{MANIFEST}: {exc}") from exc
    if format_ > FORMAT:
        raise BackupError(_(ERROR_FORMAT) % {"name": archive.name, "format": format_})
    if engine not in DUMP_NAME or not (work / DUMP_NAME[engine]).is_file():
        raise refuse(DUMP_NAME.get(engine, engine))
    return manifest
