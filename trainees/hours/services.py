"""Lecturer hours and pay: ticking a session as taught, recording papers marked and exams set, the center's
norms and rates, and issuing the statement of hours for part-time and guest lecturers (frozen when issued;
a correction replaces it and both stay). docs/teaching-hours.md."""

import calendar
import datetime
from decimal import Decimal

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.models import Center
from center.vnwords import amount_in_words
from courses.models import Course, Session
from courses.register import signer_title_lines
from staff.models import StaffMember
from trainees.hours.selectors import statement_lines
from trainees.models import Attendance, Enrolment, HoursRules, HoursStatement, HoursStatementLine, MarkingWork

ERROR_FUTURE_SESSION = _("A session can be confirmed as taught only on or after its date.")
ERROR_NO_LECTURER = _("The session has no lecturer: choose who taught it first.")
ERROR_ATTENDANCE_TAKEN = _("Attendance was taken for this session, so it counts as taught.")
ERROR_NOT_A_LECTURER = _("Choose a lecturer of the center.")
ERROR_QUANTITY = _("Give a number from 0 to 2000 (0 removes the line).")
ERROR_TOO_MANY_PAPERS = _(
    "The class has %(trainees)s trainees and %(retakes)s retakes: at most %(limit)s papers to mark in all, and "
    "the other lecturers have %(others)s already."
)
ERROR_MONTH_NOT_OVER = _(
    "Month %(month)s is not over: a statement of the month is issued after %(last)s. To pay for a class that has "
    "ended, issue the statement of that class."
)
ERROR_ONE_EXAM = _("One exam is set for a class (and one for the retake): give 0, 1 or 2.")
ERROR_EMPTY_STATEMENT = _("No part-time or guest lecturer has hours in this period: there is nothing to pay.")
ERROR_ALREADY_PAID = _("%(lecturer)s: some of these sessions or marks are already on statement “%(statement)s”.")
ERROR_REPLACED_ALREADY = _("This statement has already been replaced by a correction.")
ERROR_CORRECTION_REASON = _("Give the reason for the correction.")
ERROR_UNCHANGED = _("Nothing changed since this statement was issued: there is nothing to correct.")

ACTION_LABELS = {
    "session.taught": _("Session confirmed as taught"),
    "session.untaught": _("Confirmation that the session was taught withdrawn"),
    "marking.recorded": _("Papers marked or exam set recorded"),
    "hours.rules_changed": _("Teaching norms and rates changed"),
    "statement.issued": _("Statement of hours issued"),
    "statement.replaced": _("Statement of hours replaced by a correction"),
}


class HoursError(PortalError):
    pass


def session_confirm_taught(*, session: Session, by, taught: bool = True) -> Session:
    """Tick (or untick) ``session`` as taught by its lecturer. Refuses a session still to come, one without a
    lecturer and, for unticking, one whose attendance was taken (that counts as taught anyway)."""
    if taught:
        if session.date > timezone.localdate():
            raise HoursError(ERROR_FUTURE_SESSION)
        if session.lecturer_id is None:
            raise HoursError(ERROR_NO_LECTURER)
        if session.taught_confirmed_at is not None:
            return session
        session.taught_confirmed_at, session.taught_confirmed_by = timezone.now(), by
    else:
        if Attendance.objects.filter(session=session).exists():
            raise HoursError(ERROR_ATTENDANCE_TAKEN)
        if session.taught_confirmed_at is None:
            return session
        session.taught_confirmed_at, session.taught_confirmed_by = None, None
    with transaction.atomic():
        session.save(update_fields=["taught_confirmed_at", "taught_confirmed_by"])
        audit_record(
            subject=session,
            action="session.taught" if taught else "session.untaught",
            by=by,
            data={"lecturer": session.lecturer.full_name if session.lecturer_id else ""},
        )
    return session


@transaction.atomic
def _check_marking_quantity(*, course: Course, lecturer: StaffMember, kind: str, quantity: int) -> None:
    """What is marked is what was written: a paper for each approved trainee and one for each retake (the count
    is paid by); an exam for the class and at most one for its retake."""
    if kind == MarkingWork.Kind.EXAM:
        if quantity > 2:
            raise HoursError(ERROR_ONE_EXAM)
        return
    approved = Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED)
    trainees = approved.count()
    retakes = approved.filter(retake_score__isnull=False).count()
    others = sum(
        MarkingWork.objects.filter(course=course, kind=kind)
        .exclude(lecturer=lecturer)
        .values_list("quantity", flat=True)
    )
    if others + quantity > trainees + retakes:
        raise HoursError(
            ERROR_TOO_MANY_PAPERS
            % {"trainees": trainees, "retakes": retakes, "limit": trainees + retakes, "others": others}
        )


