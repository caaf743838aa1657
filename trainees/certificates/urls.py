from django.urls import path

from trainees.certificates import views

# Certificates; public verification (printed on paper: never change)
urlpatterns = [
    path("courses/<int:pk>/certificates/issue/", views.certificates_issue, name="certificates_issue"),
    path("courses/<int:pk>/certificates.pdf", views.certificates_course_pdf, name="certificates_course_pdf"),
    path("courses/<int:pk>/certificates.zip", views.certificates_course_zip, name="certificates_course_zip"),
    path("certificates/register/", views.certificate_register, name="certificate_register"),
    path("certificates/register.pdf", views.certificate_register_pdf, name="certificate_register_pdf"),
    path("certificates/register.xlsx", views.certificate_register_xlsx, name="certificate_register_xlsx"),
    path("certificates/register/close/", views.certificate_register_close, name="certificate_register_close"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("certificates/<int:pk>/reissue/", views.certificate_reissue, name="certificate_reissue"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify_certificate, name="verify_certificate"),
]
