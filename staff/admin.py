from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from center.admin import AuditedAdmin
from center.audit import audit_record
from staff.models import StaffMember
from staff.services import ERR_LAST_DIRECTOR, active_directors


@admin.register(StaffMember)
class StaffMemberAdmin(AuditedAdmin):
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
    list_select_related = ["user"]


User = get_user_model()


class PortalUserChangeForm(UserAdmin.form):
    def clean(self):
        cleaned = super().clean()
        user = self.instance
        if (
            user.pk
            and user.is_active
            and not cleaned.get("is_active", True)
            and active_directors().filter(pk=user.pk).exists()
            and not active_directors(exclude=user).exists()
        ):
            raise forms.ValidationError(ERR_LAST_DIRECTOR)
        return cleaned


# Roles are given on the staff page (Trung tâm → Cán bộ, giảng viên), where only the director grants the
# director and deputy roles and nobody changes their own; the admin shows roles but never changes them.
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(AuditedAdmin, UserAdmin):
    form = PortalUserChangeForm
    readonly_fields = ["groups", "user_permissions", "is_superuser", "is_staff", "last_login", "date_joined"]

    def has_delete_permission(self, request, obj=None):
        # Logins are switched off (active: no), never deleted: history points to them.
        return False

    def user_change_password(self, request, id, form_url=""):
        before = User.objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        user = User.objects.filter(pk=id).first()
        if user is not None and user.password != before:
            audit_record(subject=user, action="admin.password_set", by=request.user)
        return response


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(AuditedAdmin, GroupAdmin):
    """The role groups and their permissions come from ``center.roles.ROLE_PERMISSIONS`` (synced after every
    migrate): shown here, not edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Unlocking a login belongs on the portal's page (Trung tâm → Đăng nhập bị khóa), which records it; a
# superuser deleting attempts or logs of django-axes here is recorded too.
for _model, _axes_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, type(f"Audited{_axes_admin.__name__}", (AuditedAdmin, _axes_admin), {}))
