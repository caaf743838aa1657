"""Every fresh database starts with the programme kinds of DESIGN.md §1 and their usual topics."""

from django.db import migrations

from courses.catalogue import PROGRAMMES_2019, install_catalogue


def install(apps, schema_editor):
    # The catalogue of 2019, as installs made it then; 0004 brings it to the current one.
    install_catalogue(
        apps.get_model("courses", "Programme"), apps.get_model("courses", "Topic"), catalogue=PROGRAMMES_2019, commune=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
    ]

    # Reversing keeps the programmes: staff may have edited them and courses may point to them.
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
