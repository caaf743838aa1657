"""The 2026 catalogue (issue 12) and the periods of sessions saved before sessions had them.

Programmes: see ``courses.catalogue.upgrade_catalogue`` — missing ones are added; one still holding the 2019
catalogue's values exactly and used by no course is replaced; anything a center edited or used is kept.
Sessions: each gets its default periods (from its times, or its topic when shorter).
"""

from django.db import migrations

from courses.catalogue import upgrade_catalogue
from courses.models import default_periods


def forwards(apps, schema_editor):
    Center = apps.get_model("center", "Center")
    center = Center.objects.first()
    commune = center is None or center.kind == "commune"
    upgrade_catalogue(
        apps.get_model("courses", "Programme"),
        apps.get_model("courses", "Topic"),
        apps.get_model("courses", "Course"),
        commune=commune,
    )
    Session = apps.get_model("courses", "Session")
    for session in Session.objects.filter(periods=0).select_related("topic").iterator():
        session.periods = default_periods(start=session.start_time, end=session.end_time, topic=session.topic)
        session.save(update_fields=["periods"])


class Migration(migrations.Migration):
    dependencies = [
        ("center", "0004_center_kind"),
        ("courses", "0005_periods_grade_bands_kinds"),
    ]

    # Reversing keeps the programmes and periods: staff may have used them since.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
