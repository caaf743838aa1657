import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from center.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive, ttct-backup-YYYYMMDD-HHMMSS.tar.gz, with the whole database (PostgreSQL: pg_dump "
        "--format=custom; SQLite: the online backup API, safe while the portal runs) and every uploaded file "
        "(MEDIA_ROOT), plus the row count of every table so that `manage.py restore` can prove it brought back "
        "everything. The archive is readable by its owner only. Prints its path and what it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR") or str(Path(settings.BASE_DIR) / "backups"),
            help="folder for the archive (default: $BACKUP_DIR, else backups/ in the project folder)",
        )
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, **options):
        try:
            summary = backup_create(output_dir=Path(options["output_dir"]), using=options["database"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("Backup written: %(path)s (%(tables)s tables, %(rows)s rows, %(files)s uploaded files).")
            % {"path": summary.path, "tables": len(summary.tables), "rows": summary.rows, "files": summary.media_files}
        )
