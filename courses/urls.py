from django.urls import path

from courses import plan_views, register_views, views

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/status/", views.course_status, name="course_status"),
    path("courses/<int:pk>/enrolment/", views.course_enrolment, name="course_enrolment"),
    path("courses/<int:pk>/timetable/print/", views.course_timetable_print, name="course_timetable_print"),
    path("courses/<int:pk>/timetable.pdf", views.course_timetable_pdf, name="course_timetable_pdf"),
    path("courses/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("courses/<int:pk>/sessions/bulk/", views.session_bulk, name="session_bulk"),
    path("courses/<int:pk>/sessions/lecturers/", views.session_grid, name="session_grid"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("timetable/mine/", views.my_timetable, name="my_timetable"),
    path("timetable/lecturer/<int:pk>/", views.lecturer_timetable, name="lecturer_timetable"),
    path("timetable/lecturer/<int:pk>/print/", views.lecturer_timetable_print, name="lecturer_timetable_print"),
    path("timetable/week/", views.week_view, name="week_view"),
    path("timetable/week/print/", views.week_print, name="week_print"),
    # The year's training plan
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/new/", plan_views.plan_create, name="plan_create"),
    path("plans/<int:year>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:year>/approve/", plan_views.plan_approve, name="plan_approve"),
    path("plans/<int:year>/reopen/", plan_views.plan_reopen, name="plan_reopen"),
    # The register of outgoing documents and each numbered document as issued
    path("documents/register/", register_views.document_register, name="document_register"),
    path("documents/register/print/", register_views.document_register_print, name="document_register_print"),
    path("documents/register.pdf", register_views.document_register_pdf, name="document_register_pdf"),
    path("documents/register.xlsx", register_views.document_register_xlsx, name="document_register_xlsx"),
    path("documents/<int:pk>/", register_views.issued_document_detail, name="issued_document_detail"),
    path("documents/<int:pk>/print/", register_views.issued_document_print, name="issued_document_print"),
    path("documents/<int:pk>/document.pdf", register_views.issued_document_pdf, name="issued_document_pdf"),
    # Public, no login: the unguessable token is the key.
    path("t/<token:token>/", views.public_timetable, name="public_timetable"),
    path("calendar/course/<token:token>.ics", views.course_ics, name="course_ics"),
    path("calendar/lecturer/<token:token>.ics", views.lecturer_ics, name="lecturer_ics"),
]
