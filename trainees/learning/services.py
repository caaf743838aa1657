"""Attendance, results and completion: the rules of what a course's trainees did and whether they completed."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from center.audit import audit_for, audit_record
from center.errors import PortalError
from courses.models import Course, IssuedDocument, Programme, Session
from courses.register import current_document, issue_document
from trainees.learning.selectors import completion_decision_context, period_shares
from trainees.models import Attendance, Enrolment

ERROR_NOT_ON_ROSTER = _("A row does not belong to this course's approved trainees. Reload the page and try again.")
ERROR_BAD_STATUS = _("Unknown attendance status.")
ERROR_NOTE_TOO_LONG = _("The note is too long (at most 255 characters).")
ERROR_FUTURE_SESSION = _(
    "The session of %(date)s has not taken place yet; attendance can be recorded from that day on."
)
ERROR_COURSE_CANCELLED = _("This course has been cancelled; attendance cannot be recorded.")


class AttendanceError(PortalError):
    """A grid that cannot be saved."""


ERROR_RESULTS_FROZEN = _(
    "The director has confirmed this course's completion list: its attendance, scores and completion are "
    "frozen. To change them, the director reopens the course's results with a reason."
)


def results_frozen(course: Course) -> bool:
    """Whether the director has confirmed ``course``'s completion list (and not reopened it since): its
    attendance, scores and completion decisions can then not be changed by anyone."""
    return Enrolment.objects.filter(
        course=course, status=Enrolment.Status.APPROVED, completion_confirmed_at__isnull=False
    ).exists()


@dataclass(frozen=True)
class Mark:
    """One cell of a grid: the status and note for an enrolment at a session."""

    enrolment_id: int
    session_id: int
    status: str
    note: str = ""


def session_is_open(session: Session, *, course: Course | None = None) -> bool:
    """Attendance can be taken for a session on or before today (the center's local date) of a course
    that is not cancelled."""
    course = course or session.course
    return course.status != Course.Status.CANCELLED and session.date <= timezone.localdate()


def _check_open(sessions: list[Session], *, course: Course) -> None:
    if course.status == Course.Status.CANCELLED:
        raise AttendanceError(ERROR_COURSE_CANCELLED)
    today = timezone.localdate()
    future = sorted(s.date for s in sessions if s.date > today)
    if future:
        raise AttendanceError(ERROR_FUTURE_SESSION % {"date": future[0].strftime("%d/%m/%Y")})


def _validate(marks: list[Mark], *, enrolment_ids: set[int], session_ids: set[int]) -> None:
    valid_statuses = set(Attendance.Status.values)
    for mark in marks:
        if mark.enrolment_id not in enrolment_ids or mark.session_id not in session_ids:
            raise AttendanceError(ERROR_NOT_ON_ROSTER)
        if mark.status not in valid_statuses:
            raise AttendanceError(ERROR_BAD_STATUS)
        if len(mark.note) > 255:
            raise AttendanceError(ERROR_NOTE_TOO_LONG)


def _save(marks: list[Mark], *, sessions: list[Session], by) -> dict:
    existing = {
        (a.enrolment_id, a.session_id): a
        for a in Attendance.objects.filter(session__in=[s.pk for s in sessions]).only(
            "pk", "enrolment_id", "session_id", "status", "note"
        )
    }
    now = timezone.now()
    to_create, to_update = [], []
    for mark in marks:
        row = existing.get((mark.enrolment_id, mark.session_id))
        if row is None:
            to_create.append(
                Attendance(
                    enrolment_id=mark.enrolment_id,
                    session_id=mark.session_id,
                    status=mark.status,
                    note=mark.note,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
        elif row.status != mark.status or row.note != mark.note:
            row.status, row.note, row.recorded_by, row.recorded_at = mark.status, mark.note, by, now
            to_update.append(row)
    with transaction.atomic():
        if to_create:
            Attendance.objects.bulk_create(to_create)
        if to_update:
            Attendance.objects.bulk_update(to_update, ["status", "note", "recorded_by", "recorded_at"])
    return {"created": len(to_create), "updated": len(to_update)}


def attendance_save_session(*, session: Session, marks: list[Mark], roster: list[Enrolment], by) -> dict:
    """Save the grid of one session. ``roster`` is the course's approved enrolments (as shown on the
    page); every mark must belong to it. Rows not in ``marks`` are left as they are. Atomic; raises
    AttendanceError, also for a session after today or of a cancelled course."""
    _check_open([session], course=session.course)
    if results_frozen(session.course):
        raise AttendanceError(ERROR_RESULTS_FROZEN)
    _validate(marks, enrolment_ids={e.pk for e in roster}, session_ids={session.pk})
    return _save(marks, sessions=[session], by=by)


def attendance_save_course(*, course: Course, sessions: list[Session], marks: list[Mark], roster: list[Enrolment], by):
    """Save a whole course's matrix (trainees × sessions), e.g. copied from the signed sign-in sheet
    after the fact. Same guarantees as ``attendance_save_session``; ``sessions`` must all have taken
    place (on or before today)."""
    if any(s.course_id != course.pk for s in sessions):
        raise AttendanceError(ERROR_NOT_ON_ROSTER)
    _check_open(sessions, course=course)
    if results_frozen(course):
        raise AttendanceError(ERROR_RESULTS_FROZEN)
    _validate(marks, enrolment_ids={e.pk for e in roster}, session_ids={s.pk for s in sessions})
    return _save(marks, sessions=sessions, by=by)


ERROR_SCORE_FORMAT = _("Enter a number from 0 to 10 with at most one decimal, e.g. 7.5 or 7,5.")
ERROR_SCORE_RANGE = _("The score must be between 0 and 10.")
ERROR_PASTE_COUNT = _("You pasted %(lines)d lines but the roster has %(trainees)d trainees.")
ERROR_PASTE_LINE = _("Line %(line)d (%(name)s): %(error)s")
ERROR_NOT_APPROVED = _("Only approved trainees of this course get a result.")
ERROR_NOTHING_TO_CONFIRM = _("Nobody's completion has been reviewed yet.")
ERROR_UNDECIDED_LEFT = _("Review every trainee before the director confirms: %(count)d not decided yet.")
ERROR_ALREADY_CONFIRMED = _("The director has already confirmed this course's completion list.")


ERROR_NOT_FROZEN = _("This course's completion list has not been confirmed; its results are open for changes.")


ERROR_REOPEN_REASON = _("Give the reason for reopening the results.")


# History labels of the actions below (registered from TraineesConfig.ready).
ACTION_LABELS = {
    "result.recorded": _("Result recorded"),
    "result.changed": _("Result changed"),
    "completion.reviewed": _("Completion reviewed"),
    "completion.confirmed": _("Completion list confirmed by the director"),
    "results.reopened": _("Results reopened by the director"),
}


_SCORE_RE = re.compile(r"^\d{1,2}([.,]\d)?$")


class ResultError(PortalError):
    """A result that cannot be saved."""


def parse_score(text: str) -> Decimal | None:
    """'7,5' / '7.5' / ' 8 ' → Decimal; '' → None. Raises ResultError with a specific message."""
    text = (text or "").strip()
    if not text:
        return None
    if not _SCORE_RE.match(text):
        raise ResultError(ERROR_SCORE_FORMAT)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ResultError(ERROR_SCORE_FORMAT) from exc
    if not Decimal(0) <= value <= Decimal(10):
        raise ResultError(ERROR_SCORE_RANGE)
    return value.quantize(Decimal("0.1"))


def grade_for(*, programme: Programme, score: Decimal | None) -> str:
    """The grade band of ``score`` under ``programme``'s bands ('' when there is no score)."""
    if score is None:
        return Enrolment.Grade.NONE
    if score >= programme.excellent_from:
        return Enrolment.Grade.EXCELLENT
    if score >= programme.good_from:
        return Enrolment.Grade.GOOD
    if score >= programme.fair_from:
        return Enrolment.Grade.FAIR
    if score >= programme.min_score:
        return Enrolment.Grade.AVERAGE
    return Enrolment.Grade.FAIL


