from django.core.management.base import BaseCommand

from center.generated import FILE_KEEP, generated_files_remove_old
from trainees.accounts.services import THROTTLE_WINDOW, activation_throttles_remove_old
from trainees.enrolment.imports import IMPORT_KEEP, import_uploads_remove_old


class Command(BaseCommand):
    help = (
        "Remove what the portal keeps only for a while: uploaded lists of trainees whose import was neither "
        f"confirmed nor cancelled within {IMPORT_KEEP} (they hold personal data), and counts of activation "
        f"codes typed in windows that ended more than {THROTTLE_WINDOW} ago, and files made in the background "
        f"(certificate ZIPs and PDFs) kept longer than {FILE_KEEP} or given up by a worker that stopped. "
        "Safe to run at any time; run it "
        "every hour from cron or a systemd timer (see the README)."
    )

    def handle(self, *args, **options):
        uploads = import_uploads_remove_old()
        throttles = activation_throttles_remove_old()
        files = generated_files_remove_old()
        self.stdout.write(
            f"Removed {uploads} uploaded lists, {throttles} activation attempt counts and {files} generated files."
        )
