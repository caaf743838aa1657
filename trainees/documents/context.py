"""What each document shows, assembled once and drawn by both the HTML/PDF templates and the Excel writer.

Documents are official papers: they are always drawn in Vietnamese, whatever language the user picked
for the screens (the callers wrap them in ``translation.override("vi")``).
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from center.models import Center
from courses.models import Course
from trainees.documents import selectors
from trainees.learning.selectors import course_results
from trainees.models import Enrolment

# A landscape A4 page holds the names and this many signature columns; longer courses continue on
# further pages with the next sessions (every page keeps the STT/name/unit columns).
SIGNIN_COLUMNS_PER_PAGE = 10


@dataclass(frozen=True)
class Row:
    number: int
    family_name: str
    given_name: str
    date_of_birth: datetime.date | None
    gender: str
    unit: str
    position: str
    note: str = ""
    nomination: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


def _row(number: int, enrolment: Enrolment, *, with_nomination: bool = False) -> Row:
    trainee = enrolment.trainee
    unit = selectors.enrolment_unit(enrolment)
    nomination = ""
    if with_nomination and enrolment.nomination_number:
        nomination = enrolment.nomination_number
        if enrolment.nomination_date:
            nomination += _(" dated %(date)s") % {"date": enrolment.nomination_date.strftime("%d/%m/%Y")}
    return Row(
        number=number,
        family_name=trainee.family_name,
        given_name=trainee.given_name,
        date_of_birth=trainee.date_of_birth,
        gender=trainee.get_gender_display() if trainee.gender else "",
        unit=unit.name if unit else "",
        position=trainee.position,
        nomination=nomination,
    )


def person_name(user) -> str:
    """The name printed under a signature: the staff record's name, else the login's full name."""
    if user is None or not user.is_authenticated:
        return ""
    member = getattr(user, "staff_member", None)
    if member is not None and member.full_name:
        return member.full_name
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def course_meta(course: Course) -> str:
    """``Thời gian: từ 02/12/2026 đến 06/12/2026. Địa điểm: Phòng học 1``."""
    if course.start_date == course.end_date:
        when = _("Date: %(date)s") % {"date": course.start_date.strftime("%d/%m/%Y")}
    else:
        when = _("From %(start)s to %(end)s") % {
            "start": course.start_date.strftime("%d/%m/%Y"),
            "end": course.end_date.strftime("%d/%m/%Y"),
        }
    venue = course.venue_label
    if not venue:
        return when
    return when + ". " + _("Venue: %(venue)s") % {"venue": venue}


def _common(course: Course, *, user, title: str, doc_code: str = "DS", today: datetime.date | None = None) -> dict:
    center = Center.load()
    return {
        "center": center,
        "course": course,
        "title": title,
        "subtitle": course.title,
        "meta": course_meta(course),
        "doc_code": doc_code,
        "doc_number": "",
        "doc_date": today or timezone.localdate(),
        "orientation": "portrait",
        "signer_position": center.director_title or _("DIRECTOR"),
        "signer_name": center.director_name,
        "preparer_position": _("Prepared by"),
        "preparer_name": person_name(user),
    }


def roster_context(course: Course, *, user=None, today=None) -> dict:
    """Danh sách học viên: the approved trainees, one row each (the class officers' office in the notes), and two
    signatures."""
    rows = [
        replace(_row(i, e), note=e.get_class_role_display() if e.class_role else "")
        for i, e in enumerate(Enrolment.objects.roster(course), start=1)
    ]
    return {
        **_common(course, user=user, title=_("List of trainees"), today=today),
        "rows": rows,
        "summary": _("The list has %(count)s trainees.") % {"count": len(rows)},
    }


@dataclass(frozen=True)
class ResultRow:
    """A line of the results sheet: what the trainee's enrolment records, as it stands."""

    row: Row
    attended_periods: int
    recorded_periods: int
    share: object
    paper: object
    retake: object
    score: object
    grade: str
    completion: str


def results_context(course: Course, *, user=None, today=None) -> dict:
    """Bảng tổng hợp kết quả học tập: every approved trainee with the periods attended of the periods
    recorded, the paper, the retake, the score that counts, the grade and completion (QĐ 1147), signed by
    the director (or the signing delegate, "KT. GIÁM ĐỐC") and prepared by the homeroom teacher."""
    results = course_results(course)
    rows = [
        ResultRow(
            row=_row(i, r.enrolment),
            attended_periods=r.attended_periods,
            recorded_periods=r.recorded_periods,
            share=r.share,
            paper=r.enrolment.paper_score if r.enrolment.paper_score is not None else r.enrolment.score,
            retake=r.enrolment.retake_score,
            score=r.enrolment.score,
            grade=r.enrolment.get_grade_display() if r.enrolment.grade else "",
            completion=r.enrolment.get_completion_display() if r.enrolment.completion else "",
        )
        for i, r in enumerate(results, start=1)
    ]
    common = _common(course, user=user, title=_("Summary of learning results"), doc_code="BTH", today=today)
    signature = common["center"].signature()
    confirmed = [r.enrolment.completion_confirmed_at for r in results if r.enrolment.completion_confirmed_at]
    return {
        **common,
        "orientation": "landscape",
        "rows": rows,
        "total_periods": course.programme.periods,
        "confirmed": bool(results) and len(confirmed) == len(results),
        "summary": _("%(count)s trainees; %(completed)s completed the programme.")
        % {
            "count": len(rows),
            "completed": sum(r.enrolment.completion == Enrolment.Completion.COMPLETED for r in results),
        },
        "signer_prefix": signature["prefix"],
        "signer_position": signature["position"],
        "signer_name": signature["name"],
        "preparer_position": _("Homeroom teacher"),
        "preparer_name": course.homeroom_teacher.full_name if course.homeroom_teacher_id else common["preparer_name"],
    }


@dataclass(frozen=True)
class SessionColumn:
    number: int
    date: datetime.date
    part_of_day: str

    @property
    def label(self) -> str:
        return f"{self.date:%d/%m}"


def signin_context(course: Course, *, user=None, today=None, per_page: int = SIGNIN_COLUMNS_PER_PAGE) -> dict:
    """Danh sách ký tên: the approved trainees and one signature column per session, at most ``per_page``
    sessions to a page width; the sessions go on in further tables that each start a new page."""
    rows = [_row(i, e) for i, e in enumerate(Enrolment.objects.roster(course), start=1)]
    columns = [
        SessionColumn(number=i, date=s.date, part_of_day=s.get_part_of_day_display())
        for i, s in enumerate(selectors.course_sessions(course), start=1)
    ]
    chunks = [columns[i : i + per_page] for i in range(0, len(columns), per_page)] or [[]]
    return {
        **_common(course, user=user, title=_("Trainees' sign-in sheet"), today=today),
        "orientation": "landscape",
        "rows": rows,
        "columns": columns,
        "chunks": chunks,
        "preparer_position": _("Homeroom teacher"),
        "preparer_name": course.homeroom_teacher.full_name if course.homeroom_teacher_id else "",
    }


def pending_context(course: Course, *, user=None, today=None) -> dict:
    """Danh sách đề nghị duyệt: pending enrolments grouped by sending unit, for the director to approve."""
    groups = selectors.course_pending_by_unit(course)
    number = 0
    sections = []
    for group in groups:
        rows = []
        for enrolment in group.enrolments:
            number += 1
            rows.append(_row(number, enrolment, with_nomination=True))
        sections.append({"unit": group.name or _("No unit"), "rows": rows})
    return {
        **_common(course, user=user, title=_("List of trainees proposed for approval"), today=today),
        "sections": sections,
        "count": number,
        "summary": _("%(count)s trainees from %(units)s units are proposed for approval.")
        % {"count": number, "units": len(sections)},
        "signer_prefix": _("Approved by"),
    }
