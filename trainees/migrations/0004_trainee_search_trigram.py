"""On PostgreSQL, a trigram index on Trainee.search_name so that ``LIKE '%nguyen thi hong%'`` (name
search anywhere in the folded name) is an index scan on 100 000 trainees. SQLite keeps the plain
b-tree index (prefix searches use it; the database is small there). Where the pg_trgm extension
cannot be created (no privilege), the migration carries on without it: search stays correct."""

from django.db import migrations, transaction

INDEX = "trainee_search_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON trainees_trainee USING gin (search_name gin_trgm_ops)"
            )
    except Exception:  # noqa: BLE001 — no privilege to create the extension: plain index only
        pass


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0003_portal_accounts"),
    ]

    operations = [migrations.RunPython(create, drop)]
