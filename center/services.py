from django.db import transaction
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.models import Center

# History labels of the actions below (registered from CenterConfig.ready).
ACTION_LABELS = {"center.updated": _("Profile updated")}


def center_update(*, center: Center, data: dict, by) -> Center:
    """Save the profile with ``data`` applied and record which fields changed."""
    changed = {
        name: [str(getattr(center, name) or ""), str(value or "")]
        for name, value in data.items()
        if getattr(center, name) != value
    }
    for name, value in data.items():
        setattr(center, name, value)
    with transaction.atomic():
        center.full_clean()
        center.save()
        if changed:
            audit_record(subject=center, action="center.updated", by=by, data=changed)
    return center
