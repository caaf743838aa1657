from django.contrib import admin
from django.db import transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.models import AuditEntry, Center, Room, Unit

# History labels of what the admin records (registered from CenterConfig.ready).
ACTION_LABELS = {
    "admin.added": _("Added in the administration"),
    "admin.changed": _("Changed in the administration"),
    "admin.deleted": _("Deleted in the administration"),
    "admin.password_set": _("Password set in the administration"),
}


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)) or hasattr(value, "model"):  # many-to-many: a list or a queryset
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


def _initial(form, name):
    value = form.initial.get(name)
    field = form.fields[name]
    if value is not None and isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField):
        return field.queryset.model._default_manager.filter(pk=value).first()  # the form keeps only the pk
    return value


def form_changes(form) -> dict:
    """{field: [old, new]} for each field the admin form changed, as text."""
    return {
        name: [_shown(_initial(form, name)), _shown(form.cleaned_data.get(name))]
        for name in form.changed_data
        if name in form.cleaned_data and name in form.fields
    }


def formset_changes(formset) -> list:
    """What an inline formset added, changed and deleted, as text."""
    changes = [{"added": str(obj)} for obj in formset.new_objects]
    changes += [{"changed": str(obj), "fields": fields} for obj, fields in formset.changed_objects]
    changes += [{"deleted": str(obj)} for obj in formset.deleted_objects]
    return changes


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every change is written to the portal's history (``center.AuditEntry``, shown
    on the object's page), not only to the admin's own log: who, when, which fields from what to what.
    Every admin of the project's models derives from it; ``tests/center/test_admin_rules.py`` checks."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form_changes(form)
        inlines = [c for formset in formsets for c in formset_changes(formset)]
        if inlines:
            data["inlines"] = inlines
        if data or not change:
            audit_record(
                subject=form.instance, action="admin.changed" if change else "admin.added", by=request.user, data=data
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(subject=obj, action="admin.deleted", by=request.user, data={"object": str(obj)})
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_record(subject=obj, action="admin.deleted", by=request.user, data={"object": str(obj)})
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(AuditedAdmin):
    """Shown in the admin, never changed there: the portal's services are the only writers."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Center)
class CenterAdmin(AuditedAdmin):
    list_display = ["name", "parent_body", "place_name", "document_code", "director_name"]

    def has_add_permission(self, request):
        # One profile per installation.
        return not Center.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "contact", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact"]


@admin.register(Room)
class RoomAdmin(AuditedAdmin):
    list_display = ["name", "capacity", "location", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "location"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only, for superusers too: history is never edited or deleted."""

    list_display = ["at", "action", "content_type", "object_id", "actor", "reason"]
    list_filter = ["action", "content_type"]
    search_fields = ["reason", "actor__username"]
    list_select_related = ["content_type", "actor"]
    date_hierarchy = "at"
