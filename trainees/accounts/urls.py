from django.urls import path

from trainees.accounts import views

# Activation (printed on the slips: never change) and the staff pages of trainee accounts
urlpatterns = [
    path("activate/", views.activate, name="activate"),
    path("activate/password/", views.activate_password, name="activate_password"),
    path("activate/link/<str:token>/", views.activate_link, name="activate_link"),
    path("trainees/accounts/", views.account_courses, name="account_courses"),
    path("trainees/accounts/course/<int:pk>/", views.account_course, name="account_course"),
    path("trainees/accounts/trainee/<int:pk>/", views.account_trainee, name="account_trainee"),
    path("trainees/accounts/trainee/<int:pk>/send-link/", views.account_link_send, name="account_link_send"),
    path("trainees/accounts/slips/", views.account_slips, name="account_slips"),
]
