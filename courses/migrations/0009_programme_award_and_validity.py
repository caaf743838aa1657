"""What a programme awards (a certificate, or the sơ cấp diploma) and how long its certificates count; the
catalogue's programmes still under their code and kind get the catalogue's values (``apply_catalogue_awards``:
sơ cấp awards the diploma, nhận thức về Đảng's certificate counts 60 months)."""

import django.core.validators
from django.db import migrations, models

from courses.catalogue import apply_catalogue_awards


def forwards(apps, schema_editor):
    apply_catalogue_awards(apps.get_model("courses", "Programme"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0008_session_taught_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="award",
            field=models.CharField(
                choices=[
                    ("certificate", "Certificate (giấy chứng nhận)"),
                    ("elementary_diploma", "Elementary political theory diploma (bằng sơ cấp)"),
                ],
                default="certificate",
                max_length=30,
                verbose_name="what it awards",
            ),
        ),
        migrations.AddField(
            model_name="programme",
            name="certificate_validity_months",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Printed on the certificate as the date it counts until; empty: it does not expire",
                null=True,
                validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(600)],
                verbose_name="certificate valid for (months)",
            ),
        ),
        # Reversing keeps the values: the fields go with it.
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
