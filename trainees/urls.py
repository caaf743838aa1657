"""The trainees app's URLs, one module per area (records, accounts, enrolment, learning, certificates,
documents, reports, portal, hours).
The paths are printed on paper and pasted into phones: moving code never changes them."""

from django.urls import include, path

urlpatterns = [
    path("", include(f"trainees.{area}.urls"))
    for area in (
        "documents",
        "reports",
        "portal",
        "accounts",
        "records",
        "enrolment",
        "learning",
        "certificates",
        "hours",
    )
]
