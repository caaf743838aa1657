"""Recording decisions: every app's services call ``audit_record``; pages show ``audit_for``."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from center.models import AuditEntry


def audit_record(
    *, subject: models.Model, action: str, by=None, reason: str = "", data: dict | None = None
) -> AuditEntry:
    """Append one history entry for ``subject``. Entries are never changed or deleted."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        reason=reason,
        data=data or {},
    )


def audit_record_many(*, subjects, action: str, by=None, data=None) -> None:
    """``audit_record`` for many objects of one model at once (one query): the same action, actor and
    ``data`` (a dict, or a function of the subject) for each."""
    subjects = list(subjects)
    if not subjects:
        return
    content_type = ContentType.objects.get_for_model(subjects[0], for_concrete_model=True)
    actor = by if by is not None and by.is_authenticated else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=content_type,
            object_id=subject.pk,
            action=action,
            actor=actor,
            data=(data(subject) if callable(data) else data) or {},
        )
        for subject in subjects
    )


def audit_for(subject: models.Model):
    """The history of one object, newest first, with the actor joined."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True), object_id=subject.pk
    ).select_related("actor")
