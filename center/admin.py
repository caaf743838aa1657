from django.contrib import admin

from center.models import AuditEntry, Center, Room, Unit


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "parent_body", "place_name", "document_code", "director_name"]

    def has_add_permission(self, request):
        # One profile per installation.
        return not Center.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "capacity", "location", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "location"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: history is never edited or deleted."""

    list_display = ["at", "action", "content_type", "object_id", "actor", "reason"]
    list_filter = ["action", "content_type"]
    search_fields = ["reason", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
