from django.urls import path

from trainees.enrolment import import_views, views

# Enrolments, the approval queue, the Excel import
urlpatterns = [
    path("enrolments/new/", views.enrolment_create, name="enrolment_create"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/decide/", views.enrolment_decide, name="enrolment_decide"),
    path("approvals/", views.approval_queue, name="approval_queue"),
    path("courses/<int:pk>/enrolments/", views.course_enrolments_view, name="course_enrolments"),
    path("courses/<int:pk>/officers/", views.class_officers_edit, name="class_officers_edit"),
    path("courses/<int:pk>/import/", import_views.import_upload, name="import_upload"),
    path("imports/template.xlsx", import_views.import_template_download, name="import_template"),
    path("imports/<token:token>/", import_views.import_preview_view, name="import_preview"),
]
