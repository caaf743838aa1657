"""One hello-world view, served only by ``python -m tests.bench http`` (see hello_settings)."""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path("hello/", hello)]
