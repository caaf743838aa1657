from django.urls import path

from trainees.views import accounts, portal

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
]
