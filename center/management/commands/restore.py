from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from center.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the configured database (DATABASE_URL) and "
        "MEDIA_ROOT. Both must be empty: a new database (PostgreSQL: createdb; SQLite: a new file) and an empty "
        "folder; anything else is refused before a single row is written. Then every table's row count is "
        "compared with the count recorded in the archive. Run `manage.py migrate` afterwards when the code is "
        "newer than the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a ttct-backup-….tar.gz file")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": archive})
        try:
            summary = backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _(
                "Restored %(archive)s (made %(created)s) into %(db)s: %(tables)s tables, %(rows)s rows, "
                "%(files)s uploaded files; every table has the row count recorded in the backup."
            )
            % {
                "archive": archive.name,
                "created": summary.created,
                "db": summary.database,
                "tables": len(summary.tables),
                "rows": summary.rows,
                "files": summary.media_files,
            }
        )
