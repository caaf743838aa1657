"""Scores recorded before the retake existed were the first (and only) paper: keep them as the paper."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Enrolment = apps.get_model("trainees", "Enrolment")
    Enrolment.objects.filter(score__isnull=False, paper_score__isnull=True).update(paper_score=F("score"))


class Migration(migrations.Migration):
    dependencies = [("trainees", "0011_paper_and_retake")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
