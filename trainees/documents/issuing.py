"""The numbered documents of a course, issued into the register (courses.register): the decision opening the
class (with its trainee list and timetable), the summons to each sending unit, and the results notice to each
sending unit. Each is drawn from the records once, when it is issued, and kept as issued; issuing again is a
correction that replaces the one in force and needs a reason."""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from center.errors import PortalError
from center.models import Center, Unit
from courses.models import Course, IssuedDocument
from courses.register import current_document, issue_document
from trainees.documents import selectors
from trainees.enrolment.officers import class_officers
from trainees.models import Certificate, Enrolment
from trainees.wording import course_phrase

KIND = IssuedDocument.Kind
# The course documents issued here, with the unit they are addressed to (summons and notices) or none.
PER_UNIT = {KIND.SUMMONS, KIND.RESULTS_NOTICE}
TEMPLATES = {
    KIND.OPENING_DECISION: "print/opening_decision_body.html",
    KIND.SUMMONS: "print/summons_body.html",
    KIND.RESULTS_NOTICE: "print/results_notice_body.html",
    KIND.OFFICERS_DECISION: "print/officers_decision_body.html",
}

ERROR_NO_TRAINEES = _("The course has no approved trainee yet: there is nobody to name in the document.")
ERROR_NO_SESSIONS = _("Schedule the course's sessions first: the decision carries the timetable.")
ERROR_NOT_CONFIRMED = _("The director has not confirmed this course's completion list yet.")
ERROR_UNIT_NOT_IN_COURSE = _("This unit has sent no approved trainee to the course.")
ERROR_ALREADY_ISSUED = _(
    "Already issued as number %(number)s. To issue a corrected document in its place, give the reason."
)
ERROR_CANCELLED = _("The course was cancelled.")
ERROR_NO_OFFICERS = _("Name the class monitor first: the decision names the class officers.")


class CourseDocumentError(PortalError):
    pass


def course_units(course: Course) -> list[Unit]:
    """The units that sent approved trainees to ``course``, in Vietnamese order (summons and notices go to each)."""
    return [group.unit for group in selectors.course_roster_by_unit(course) if group.unit is not None]


def _base(course: Course) -> dict:
    return {"center": Center.load(), "course": course, "doc_code": "QĐ"}


def _opening_context(course: Course, unit) -> dict:
    roster = list(Enrolment.objects.roster(course))
    sessions = list(selectors.course_sessions(course).select_related("topic", "lecturer", "room"))
    if not roster:
        raise CourseDocumentError(ERROR_NO_TRAINEES)
    if not sessions:
        raise CourseDocumentError(ERROR_NO_SESSIONS)
    return {
        **_base(course),
        "title": "QUYẾT ĐỊNH",
        "subtitle": f"về việc mở {course_phrase(course)}",
        "roster": [(e, selectors.enrolment_unit(e)) for e in roster],
        "sessions": sessions,
        "recipients": ["Như Điều 3,", "Lưu văn phòng."],
    }


def _unit_group(course: Course, unit: Unit) -> selectors.UnitGroup:
    for group in selectors.course_roster_by_unit(course):
        if group.unit is not None and group.unit.pk == unit.pk:
            return group
    raise CourseDocumentError(ERROR_UNIT_NOT_IN_COURSE)


def _summons_context(course: Course, unit: Unit) -> dict:
    group = _unit_group(course, unit)
    first = selectors.course_sessions(course).first()
    return {
        **_base(course),
        "doc_code": "GTT",
        "title": "GIẤY TRIỆU TẬP",
        "subtitle": f"học viên dự {course_phrase(course)}",
        "unit": unit,
        "enrolments": group.enrolments,
        "first_session": first,
        "recipients": [f"{unit.name},", "Các đồng chí có tên trên,", "Lưu văn phòng."],
    }


def _notice_context(course: Course, unit: Unit) -> dict:
    group = _unit_group(course, unit)
    if not all(e.completion_confirmed_at for e in group.enrolments):
        raise CourseDocumentError(ERROR_NOT_CONFIRMED)
    certificates = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__in=group.enrolments, status=Certificate.Status.VALID).order_by(
            "issued_on", "pk"
        )
    }
    decision = current_document(course=course, kind=KIND.COMPLETION_DECISION)
    return {
        **_base(course),
        "doc_code": "TB",
        "title": "THÔNG BÁO",
        "subtitle": f"kết quả học tập {course_phrase(course)}",
        "unit": unit,
        "rows": [(e, certificates.get(e.pk)) for e in group.enrolments],
        "decision": decision,
        "recipients": [f"{unit.name},", "Lưu văn phòng."],
    }


def _officers_subject(named, course: Course) -> str:
    """``về việc cử giảng viên chủ nhiệm, giáo vụ và chỉ định Ban cán sự lớp …``: only the offices it names."""
    staff = [
        word
        for person, word in ((named.homeroom_teacher, "giảng viên chủ nhiệm"), (named.administrator, "giáo vụ"))
        if person
    ]
    appoint = f"cử {', '.join(staff)} và " if staff else ""
    return f"về việc {appoint}chỉ định Ban cán sự {course_phrase(course)}"


def _officers_context(course: Course, unit) -> dict:
    named = class_officers(course)
    if not named.named:
        raise CourseDocumentError(ERROR_NO_OFFICERS)
    return {
        **_base(course),
        "title": "QUYẾT ĐỊNH",
        "subtitle": _officers_subject(named, course),
        "officers": named,
        "rows": [
            (e, selectors.enrolment_unit(e), e.get_class_role_display()) for e in [named.monitor, *named.deputies]
        ],
        "recipients": [f"Như Điều {3 if named.homeroom_teacher or named.administrator else 2},", "Lưu văn phòng."],
    }


CONTEXTS = {
    KIND.OPENING_DECISION: _opening_context,
    KIND.SUMMONS: _summons_context,
    KIND.RESULTS_NOTICE: _notice_context,
    KIND.OFFICERS_DECISION: _officers_context,
}


def issue_course_document(
    *, course: Course, kind: str, by, unit: Unit | None = None, reason: str = "", issued_on=None
) -> IssuedDocument:
    """Issue ``kind`` for ``course`` (and ``unit`` for a summons or a results notice), dated ``issued_on``
    (today when not given), into the
    register. When one is in force already, a ``reason`` makes the new one a correction that replaces it;
    without a reason, CourseDocumentError names the number in force. Raises CourseDocumentError or
    courses.register.RegisterError."""
    if course.status == Course.Status.CANCELLED:
        raise CourseDocumentError(ERROR_CANCELLED)
    unit = unit if kind in PER_UNIT else None
    previous = current_document(course=course, kind=kind, unit=unit)
    reason = (reason or "").strip()
    if previous is not None and not reason:
        raise CourseDocumentError(ERROR_ALREADY_ISSUED % {"number": previous.number_text})
    with translation.override("vi"):
        context = {**CONTEXTS[kind](course, unit), "replaced": previous}
        return issue_document(
            kind=kind,
            issued_on=issued_on or timezone.localdate(),
            subject=context["subtitle"],
            template=TEMPLATES[kind],
            context=context,
            by=by,
            course=course,
            unit=unit,
            replaces=previous,
            reason=reason,
        )


def course_documents(course: Course) -> list[IssuedDocument]:
    """Every numbered document of ``course``, in force or replaced, newest first."""
    return list(IssuedDocument.objects.filter(course=course).select_related("unit").order_by("-created_at", "-pk"))
