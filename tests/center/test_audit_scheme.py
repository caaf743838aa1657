"""History action codes: one scheme, labels for every code, registered once at start-up."""

import importlib
import re

import pytest

from center.actions import ACTION_LABELS
from center.audit import audit_record
from center.models import AuditEntry


def test_every_registered_action_code_is_thing_dot_event_and_has_a_label():
    assert len(ACTION_LABELS) > 30
    bad = [code for code in ACTION_LABELS if not re.fullmatch(r"[a-z]+\.[a-z_]+", code)]
    assert bad == []
    assert all(str(label).strip() for label in ACTION_LABELS.values())


def test_importing_a_services_module_registers_nothing(monkeypatch):
    # Labels are registered from AppConfig.ready() only: re-importing services must not touch the registry.
    before = dict(ACTION_LABELS)
    for name in ("courses.services", "staff.services", "trainees.enrolment.services", "trainees.learning.services"):
        importlib.reload(importlib.import_module(name))
    assert ACTION_LABELS == before


@pytest.mark.django_db(transaction=True)
def test_the_migration_renames_the_old_underscore_codes(director):
    from django.apps import apps as django_apps

    migration = importlib.import_module("trainees.migrations.0006_audit_action_names")
    entry = audit_record(subject=director, action="certificate_issued")
    other = audit_record(subject=director, action="enrolment.approved")
    migration.rename(django_apps, None)
    assert AuditEntry.objects.get(pk=entry.pk).action == "certificate.issued"
    assert AuditEntry.objects.get(pk=other.pk).action == "enrolment.approved"
    migration.rename_back(django_apps, None)
    assert AuditEntry.objects.get(pk=entry.pk).action == "certificate_issued"
