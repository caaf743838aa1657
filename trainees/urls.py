from django.urls import path

from trainees.views import portal

# Each area keeps its own block; add yours with a comment line above it.
urlpatterns = [
    # Trainee portal
    path("me/", portal.portal_home, name="portal_home"),
]