def parse_score_column(text: str, *, roster: list[Enrolment]) -> list[Decimal | None]:
    """A column pasted from a spreadsheet: one line per trainee in roster order; a blank line means
    "no score". Every line is checked; the errors name the line and the trainee."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) != len(roster):
        raise ResultError(ERROR_PASTE_COUNT % {"lines": len(lines), "trainees": len(roster)})
    scores, errors = [], []
    for number, (line, enrolment) in enumerate(zip(lines, roster, strict=True), start=1):
        try:
            scores.append(parse_score(line.split("\t")[0]))
        except ResultError as exc:
            errors.append(ERROR_PASTE_LINE % {"line": number, "name": enrolment.trainee.full_name, "error": exc})
    if errors:
        raise ResultError(messages=errors)
    return scores


ERROR_RETAKE_NOT_ALLOWED = _(
    "%(name)s: a retake is only for a learner whose paper is below the pass mark (%(min)s); record the paper first."
)
ERROR_ATTENDANCE_TOO_LOW = _(
    "%(name)s attended %(share)s%% of the periods, below %(min)d%%: they may not sit the final paper."
)


def final_score(*, paper: Decimal | None, retake: Decimal | None) -> Decimal | None:
    """QĐ 1147: of the paper and its one retake, the better one counts."""
    attempts = [s for s in (paper, retake) if s is not None]
    return max(attempts) if attempts else None


def paper_of(enrolment: Enrolment) -> Decimal | None:
    # Scores recorded before papers and retakes were kept apart are the paper.
    return enrolment.paper_score if enrolment.paper_score is not None else enrolment.score


@transaction.atomic
def results_record(
    *, course: Course, scores: dict[int, Decimal | None], by, retakes: dict[int, Decimal | None] | None = None
) -> int:
    """Record final papers (``scores``) and retakes (``retakes``), enrolment pk → score or None, for approved
    enrolments of ``course``. A paper needs the programme's minimum share of the periods (when attendance is
    recorded); a retake is allowed once, only below ``programme.min_score``; both are kept and the better
    one is the enrolment's ``score``, whose grade follows from the programme's bands. Every changed attempt
    is written to the history with the old and the new value. Returns how many results changed. Raises
    ResultError, also once the results are frozen (``results_frozen``)."""
    if results_frozen(course):
        raise ResultError(ERROR_RESULTS_FROZEN)
    retakes = retakes or {}
    programme = course.programme
    wanted = set(scores) | set(retakes)
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.select_for_update()
        .select_related("trainee")
        .filter(course=course, pk__in=list(wanted), status=Enrolment.Status.APPROVED)
    }
    if len(enrolments) != len(wanted):
        raise ResultError(ERROR_NOT_APPROVED)
    shares = period_shares(course)
    changed, errors = [], []
    for pk in sorted(wanted):
        enrolment = enrolments[pk]
        old_paper, old_retake = paper_of(enrolment), enrolment.retake_score
        paper = scores.get(pk, old_paper)
        retake = retakes.get(pk, old_retake)
        name = enrolment.trainee.full_name
        share = shares.get(pk)
        if paper is not None and paper != old_paper and share is not None and share < programme.min_attendance_percent:
            errors.append(
                ERROR_ATTENDANCE_TOO_LOW
                % {"name": name, "share": number_format(share, 1), "min": programme.min_attendance_percent}
            )
            continue
        if retake is not None and (paper is None or paper >= programme.min_score):
            errors.append(ERROR_RETAKE_NOT_ALLOWED % {"name": name, "min": number_format(programme.min_score, 1)})
            continue
        score = final_score(paper=paper, retake=retake)
        if (paper, retake, score) == (enrolment.paper_score, enrolment.retake_score, enrolment.score):
            continue
        for attempt, old, new in (("paper", old_paper, paper), ("retake", old_retake, retake)):
            if old != new:
                audit_record(
                    subject=enrolment,
                    action="result.recorded" if old is None else "result.changed",
                    by=by,
                    data={
                        "attempt": attempt,
                        "old": None if old is None else str(old),
                        "new": None if new is None else str(new),
                    },
                )
        enrolment.paper_score, enrolment.retake_score, enrolment.score = paper, retake, score
        enrolment.grade = grade_for(programme=programme, score=score)
        changed.append(enrolment)
    if errors:
        raise ResultError(messages=errors)
    Enrolment.objects.bulk_update(changed, ["paper_score", "retake_score", "score", "grade"])
    return len(changed)


@dataclass(frozen=True)
class Proposal:
    completed: bool
    reasons: list[str]


def completion_proposal(*, programme: Programme, share: Decimal | None, score: Decimal | None) -> Proposal:
    """The programme's completion rule: attendance share (of the periods of the trainee's recorded sessions,
    see TraineeResult.share) at least the minimum and a score of at least the minimum score. Returns the
    proposal and, when not completed, why."""
    reasons = []
    if share is None:
        reasons.append(gettext("no attendance recorded"))
    elif share < programme.min_attendance_percent:
        reasons.append(
            gettext("attendance %(share)s%% below %(min)d%%")
            % {"share": number_format(share, 1), "min": programme.min_attendance_percent}
        )
    if score is None:
        if programme.min_score > 0:
            reasons.append(gettext("no score"))
    elif score < programme.min_score:
        reasons.append(
            gettext("score %(score)s below %(min)s")
            % {"score": number_format(score, 1), "min": number_format(programme.min_score, 1)}
        )
    return Proposal(completed=not reasons, reasons=reasons)


@transaction.atomic
def completion_review(*, course: Course, decisions: dict[int, str], by) -> int:
    """Staff record who completed (enrolment pk → Enrolment.Completion value). Each change goes to the
    history. Refused (ResultError) once the director has confirmed the list: reopen it first."""
    if results_frozen(course):
        raise ResultError(ERROR_RESULTS_FROZEN)
    valid = {Enrolment.Completion.COMPLETED, Enrolment.Completion.NOT_COMPLETED, Enrolment.Completion.UNDECIDED}
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.select_for_update().filter(
            course=course, pk__in=list(decisions), status=Enrolment.Status.APPROVED
        )
    }
    if len(enrolments) != len(decisions) or not set(decisions.values()) <= valid:
        raise ResultError(ERROR_NOT_APPROVED)
    changed = []
    for pk, value in decisions.items():
        enrolment = enrolments[pk]
        if enrolment.completion == value:
            continue
        audit_record(
            subject=enrolment,
            action="completion.reviewed",
            by=by,
            data={"old": enrolment.completion, "new": value},
        )
        enrolment.completion = value
        enrolment.completion_confirmed_by = None
        enrolment.completion_confirmed_at = None
        changed.append(enrolment)
    Enrolment.objects.bulk_update(changed, ["completion", "completion_confirmed_by", "completion_confirmed_at"])
    return len(changed)


@transaction.atomic
def completion_confirm(*, course: Course, by, decided_on=None) -> int:
    """The director confirms the reviewed completion list of ``course``. Every approved trainee must
    have been reviewed. The completion decision is issued into the register, dated ``decided_on`` (today
    when not given). Raises ResultError."""
    roster = list(Enrolment.objects.select_for_update().filter(course=course, status=Enrolment.Status.APPROVED))
    undecided = [e for e in roster if not e.completion]
    if not roster:
        raise ResultError(ERROR_NOTHING_TO_CONFIRM)
    if undecided:
        raise ResultError(ERROR_UNDECIDED_LEFT % {"count": len(undecided)})
    pending = [e for e in roster if e.completion_confirmed_at is None]
    if not pending:
        raise ResultError(ERROR_ALREADY_CONFIRMED)
    now = timezone.now()
    for enrolment in pending:
        enrolment.completion_confirmed_by = by
        enrolment.completion_confirmed_at = now
    Enrolment.objects.bulk_update(pending, ["completion_confirmed_by", "completion_confirmed_at"])
    audit_record(
        subject=course,
        action="completion.confirmed",
        by=by,
        data={
            "completed": sum(e.completion == Enrolment.Completion.COMPLETED for e in roster),
            "not_completed": sum(e.completion == Enrolment.Completion.NOT_COMPLETED for e in roster),
        },
    )
    issue_completion_decision(course=course, by=by, issued_on=decided_on or timezone.localdate(now))
    return len(pending)


def issue_completion_decision(*, course: Course, by, issued_on) -> IssuedDocument:
    """Number and store the completion decision of ``course``'s confirmed list (courses.register). After the
    results were reopened and confirmed again, the new decision replaces the one in force, citing the reason
    the results were reopened; both stay in the register."""
    context = completion_decision_context(course)
    previous = current_document(course=course, kind=IssuedDocument.Kind.COMPLETION_DECISION)
    reason = ""
    if previous is not None:
        reopened = audit_for(course).filter(action="results.reopened").order_by("-at", "-pk").first()
        reason = gettext("Results reopened: %(reason)s") % {"reason": reopened.reason if reopened else "—"}
    return issue_document(
        kind=IssuedDocument.Kind.COMPLETION_DECISION,
        issued_on=issued_on,
        subject=context["subtitle"],
        template="print/completion_decision_body.html",
        context=context,
        by=by,
        course=course,
        replaces=previous,
        reason=reason,
    )


@transaction.atomic
def results_reopen(*, course: Course, by, reason: str) -> int:
    """The director reopens a confirmed course's results so that attendance, scores and completion can be
    corrected; the completion list then needs confirming again. Certificates already issued keep what they
    printed; those whose trainee's result then changes show as needing review (``Certificate.needs_review``).
    Recorded in the course's history with the reason. Returns how many confirmations were withdrawn.
    Raises ResultError (no reason, or nothing confirmed)."""
    reason = (reason or "").strip()
    if not reason:
        raise ResultError(ERROR_REOPEN_REASON)
    confirmed = list(
        Enrolment.objects.select_for_update().filter(
            course=course, status=Enrolment.Status.APPROVED, completion_confirmed_at__isnull=False
        )
    )
    if not confirmed:
        raise ResultError(ERROR_NOT_FROZEN)
    for enrolment in confirmed:
        enrolment.completion_confirmed_by = None
        enrolment.completion_confirmed_at = None
    Enrolment.objects.bulk_update(confirmed, ["completion_confirmed_by", "completion_confirmed_at"])
    audit_record(subject=course, action="results.reopened", by=by, reason=reason, data={"trainees": len(confirmed)})
    return len(confirmed)
