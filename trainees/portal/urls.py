from django.urls import path

from trainees.portal import views

# The trainee's own pages; the calendar feed URL is pasted into phones: never change it.
urlpatterns = [
    path("me/", views.portal_home, name="portal_home"),
    path("me/courses/", views.portal_courses, name="portal_courses"),
    path("me/courses/<int:pk>/", views.portal_enrolment, name="portal_enrolment"),
    path("me/certificates/", views.portal_certificates, name="portal_certificates"),
    path("me/certificates/<int:pk>/pdf/", views.portal_certificate_pdf, name="portal_certificate_pdf"),
    path("me/details/", views.portal_details, name="portal_details"),
    path("me/calendar/renew/", views.portal_calendar_reset, name="portal_calendar_reset"),
    path("calendar/trainee/<token:token>.ics", views.portal_calendar, name="portal_calendar"),
]
