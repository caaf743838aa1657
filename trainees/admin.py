import io
import zipfile

from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from center.admin import AuditedAdmin, ReadOnlyAdmin
from center.generated import generated_file_request
from center.pdf import file_response
from center.text import name_case
from courses.models import Course
from trainees.certificates import files as certificate_files
from trainees.documents import renderers
from trainees.models import (
    ActivationCode,
    Attendance,
    Certificate,
    CertificateCounter,
    CorrectionRequest,
    DiplomaCounter,
    Enrolment,
    Trainee,
    TraineeAccount,
)
from trainees.records import forms as record_forms
from trainees.records.services import name_problem


class TraineeAdminForm(forms.ModelForm):
    """The same checks as the staff page's trainee form (names, date of birth, citizen ID, phone)."""

    def clean_family_name(self):
        return name_case(self.cleaned_data["family_name"])

    def clean_given_name(self):
        given = name_case(self.cleaned_data["given_name"])
        problem = name_problem(family_name=self.cleaned_data.get("family_name", ""), given_name=given)
        if problem:
            raise forms.ValidationError(problem)
        return given

    def clean_date_of_birth(self):
        return record_forms.clean_date_of_birth(self.cleaned_data.get("date_of_birth"))

    def clean_citizen_id(self):
        return record_forms.clean_citizen_id(self.cleaned_data.get("citizen_id")) or None

    def clean_phone(self):
        return record_forms.clean_phone(self.cleaned_data.get("phone"))


