"""Reads of certificates: one with everything its pages show, the register of a year."""

from django.db.models import Exists, OuterRef

from trainees.models import Certificate


def certificate_queryset():
    return Certificate.objects.select_related(
        "enrolment__trainee__unit",
        "enrolment__sending_unit",
        "enrolment__course__programme",
        "replaces",
        "issued_by",
    ).annotate(has_replacement=Exists(Certificate.objects.filter(replaces=OuterRef("pk"))))


def course_certificates_to_print(course_id: int) -> list:
    """A course's certificates as printed together (the whole-course PDF, the ZIP): every copy in force,
    replaced copies left out, in register order."""
    return list(
        certificate_queryset()
        .filter(enrolment__course_id=course_id)
        .exclude(status=Certificate.Status.REPLACED)
        .order_by("year", "number")
    )


def course_certificates_exist(course_id: int) -> bool:
    return (
        Certificate.objects.filter(enrolment__course_id=course_id).exclude(status=Certificate.Status.REPLACED).exists()
    )


def register_for_year(year: int):
    """The register book (sổ cấp giấy chứng nhận) of one calendar year, in number order."""
    return (
        # Every column comes from the certificate itself (what it printed), none from today's records.
        Certificate.objects.filter(year=year).select_related("replaces").order_by("number")
    )


def register_years() -> list[int]:
    return list(Certificate.objects.order_by("-year").values_list("year", flat=True).distinct())
