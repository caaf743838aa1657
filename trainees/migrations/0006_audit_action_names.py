"""History action codes follow one scheme, ``<thing>.<what happened>``: rename the older underscore codes
of certificates and results in the history already recorded (labels are looked up by code)."""

from django.db import migrations

RENAMED = {
    "certificate_issued": "certificate.issued",
    "certificate_reissued": "certificate.reissued",
    "certificate_revoked": "certificate.revoked",
    "certificate_replaced": "certificate.replaced",
    "result_recorded": "result.recorded",
    "result_changed": "result.changed",
    "completion_reviewed": "completion.reviewed",
    "completion_confirmed": "completion.confirmed",
}


def rename(apps, schema_editor, mapping=RENAMED):
    AuditEntry = apps.get_model("center", "AuditEntry")
    for old, new in mapping.items():
        AuditEntry.objects.filter(action=old).update(action=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, mapping={new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("center", "0003_unit_sort_key"),
        ("trainees", "0005_certificate_issued_once"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