def marking_record(*, course: Course, lecturer: StaffMember, kind: str, quantity: int, by) -> MarkingWork | None:
    """Set how many papers ``lecturer`` marked (or exams set) for ``course``; 0 removes the line. Counted on
    the course's last day. Returns the row, or None when removed."""
    if not lecturer.is_lecturer:
        raise HoursError(ERROR_NOT_A_LECTURER)
    if quantity is None or not 0 <= quantity <= 2000:
        raise HoursError(ERROR_QUANTITY)
    existing = MarkingWork.objects.select_for_update().filter(course=course, lecturer=lecturer, kind=kind).first()
    _check_marking_quantity(course=course, lecturer=lecturer, kind=kind, quantity=quantity)
    data = {"lecturer": lecturer.full_name, "kind": kind, "quantity": quantity}
    audit_record(subject=course, action="marking.recorded", by=by, data=data)
    if quantity == 0:
        if existing is not None:
            existing.delete()
        return None
    row = existing or MarkingWork(course=course, lecturer=lecturer, kind=kind)
    row.quantity, row.done_on = quantity, course.end_date
    row.recorded_by = by if by is not None and by.is_authenticated else None
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def hours_rules_update(*, rules: HoursRules, by) -> HoursRules:
    """Save the norms and rates edited by the director (validated), and record the change."""
    rules.updated_by = by
    rules.full_clean(exclude=["updated_by"])
    rules.save()
    fields = ("yearly_norm", "director_share", "deputy_share", "hours_per_period", "hours_per_paper")
    fields += ("hours_per_exam", "rate_part_time", "rate_guest", "rate_reporter")
    audit_record(
        subject=rules, action="hours.rules_changed", by=by, data={name: str(getattr(rules, name)) for name in fields}
    )
    return rules


def statement_title(*, year: int, month: int | None, course: Course | None) -> str:
    if course is not None:
        return f"Bảng kê giờ giảng lớp {course.title} ({course.code})"
    return f"Bảng kê giờ giảng tháng {month:02d}/{year}"


def statement_period(*, year: int, month: int | None, course: Course | None) -> str:
    if course is not None:
        return f"Lớp: {course.title} ({course.code})"
    return f"Tháng {month:02d} năm {year}"


def _maker_name(by) -> str:
    if by is None or not by.is_authenticated:
        return ""
    member = StaffMember.objects.filter(user=by).first()
    return member.full_name if member else f"{by.last_name} {by.first_name}".strip()


def _lines_key(lines) -> list[tuple]:
    return [
        (line.load.lecturer.pk, sorted(line.load.session_ids), sorted(line.load.marking_ids), line.amount)
        for line in lines
    ]


def statement_is_current(statement: HoursStatement, lines=None) -> bool:
    """Whether ``statement`` still says what the sessions, marking and rates say today."""
    if lines is None:
        lines = statement_lines(
            rules=HoursRules.load(),
            year=statement.year,
            month=statement.month,
            course=statement.course,
            lecturer=statement.lecturer,
        )
    issued = [
        (line.lecturer_id, sorted(line.session_ids), sorted(line.marking_ids), line.amount)
        for line in statement.lines.all()
    ]
    return issued == _lines_key(lines)


def _already_paid(lines, *, replaces: HoursStatement | None):
    """The first line counting a session or a mark that a statement in force already pays: (line, statement)."""
    sessions = {pk: line for line in lines for pk in line.load.session_ids}
    marks = {pk: line for line in lines for pk in line.load.marking_ids}
    in_force = HoursStatementLine.objects.filter(statement__status=HoursStatement.Status.ISSUED)
    if replaces is not None:
        in_force = in_force.exclude(statement=replaces)
    lecturers = {line.load.lecturer.pk for line in lines}
    for paid in in_force.filter(lecturer__in=lecturers).select_related("statement"):
        for pk in paid.session_ids:
            if pk in sessions:
                return sessions[pk], paid.statement
        for pk in paid.marking_ids:
            if pk in marks:
                return marks[pk], paid.statement
    return None


