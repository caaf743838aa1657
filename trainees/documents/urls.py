from django.urls import path

from trainees.documents import views

# Printed documents of a course: HTML to print, PDF, Excel
urlpatterns = [
    path("courses/<int:pk>/documents/roster/", views.course_roster_print, name="course_roster_print"),
    path("courses/<int:pk>/documents/roster.pdf", views.course_roster_pdf, name="course_roster_pdf"),
    path("courses/<int:pk>/documents/roster.xlsx", views.course_roster_xlsx, name="course_roster_xlsx"),
    path("courses/<int:pk>/documents/sign-in/", views.course_signin_print, name="course_signin_print"),
    path("courses/<int:pk>/documents/sign-in.pdf", views.course_signin_pdf, name="course_signin_pdf"),
    path("courses/<int:pk>/documents/sign-in.xlsx", views.course_signin_xlsx, name="course_signin_xlsx"),
    path("courses/<int:pk>/documents/pending/", views.course_pending_print, name="course_pending_print"),
    path("courses/<int:pk>/documents/pending.pdf", views.course_pending_pdf, name="course_pending_pdf"),
    path("courses/<int:pk>/documents/issue/", views.course_document_issue, name="course_document_issue"),
    path("courses/<int:pk>/documents/results/", views.course_results_print, name="course_results_print"),
    path("courses/<int:pk>/documents/results.pdf", views.course_results_pdf, name="course_results_pdf"),
    path("courses/<int:pk>/class-file/seal/", views.class_file_seal, name="class_file_seal"),
    path("class-files/<int:pk>/file.pdf", views.class_file_pdf, name="class_file_pdf"),
    path("class-files/<int:pk>/files.zip", views.class_file_zip, name="class_file_zip"),
]
