"""Reading lecturer hours: the sessions held, each lecturer's load against the norm, and the lines a statement
of hours would have. Every function runs a fixed number of queries, whatever the number of sessions."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet

from courses.models import Course, Session
from staff.models import StaffMember
from trainees.models import Attendance, HoursRules, MarkingWork
from trainees.models.hours import PAID_POSITIONS


def held_sessions() -> QuerySet:
    """Sessions that were taught, by the lecturer they name: ticked as taught (by the lecturer or a clerk),
    or with attendance taken. A replaced lecturer is simply the session's lecturer changed, so the hours go
    to whoever taught."""
    attended = Attendance.objects.filter(session=OuterRef("pk"))
    return Session.objects.filter(lecturer__isnull=False).filter(
        Q(taught_confirmed_at__isnull=False) | Exists(attended)
    )


def sessions_with_held(queryset: QuerySet) -> QuerySet:
    """``queryset`` of sessions with ``has_attendance`` (bool) annotated, for lists that show the tick."""
    return queryset.annotate(has_attendance=Exists(Attendance.objects.filter(session=OuterRef("pk"))))


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def standard_hours(rules: HoursRules, *, periods: int, papers: int, exams: int) -> Decimal:
    hours = periods * rules.hours_per_period + papers * rules.hours_per_paper + exams * rules.hours_per_exam
    return Decimal(hours).quantize(Decimal("0.01"))


@dataclass
class Load:
    """One lecturer's teaching in a span: periods of the sessions held, papers marked, exams set, and those
    in standard hours; with their norm (None when the position has none) and the share of it done."""

    lecturer: StaffMember
    sessions: int = 0
    periods: int = 0
    papers: int = 0
    exams: int = 0
    session_ids: list = field(default_factory=list)
    marking_ids: list = field(default_factory=list)
    hours: Decimal = Decimal("0")
    norm: Decimal | None = None

    @property
    def percent(self) -> int | None:
        if not self.norm:
            return None
        share = int((self.hours * 100 / self.norm).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        # 53.8 of 54 hours is 99 %, not the norm reached.
        return min(share, 99) if self.hours < self.norm else share

    @property
    def remaining(self) -> Decimal | None:
        return None if self.norm is None else self.norm - self.hours


def loads(
    *,
    start: datetime.date,
    end: datetime.date,
    rules: HoursRules,
    course: Course | None = None,
    lecturer: StaffMember | None = None,
    positions=None,
    everyone: bool = False,
) -> list[Load]:
    """Each lecturer's load from the sessions held and the marking done between ``start`` and ``end`` (or
    for ``course``), in Vietnamese name order. ``positions``/``lecturer`` narrow who is counted;
    ``everyone`` also lists active lecturers with nothing counted. Three queries."""
    sessions = held_sessions()
    marking = MarkingWork.objects.all()
    if course is not None:
        sessions, marking = sessions.filter(course=course), marking.filter(course=course)
    else:
        sessions = sessions.filter(date__gte=start, date__lte=end)
        marking = marking.filter(done_on__gte=start, done_on__lte=end)
    if lecturer is not None:
        sessions, marking = sessions.filter(lecturer=lecturer), marking.filter(lecturer=lecturer)
    if positions is not None:
        sessions = sessions.filter(lecturer__position__in=positions)
        marking = marking.filter(lecturer__position__in=positions)
    by_lecturer: dict[int, dict] = {}

    def entry(pk):
        return by_lecturer.setdefault(pk, {"sessions": [], "periods": 0, "marking": [], "papers": 0, "exams": 0})

    for pk, lecturer_id, periods in sessions.order_by("date", "start_time", "pk").values_list(
        "pk", "lecturer_id", "periods"
    ):
        row = entry(lecturer_id)
        row["sessions"].append(pk)
        row["periods"] += periods
    for pk, lecturer_id, kind, quantity in marking.order_by("pk").values_list("pk", "lecturer_id", "kind", "quantity"):
        row = entry(lecturer_id)
        row["marking"].append(pk)
        row["papers" if kind == MarkingWork.Kind.PAPERS else "exams"] += quantity
    people = StaffMember.objects.filter(pk__in=list(by_lecturer))
    if everyone:
        listed = StaffMember.objects.filter(is_active=True).exclude(position=StaffMember.Position.OFFICER)
        if positions is not None:
            listed = listed.filter(position__in=positions)
        people = people | listed
    result = []
    for person in people.order_by("sort_key", "pk"):
        row = by_lecturer.get(person.pk) or entry(person.pk)
        result.append(
            Load(
                lecturer=person,
                sessions=len(row["sessions"]),
                periods=row["periods"],
                papers=row["papers"],
                exams=row["exams"],
                session_ids=row["sessions"],
                marking_ids=row["marking"],
                hours=standard_hours(rules, periods=row["periods"], papers=row["papers"], exams=row["exams"]),
                norm=rules.norm_for(person.position),
            )
        )
    return result


@dataclass
class StatementLine:
    load: Load
    rate: int

    @property
    def amount(self) -> int:
        return int((self.load.hours * self.rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def statement_lines(
    *, rules: HoursRules, year: int, month: int | None = None, course=None, lecturer=None
) -> list[StatementLine]:
    """The lines a statement of ``month`` of ``year`` (or of ``course``) would have today: the part-time and
    guest lecturers and reporters with hours in it, each at their category's rate."""
    start, end = month_span(year, month) if month else year_span(year)
    rows = loads(start=start, end=end, rules=rules, course=course, lecturer=lecturer, positions=PAID_POSITIONS)
    return [StatementLine(load=row, rate=rules.rate_for(row.lecturer.position) or 0) for row in rows if row.hours]


def lecturer_sessions(lecturer: StaffMember, *, year: int) -> QuerySet:
    """The lecturer's sessions of ``year`` with their course and whether attendance was taken."""
    start, end = year_span(year)
    return sessions_with_held(
        Session.objects.filter(lecturer=lecturer, date__gte=start, date__lte=end)
        .select_related("course", "topic")
        .order_by("date", "start_time", "pk")
    )
