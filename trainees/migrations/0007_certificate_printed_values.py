"""A certificate stores what it printed. Existing certificates get the values their records hold today
(the closest to what was printed that the database still knows)."""

from django.db import migrations, models


def _salutation(trainee) -> str:
    if trainee.party_status in ("full", "probationary"):
        return "Đồng chí"
    return {"male": "Ông", "female": "Bà"}.get(trainee.gender, "Ông/Bà")


def fill(apps, schema_editor):
    Certificate = apps.get_model("trainees", "Certificate")
    rows = Certificate.objects.select_related(
        "enrolment__trainee__unit", "enrolment__sending_unit", "enrolment__course__programme"
    )
    for cert in rows.iterator(chunk_size=500):
        enrolment = cert.enrolment
        trainee, course = enrolment.trainee, enrolment.course
        unit = enrolment.sending_unit or trainee.unit
        cert.family_name = trainee.family_name
        cert.given_name = trainee.given_name
        cert.date_of_birth = trainee.date_of_birth
        cert.salutation = _salutation(trainee)
        cert.unit_name = unit.name if unit else ""
        cert.programme_name = course.programme.name
        cert.course_title = course.title
        cert.course_code = course.code
        cert.course_start = course.start_date
        cert.course_end = course.end_date
        cert.grade = enrolment.grade
        cert.score = enrolment.score
        cert.save()


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0006_audit_action_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="course_code",
            field=models.CharField(blank=True, max_length=40, verbose_name="course code"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="course_end",
            field=models.DateField(blank=True, null=True, verbose_name="end date"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="course_start",
            field=models.DateField(blank=True, null=True, verbose_name="start date"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="course_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="course title"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True, verbose_name="date of birth"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="family_name",
            field=models.CharField(blank=True, max_length=80, verbose_name="family and middle name"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="given_name",
            field=models.CharField(blank=True, max_length=40, verbose_name="given name"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="grade",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "—"),
                    ("excellent", "Excellent"),
                    ("good", "Good"),
                    ("fair", "Fair"),
                    ("average", "Average"),
                    ("fail", "Fail"),
                ],
                default="",
                max_length=20,
                verbose_name="grade",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="programme_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="programme"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="salutation",
            field=models.CharField(blank=True, max_length=20, verbose_name="salutation"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="score",
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=3, null=True, verbose_name="score"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="unit_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="unit"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
