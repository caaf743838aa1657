"""Backups that restore: `manage.py backup` writes one archive (database + uploaded files); `manage.py restore`
brings it back into an empty database and proves every table came back. The round trip runs on the database
the suite runs on: SQLite by default, PostgreSQL with DATABASE_URL (a scratch database, dropped afterwards)."""

import io
import json
import os
import re
import stat
import subprocess
import sys
import tarfile
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import load_backend

from center.backup import BackupError, backup_create, backup_restore
from tests.factories import CenterFactory

ARCHIVE_NAME = re.compile(r"^ttct-backup-\d{8}-\d{6}\.tar\.gz$")
# Records that matter most a year later: compared row by row, every column.
SAMPLED = ("trainees_certificate", "trainees_enrolment", "center_auditentry")
UPLOAD = ("imports", "danh-sách đơn vị.xlsx")
ON_SQLITE = connection.vendor == "sqlite"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.joinpath(UPLOAD[0]).mkdir(parents=True)
    root.joinpath(*UPLOAD).write_bytes(b"PK\x03\x04 an uploaded workbook")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def fresh_database(transactional_db, tmp_path):
    """Settings of a new, empty database on the same server (SQLite: a new file), as an admin would create."""
    if ON_SQLITE:
        yield {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted}")
    yield {**connection.settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def _state(database: dict | None = None) -> tuple[dict[str, int], dict[str, list[tuple]]]:
    """Every table's row count, and every row of the sampled tables, read straight from the database."""
    wrapper = connection if database is None else load_backend(database["ENGINE"]).DatabaseWrapper(database)
    try:
        with wrapper.cursor() as cursor:
            counts = {}
            for table in wrapper.introspection.table_names(cursor):
                cursor.execute(f"SELECT COUNT(*) FROM {wrapper.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
            samples = {}
            for table in SAMPLED:
                cursor.execute(f"SELECT * FROM {wrapper.ops.quote_name(table)} ORDER BY id")
                samples[table] = cursor.fetchall()
    finally:
        if database is not None:
            wrapper.close()
    return counts, samples


def _database_url(database: dict) -> str:
    if ON_SQLITE:
        return f"sqlite:///{database['NAME']}"
    user = urllib.parse.quote(database["USER"] or "")
    password = ":" + urllib.parse.quote(database["PASSWORD"]) if database["PASSWORD"] else ""
    host = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{database['NAME']}"


def _restore_command(archive: Path, database: dict, media_root: Path) -> subprocess.CompletedProcess:
    """`manage.py restore ARCHIVE` in a process of its own, configured as a new server would be."""
    env = {**os.environ, "DATABASE_URL": _database_url(database), "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def _round_trip(tmp_path: Path, media_root: Path, fresh_database: dict) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    [archive] = (tmp_path / "backups").iterdir()
    assert ARCHIVE_NAME.match(archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data: the owner only
    assert str(archive) in out.getvalue()
    counts, samples = _state()
    assert all(samples[table] for table in SAMPLED), "the demo must give rows to compare"

    restored_media = tmp_path / "restored-media"
    result = _restore_command(archive, fresh_database, restored_media)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã khôi phục" in result.stdout

    restored_counts, restored_samples = _state(fresh_database)
    assert restored_counts == counts
    assert restored_samples == samples
    assert restored_media.joinpath(*UPLOAD).read_bytes() == media_root.joinpath(*UPLOAD).read_bytes()


@pytest.mark.skipif(not ON_SQLITE, reason="the SQLite round trip runs when the suite runs on SQLite")
def test_backup_restores_every_row_and_file_on_sqlite(tmp_path, media_root, fresh_database):
    _round_trip(tmp_path, media_root, fresh_database)


@pytest.mark.postgres
def test_backup_restores_every_row_and_file_on_postgresql(tmp_path, media_root, fresh_database):
    _round_trip(tmp_path, media_root, fresh_database)


@pytest.fixture
def small_archive(transactional_db, tmp_path, media_root) -> Path:
    CenterFactory()
    return backup_create(output_dir=tmp_path / "backups").path


def test_restore_refuses_a_database_that_is_not_empty(small_archive):
    before, _ = _state()
    with pytest.raises(CommandError, match="không trống") as refused:
        call_command("restore", str(small_archive))
    assert "cơ sở dữ liệu mới, trống" in str(refused.value)
    assert _state()[0] == before


def test_restore_refuses_a_media_folder_that_is_not_empty(small_archive, fresh_database, tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "old.pdf").write_bytes(b"%PDF-")
    with pytest.raises(BackupError, match="không trống"):
        backup_restore(archive=small_archive, database=fresh_database, media_root=occupied)
    assert _state_tables(fresh_database) == []


def _state_tables(database: dict) -> list[str]:
    if ON_SQLITE and not Path(database["NAME"]).exists():
        return []
    wrapper = load_backend(database["ENGINE"]).DatabaseWrapper(database)
    try:
        with wrapper.cursor() as cursor:
            return wrapper.introspection.table_names(cursor)
    finally:
        wrapper.close()


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "notes.txt",
        lambda tmp: _tar(tmp / "evil.tar.gz", {"../escaped.txt": b"x"}),
        lambda tmp: _tar(tmp / "nomanifest.tar.gz", {"media/a.txt": b"x"}),
    ],
    ids=["not-a-tar", "path-outside", "no-manifest"],
)
def test_restore_refuses_a_file_that_is_not_a_backup(make, fresh_database, tmp_path):
    (tmp_path / "notes.txt").write_text("không phải bản sao lưu")
    archive = make(tmp_path)
    with pytest.raises(BackupError, match="không phải là tệp sao lưu"):
        backup_restore(archive=archive, database=fresh_database, media_root=tmp_path / "media-new")
    assert not (tmp_path / "escaped.txt").exists()
    assert _state_tables(fresh_database) == []


def test_restore_refuses_an_archive_of_the_other_database_engine(fresh_database, tmp_path):
    other = "postgresql" if ON_SQLITE else "sqlite"
    dump = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}[other]
    manifest = json.dumps({"format": 1, "engine": other, "tables": {}, "created": "2027-01-05T02:00:00+07:00"})
    archive = _tar(tmp_path / "other.tar.gz", {"backup.json": manifest.encode(), dump: b"x"})
    with pytest.raises(BackupError, match="không thể khôi phục vào"):
        backup_restore(archive=archive, database=fresh_database, media_root=tmp_path / "media-new")
