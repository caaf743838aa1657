"""Reads of certificates: one with everything its pages show, the register of a year."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from courses.models import Course, IssuedDocument, Programme
from trainees.models import Certificate, Enrolment


def certificate_queryset():
    return Certificate.objects.select_related(
        "enrolment__trainee__unit",
        "enrolment__sending_unit",
        "enrolment__course__programme",
        "replaces",
        "issued_by",
    ).annotate(has_replacement=Exists(Certificate.objects.filter(replaces=OuterRef("pk"))))


def register_book(*, year: int, programme=None, kind: str = Certificate.Kind.CERTIFICATE):
    """The register book (sổ gốc cấp giấy chứng nhận, or the diplomas' own sổ gốc cấp bằng) of one calendar
    year, of one programme or all, in number order. Every column comes from the certificate itself (what it
    printed), none from today's records."""
    rows = Certificate.objects.filter(kind=kind, year=year).select_related("replaces")
    if programme is not None:
        rows = rows.filter(enrolment__course__programme=programme)
    return rows.order_by("number")


def register_programmes(year: int, kind: str = Certificate.Kind.CERTIFICATE) -> list[Programme]:
    """The programmes with a certificate (of ``kind``) entered in ``year``: one book each."""
    return list(
        Programme.objects.filter(
            courses__enrolments__certificates__year=year, courses__enrolments__certificates__kind=kind
        )
        .distinct()
        .order_by("name")
    )


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


def register_years(kind: str = Certificate.Kind.CERTIFICATE) -> list[int]:
    return list(Certificate.objects.filter(kind=kind).order_by("-year").values_list("year", flat=True).distinct())


def diplomas_exist() -> bool:
    """Whether any sơ cấp diploma was ever issued (the register page then offers its book)."""
    return Certificate.objects.filter(kind=Certificate.Kind.DIPLOMA).exists()


@dataclass(frozen=True)
class CertificatesDue:
    """A course whose completion decision is in force and whose completed trainees still lack a certificate."""

    course: Course
    decision: IssuedDocument
    missing: int
    deadline: datetime.date
    days_left: int  # negative once the deadline has passed

    @property
    def days_late(self) -> int:
        return max(-self.days_left, 0)


def certificates_due(*, today: datetime.date, deadline_days: int) -> list[CertificatesDue]:
    """Courses with certificates still to issue under their completion decision, the nearest deadline first
    (the decision's date plus ``deadline_days``). Two queries, however many courses."""
    decisions = {
        d.course_id: d
        for d in IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.COMPLETION_DECISION,
            status=IssuedDocument.Status.ISSUED,
            course__programme__gives_certificate=True,
        ).select_related("course")
    }
    missing = (
        Enrolment.objects.filter(
            course_id__in=decisions,
            status=Enrolment.Status.APPROVED,
            completion=Enrolment.Completion.COMPLETED,
            completion_confirmed_at__isnull=False,
        )
        .filter(~Exists(Certificate.objects.filter(enrolment=OuterRef("pk"))))
        .values("course_id")
        .annotate(count=Count("pk"))
    )
    due = []
    for row in missing:
        decision = decisions[row["course_id"]]
        deadline = decision.issued_on + datetime.timedelta(days=deadline_days)
        due.append(
            CertificatesDue(
                course=decision.course,
                decision=decision,
                missing=row["count"],
                deadline=deadline,
                days_left=(deadline - today).days,
            )
        )
    return sorted(due, key=lambda d: (d.deadline, d.course.code))
