from django.db import migrations

ROLES = ["director", "deputy", "clerk", "lecturer", "trainee"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    """The role groups exist on every database; their permissions are kept in step after each migrate
    (center.roles.sync_role_permissions)."""

    dependencies = [("center", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
