from django.urls import path

from courses import views

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
    # Public, no login: the unguessable token is the key.
    path("t/<token:token>/", views.public_timetable, name="public_timetable"),
    path("calendar/course/<token:token>.ics", views.course_ics, name="course_ics"),
    path("calendar/lecturer/<token:token>.ics", views.lecturer_ics, name="lecturer_ics"),
]
