from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from center.models import Center


class Command(BaseCommand):
    help = (
        "Load the demo data (a center, its units, rooms, staff with logins, programmes, courses, trainees). "
        "Runs once: when a center profile already exists it changes nothing. Each app's seeder is listed in "
        "settings.DEMO_SEEDERS and runs in that order, all in one transaction."
    )

    def handle(self, *args, **options):
        if Center.objects.exists():
            self.stdout.write("Demo data already present: nothing loaded.")
        else:
            with transaction.atomic():
                for path in settings.DEMO_SEEDERS:
                    result = import_string(path)(stdout=self.stdout)
                    counts = ", ".join(f"{k}={v}" for k, v in result.items() if isinstance(v, int))
                    self.stdout.write(f"{path}: {counts or 'ok'}")
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        from staff.demo import DEMO_PASSWORD, PEOPLE

        self.stdout.write("Demo logins (password for all: %s):" % DEMO_PASSWORD)
        for username, name, _pos, _est, _lvl, _deg, _ped, role in PEOPLE:
            self.stdout.write(f"  {username:<12} {role:<9} {name}")
        for line in getattr(settings, "DEMO_EXTRA_LOGINS", []):
            self.stdout.write(f"  {line}")
