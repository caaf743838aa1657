"""Every fresh database starts with the programme kinds of DESIGN.md §1 and their usual topics."""

from django.db import migrations

from courses.catalogue import install_catalogue


def install(apps, schema_editor):
    install_catalogue(apps.get_model("courses", "Programme"), apps.get_model("courses", "Topic"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
    ]

    # Reversing keeps the programmes: staff may have edited them and courses may point to them.
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
