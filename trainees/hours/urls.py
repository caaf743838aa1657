from django.urls import path

from trainees.hours import views

# Giờ giảng: lecturer hours against the norm, and the statements of hours for part-time and guest lecturers
urlpatterns = [
    path("hours/", views.hours_overview, name="hours_overview"),
    path("hours/mine/", views.my_hours, name="my_hours"),
    path("hours/rules/", views.hours_rules, name="hours_rules"),
    path("hours/lecturers/<int:pk>/", views.lecturer_hours, name="lecturer_hours"),
    path("hours/sessions/<int:pk>/taught/", views.session_taught, name="session_taught"),
    path("hours/courses/<int:pk>/", views.course_hours, name="course_hours"),
    path("hours/statements/", views.statement_list, name="statement_list"),
    path("hours/statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("hours/statements/<int:pk>/correct/", views.statement_correct, name="statement_correct"),
    path("hours/statements/<int:pk>/print/", views.statement_print, name="statement_print"),
    path("hours/statements/<int:pk>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("hours/statements/<int:pk>/statement.xlsx", views.statement_xlsx, name="statement_xlsx"),
]