@transaction.atomic
def statement_issue(
    *,
    year: int,
    month: int | None = None,
    course: Course | None = None,
    lecturer: StaffMember | None = None,
    issued_on: datetime.date,
    by,
    replaces: HoursStatement | None = None,
    reason: str = "",
) -> HoursStatement:
    """Issue the statement of hours of ``month`` of ``year`` (or of ``course``; only ``lecturer`` when given):
    one line per part-time or guest lecturer or reporter with hours in it, at their category's rate; the lines,
    total, total in words, signers and printed page are stored as they are now. Refuses an empty statement and
    one that would pay a session or mark a statement in force already pays. With ``replaces`` it is the
    correction of that statement (a reason is required; something must have changed), which is marked replaced."""
    reason = (reason or "").strip()
    if replaces is not None:
        replaces = HoursStatement.objects.select_for_update().get(pk=replaces.pk)
        if replaces.status != HoursStatement.Status.ISSUED:
            raise HoursError(ERROR_REPLACED_ALREADY)
        if not reason:
            raise HoursError(ERROR_CORRECTION_REASON)
        year, month, course, lecturer = replaces.year, replaces.month, replaces.course, replaces.lecturer
    if month is not None and replaces is None:
        last_day = datetime.date(year, month, calendar.monthrange(year, month)[1])
        if issued_on <= last_day:
            # Sessions later in the month would be left out, and then refused on the next statement as the
            # lecturer's month is paid: a month's statement waits for the month to end (a class's does not).
            raise HoursError(ERROR_MONTH_NOT_OVER % {"month": f"{month:02d}/{year}", "last": f"{last_day:%d/%m/%Y}"})
    rules = HoursRules.load()
    lines = statement_lines(rules=rules, year=year, month=month, course=course, lecturer=lecturer)
    if replaces is not None and statement_is_current(replaces, lines):
        raise HoursError(ERROR_UNCHANGED)
    if not lines:
        raise HoursError(ERROR_EMPTY_STATEMENT)
    clash = _already_paid(lines, replaces=replaces)
    if clash is not None:
        line, paid = clash
        raise HoursError(ERROR_ALREADY_PAID % {"lecturer": line.load.lecturer.full_name, "statement": paid.title})
    center = Center.load()
    signature = center.signature()
    total_hours = sum((line.load.hours for line in lines), Decimal("0"))
    total_amount = sum(line.amount for line in lines)
    statement = HoursStatement(
        year=year,
        month=None if course is not None else month,
        course=course,
        lecturer=lecturer,
        title=statement_title(year=year, month=month, course=course),
        issued_on=issued_on,
        total_hours=total_hours,
        total_amount=total_amount,
        total_words=amount_in_words(total_amount),
        maker_name=_maker_name(by),
        accountant_name=rules.chief_accountant_name,
        signer_name=signature["name"],
        signer_title=signer_title_lines(signature),
        replaces=replaces,
        correction_reason=reason if replaces is not None else "",
        issued_by=by if by is not None and by.is_authenticated else None,
    )
    with translation.override("vi"):
        rows = [
            HoursStatementLine(
                number=number,
                lecturer=line.load.lecturer,
                lecturer_name=line.load.lecturer.full_name,
                category=str(line.load.lecturer.get_position_display()),
                workplace=line.load.lecturer.workplace,
                sessions=line.load.sessions,
                periods=line.load.periods,
                papers=line.load.papers,
                exams=line.load.exams,
                hours=line.load.hours,
                rate=line.rate,
                amount=line.amount,
                session_ids=line.load.session_ids,
                marking_ids=line.load.marking_ids,
            )
            for number, line in enumerate(lines, start=1)
        ]
        statement.content = render_to_string(
            "print/hours_statement_body.html",
            {
                "center": center,
                "statement": statement,
                "lines": rows,
                "rules": rules,
                "subtitle": statement_period(year=year, month=month, course=course),
                "signer_prefix": signature["prefix"],
                "signer_position": signature["position"],
                "signer_name": signature["name"],
            },
        )
    statement.save()
    for row in rows:
        row.statement = statement
    HoursStatementLine.objects.bulk_create(rows)
    if replaces is not None:
        replaces.status = HoursStatement.Status.REPLACED
        replaces.save(update_fields=["status"])
        audit_record(subject=replaces, action="statement.replaced", by=by, reason=reason, data={"by": statement.pk})
    audit_record(subject=statement, action="statement.issued", by=by, data={"total": total_amount})
    return statement
