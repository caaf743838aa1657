from django.contrib import admin

from trainees.models import ActivationCode, Attendance, Certificate, CorrectionRequest, Enrolment, Trainee


@admin.register(Trainee)
class TraineeAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "date_of_birth", "gender", "unit", "position", "party_status"]
    list_filter = ["gender", "party_status", "unit"]
    search_fields = ["search_name", "phone", "citizen_id"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit", "user", "merged_into"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["trainee", "course", "sending_unit", "status", "submitted_at", "decided_by", "completion", "grade"]
    list_filter = ["status", "completion", "grade", "course__programme"]
    search_fields = ["trainee__search_name", "course__code", "nomination_number"]
    list_select_related = ["trainee", "course", "sending_unit", "decided_by"]
    raw_id_fields = ["trainee", "course"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "session", "status", "note", "recorded_by"]
    list_filter = ["status"]
    search_fields = ["enrolment__trainee__search_name", "session__course__code"]
    list_select_related = ["enrolment__trainee", "session__course", "recorded_by"]
    raw_id_fields = ["enrolment", "session"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["register_number", "enrolment", "issued_on", "status", "signer_name"]
    list_filter = ["status", "year"]
    search_fields = ["register_number", "verification_code", "enrolment__trainee__search_name"]
    list_select_related = ["enrolment__trainee", "enrolment__course"]
    raw_id_fields = ["enrolment", "replaces"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(admin.ModelAdmin):
    list_display = ["trainee", "created_at", "status", "handled_by"]
    list_filter = ["status"]
    search_fields = ["trainee__search_name", "text"]


@admin.register(ActivationCode)
class ActivationCodeAdmin(admin.ModelAdmin):
    list_display = ["trainee", "created_at", "expires_at", "used_at", "revoked_at"]
    exclude = ["code_hash"]
    raw_id_fields = ["trainee"]
