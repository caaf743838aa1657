from django.urls import path

from trainees.views import accounts, attendance, certificates, enrolments, imports, portal, results, trainees, verify

# Each area keeps its own block; add yours with a comment line above it.
urlpatterns = [
    # Trainee portal
    path("me/", portal.portal_home, name="portal_home"),
    path("me/courses/", portal.portal_courses, name="portal_courses"),
    path("me/courses/<int:pk>/", portal.portal_enrolment, name="portal_enrolment"),
    path("me/certificates/", portal.portal_certificates, name="portal_certificates"),
    path("me/certificates/<int:pk>/pdf/", portal.portal_certificate_pdf, name="portal_certificate_pdf"),
    path("me/details/", portal.portal_details, name="portal_details"),
    path("me/calendar/renew/", portal.portal_calendar_reset, name="portal_calendar_reset"),
    path("calendar/trainee/<str:token>.ics", portal.portal_calendar, name="portal_calendar"),
    path("activate/", portal.activate, name="activate"),
    path("activate/password/", portal.activate_password, name="activate_password"),
    path("activate/link/<str:token>/", portal.activate_link, name="activate_link"),
    # Trainee accounts and correction requests (staff)
    path("trainees/accounts/", accounts.account_courses, name="account_courses"),
    path("trainees/accounts/course/<int:pk>/", accounts.account_course, name="account_course"),
    path("trainees/accounts/trainee/<int:pk>/", accounts.account_trainee, name="account_trainee"),
    path("trainees/accounts/trainee/<int:pk>/send-link/", accounts.account_link_send, name="account_link_send"),
    path("trainees/accounts/slips/", accounts.account_slips, name="account_slips"),
    path("trainees/corrections/", accounts.correction_list, name="correction_list"),
    path("trainees/corrections/<int:pk>/handle/", accounts.correction_handle, name="correction_handle"),
    # Attendance, results, completion, certificates; public verification (printed on paper: never change)
    path("sessions/<int:pk>/attendance/", attendance.attendance_session, name="attendance_session"),
    path("courses/<int:pk>/attendance/", attendance.attendance_course, name="attendance_course"),
    path("courses/<int:pk>/results/", results.results_course, name="results_course"),
    path("courses/<int:pk>/results/scores/", results.results_scores, name="results_scores"),
    path("courses/<int:pk>/results/completion/", results.results_completion, name="results_completion"),
    path(
        "courses/<int:pk>/results/completion/confirm/",
        results.results_completion_confirm,
        name="results_completion_confirm",
    ),
    path(
        "courses/<int:pk>/results/decision/", results.results_completion_decision, name="results_completion_decision"
    ),
    path(
        "courses/<int:pk>/results/decision.pdf",
        results.results_completion_decision_pdf,
        name="results_completion_decision_pdf",
    ),
    path("courses/<int:pk>/certificates/issue/", certificates.certificates_issue, name="certificates_issue"),
    path("courses/<int:pk>/certificates.pdf", certificates.certificates_course_pdf, name="certificates_course_pdf"),
    path("courses/<int:pk>/certificates.zip", certificates.certificates_course_zip, name="certificates_course_zip"),
    path("certificates/register/", certificates.certificate_register, name="certificate_register"),
    path("certificates/register.pdf", certificates.certificate_register_pdf, name="certificate_register_pdf"),
    path("certificates/register.xlsx", certificates.certificate_register_xlsx, name="certificate_register_xlsx"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", certificates.certificate_revoke, name="certificate_revoke"),
    path("certificates/<int:pk>/reissue/", certificates.certificate_reissue, name="certificate_reissue"),
    path("verify/", verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", verify.verify_certificate, name="verify_certificate"),
    # Trainee records, enrolments, the approval queue, Excel import
    path("trainees/", trainees.trainee_list, name="trainee_list"),
    path("trainees/new/", trainees.trainee_create, name="trainee_create"),
    path("trainees/<int:pk>/", trainees.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/edit/", trainees.trainee_edit, name="trainee_edit"),
    path("trainees/<int:pk>/merge/<int:into_pk>/", trainees.trainee_merge_view, name="trainee_merge"),
    path("enrolments/new/", enrolments.enrolment_create, name="enrolment_create"),
    path("enrolments/<int:pk>/", enrolments.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/decide/", enrolments.enrolment_decide, name="enrolment_decide"),
    path("approvals/", enrolments.approval_queue, name="approval_queue"),
    path("courses/<int:pk>/enrolments/", enrolments.course_enrolments_view, name="course_enrolments"),
    path("courses/<int:pk>/import/", imports.import_upload, name="import_upload"),
    path("imports/template.xlsx", imports.import_template_download, name="import_template"),
    path("imports/<str:token>/", imports.import_preview, name="import_preview"),
]
