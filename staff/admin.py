from django.contrib import admin

from staff.models import StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "position",
        "is_established",
        "theory_level",
        "degree",
        "has_pedagogy_certificate",
        "user",
        "is_active",
    ]
    list_filter = ["position", "is_established", "theory_level", "has_pedagogy_certificate", "is_active"]
    search_fields = ["full_name", "degree", "workplace", "phone", "email", "user__username"]
    autocomplete_fields = ["user"]
    exclude = ["calendar_token"]
