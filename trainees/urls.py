from django.urls import path

from trainees import views_portal

urlpatterns = [
    path("me/", views_portal.portal_home, name="portal_home"),
]
