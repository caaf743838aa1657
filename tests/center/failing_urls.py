"""The portal's URLs plus one view that fails as it would when the database server is down."""

from django.db import OperationalError
from django.urls import path

from center.urls import urlpatterns as portal_urlpatterns


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("test-failure/", database_down), *portal_urlpatterns]