@admin.register(Trainee)
class TraineeAdmin(AuditedAdmin):
    form = TraineeAdminForm
    list_display = ["family_name", "given_name", "date_of_birth", "gender", "unit", "position", "party_status"]
    list_filter = ["gender", "party_status", "unit"]
    search_fields = ["search_name", "phone", "citizen_id"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    # The login comes with an approved enrolment or a printed slip; merging runs on the trainee's page.
    readonly_fields = ["user", "merged_into"]

    def get_exclude(self, request, obj=None):
        # Sensitive personal data: only the director and the clerks see (and change) the religion.
        from center.roles import sees_sensitive_data

        return None if sees_sensitive_data(request.user) else ["religion"]

    def get_search_results(self, request, queryset, search_term):
        # search_name is folded (no diacritics): fold the term the same way.
        from center.text import fold

        return super().get_search_results(request, queryset, fold(search_term))

    def save_model(self, request, obj, form, change):
        from trainees.records.services import trainee_save

        trainee_save(trainee=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    """Read-only: submissions, decisions (capacity, eligibility), results and completion go through the
    enrolment and learning services, which record them."""

    list_display = ["trainee", "course", "sending_unit", "status", "submitted_at", "decided_by", "completion", "grade"]
    list_filter = ["status", "completion", "grade", "course__programme"]
    search_fields = ["trainee__search_name", "course__code", "nomination_number"]
    list_select_related = ["trainee", "course", "sending_unit", "decided_by"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    """Read-only: attendance is taken on the session's grid (own sessions, not in the future)."""

    list_display = ["enrolment", "session", "status", "note", "recorded_by"]
    list_filter = ["status"]
    search_fields = ["enrolment__trainee__search_name", "session__course__code"]
    list_select_related = [
        "enrolment__trainee",
        "enrolment__course",
        "session__course",
        "session__topic",
        "recorded_by",
    ]
    raw_id_fields = ["enrolment", "session"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Read-only, for superusers too: what a certificate says (number, code, date, holder) was printed and
    is checked by its QR link. Revoke and reissue on the certificate's page, which records them."""

    list_display = ["register_number", "enrolment", "issued_on", "status", "signer_name"]
    list_filter = ["status", "year"]
    search_fields = ["register_number", "verification_code", "enrolment__trainee__search_name"]
    list_select_related = ["enrolment__trainee", "enrolment__course"]
    actions = ["print_certificates", "zip_certificates"]

    # Both are made by the background worker (a few hundred certificates take longer than a request may):
    # the action answers at once with the file's page, which shows the progress and then offers the file.
    @admin.action(description=gettext_lazy("Print the selected certificates (one PDF)"), permissions=["view"])
    def print_certificates(self, request, queryset):
        return self._in_background(
            request, queryset, certificate_files.KIND_PDF_SELECTED, _("Selected certificates (PDF)")
        )

    @admin.action(
        description=gettext_lazy("Download the selected certificates (ZIP, one PDF each)"), permissions=["view"]
    )
    def zip_certificates(self, request, queryset):
        return self._in_background(
            request, queryset, certificate_files.KIND_ZIP_SELECTED, _("Selected certificates (ZIP, one PDF each)")
        )

    @staticmethod
    def _in_background(request, queryset, kind: str, title: str):
        chosen = sorted(queryset.values_list("pk", flat=True))
        file = generated_file_request(owner=request.user, kind=kind, title=title, params={"certificates": chosen})
        return redirect("generated_file", pk=file.pk)


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(ReadOnlyAdmin):
    """Read-only: requests are answered on the staff page (Trung tâm → Đề nghị sửa thông tin)."""

    list_display = ["trainee", "created_at", "status", "handled_by"]
    list_filter = ["status"]
    search_fields = ["trainee__search_name", "text"]


@admin.register(ActivationCode)
class ActivationCodeAdmin(ReadOnlyAdmin):
    """Codes are issued and revoked through the staff pages (services), never edited by hand."""

    list_display = ["trainee", "created_at", "expires_at", "used_at", "revoked_at"]
    list_filter = ["used_at", "revoked_at"]
    search_fields = ["trainee__search_name"]
    exclude = ["code_hash"]


@admin.register(TraineeAccount)
class TraineeAccountAdmin(ReadOnlyAdmin):
    list_display = ["trainee", "activated_at", "created_at"]
    list_filter = ["activated_at"]
    search_fields = ["trainee__search_name"]
    list_select_related = ["trainee"]
    exclude = ["calendar_token"]


@admin.register(CertificateCounter, DiplomaCounter)
class CertificateCounterAdmin(ReadOnlyAdmin):
    """Read-only: the counters move only inside the issuing transaction."""

    list_display = ["year", "last_number"]
    search_fields = ["year"]


# Printed documents as actions on the courses' admin list (courses never imports trainees: the actions are
# added to the registered CourseAdmin from here). One course → the file; several → a ZIP of them.
def _document_action(name: str, description, render):
    def action(modeladmin, request, queryset):
        files = [render(course, request.user) for course in queryset.select_related("programme", "room")]
        if len(files) == 1:
            filename, content_type, content = files[0]
            return file_response(filename=filename, content_type=content_type, content=content)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for filename, _type, content in files:
                archive.writestr(filename, content)
        zip_name = _("Printed documents of %(count)s courses") % {"count": len(files)} + ".zip"
        return file_response(filename=zip_name, content_type="application/zip", content=buffer.getvalue())

    action.__name__ = name
    return admin.action(description=description, permissions=["view"])(action)


DOCUMENT_ACTIONS = [
    _document_action(
        "print_roster",
        gettext_lazy("Print the list of trainees"),
        lambda course, user: renderers.document_pdf("roster", course, user=user),
    ),
    _document_action(
        "export_roster",
        gettext_lazy("Export the list of trainees to Excel"),
        lambda course, user: renderers.roster_xlsx(course, user=user),
    ),
    _document_action(
        "print_signin",
        gettext_lazy("Print the sign-in sheet"),
        lambda course, user: renderers.document_pdf("signin", course, user=user),
    ),
    _document_action(
        "export_signin",
        gettext_lazy("Export the sign-in sheet to Excel"),
        lambda course, user: renderers.signin_xlsx(course, user=user),
    ),
    _document_action(
        "print_pending",
        gettext_lazy("Print the list for approval"),
        lambda course, user: renderers.document_pdf("pending", course, user=user),
    ),
]

if Course in admin.site._registry:
    _course_admin = admin.site._registry[Course]
    _course_admin.actions = [*(_course_admin.actions or ()), *DOCUMENT_ACTIONS]
