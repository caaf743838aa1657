"""The enrolment workflow: submission, the director's decisions, capacity and eligibility.

States: pending → approved | rejected (reason) | waitlisted; waitlisted → approved (promoted) | rejected;
approved → withdrawn (reason). Capacity is checked with the course row locked (``select_for_update`` on
PostgreSQL; on SQLite every transaction is IMMEDIATE, so writers are serialised anyway).
"""

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record, audit_record_many
from center.errors import PortalError
from courses.models import Course, Programme
from trainees.access import can_decide
from trainees.accounts.services import trainee_account_ensure
from trainees.enrolment.selectors import overlap_needs_confirmation, overlap_warning, programme_overlaps_many
from trainees.models import Enrolment, Trainee

# History labels of the actions below (registered from TraineesConfig.ready).
ACTION_LABELS = {
    "enrolment.submitted": _("Enrolment submitted"),
    "enrolment.approved": _("Enrolment approved"),
    "enrolment.rejected": _("Enrolment rejected"),
    "enrolment.waitlisted": _("Put on the waiting list"),
    "enrolment.withdrawn": _("Enrolment withdrawn"),
    "enrolment.promoted": _("Promoted from the waiting list"),
    "enrolment.eligibility_overridden": _("Eligibility rule overridden"),
}


# Messages the UI shows (tests match them exactly).
NOT_A_DECIDER = _("Only the director, or the deputy the director has delegated, may decide enrolments.")
ALREADY_ENROLLED = _("This trainee is already enrolled in this course.")
MERGED_TRAINEE = _("This record was merged into another one; enrol the record it was merged into.")
COURSE_CLOSED = _("This course is finished or cancelled; it takes no enrolments.")
ENROLMENT_CLOSED = _("Enrolment in this course is closed; only the director may still add a trainee.")
COURSE_FULL = _("The course is full: all %(capacity)s seats are taken.")
REASON_REQUIRED = _("Please give a reason.")
OVERRIDE_NOT_ALLOWED = _("Only the director may override the eligibility rule.")
WRONG_STATE = _("This enrolment is “%(status)s”; it cannot be %(action)s.")
NOT_ELIGIBLE = _("Not eligible: %(reason)s. The director may override this with a written reason.")
RULE_NOT_PARTY_MEMBER = _("already a Party member — not a candidate for the Party awareness course")
RULE_NEW_MEMBER_NOT_MEMBER = _("not a Party member — the course is for new Party members")
RULE_NEW_MEMBER_NO_DATE = _("the date of admission to the Party is not recorded — the course is for new Party members")
RULE_NEW_MEMBER_TOO_OLD = _(
    "admitted to the Party on %(date)s, more than %(months)s months before the course — the course is for new "
    "Party members"
)
RULE_PARTY_MEMBER = _("not a Party member — the course is for Party members")
OVERLAP_NOT_CONFIRMED = _(
    "Not approved: %(overlaps)s. Tick “Approve anyway” for this enrolment if the trainee should attend again."
)
BATCH_OVERLAP = _(
    "%(count)s of the selected enrolments need a confirmation (the trainee already completed, or is approved in, "
    "the same programme); nothing was decided. Tick “Approve anyway” for them, or leave them out."
)
RULE_COMMITTEE_MEMBER = _("not a member of a Party committee — the course is for Party committee members")
DEFAULT_NEW_MEMBER_MONTHS = 12
WHEN_FULL_REFUSE = "refuse"
WHEN_FULL_WAITLIST = "waitlist"


class EnrolmentError(PortalError):
    """A rule of the enrolment workflow was broken."""


class CourseFull(EnrolmentError):
    pass


class NotEligible(EnrolmentError):
    pass


class OverlapNotConfirmed(EnrolmentError):
    """The trainee already completed, or is approved in, the same programme and nobody confirmed it."""


class BatchNotConfirmed(EnrolmentError):
    """Some enrolments of a bulk approval need a confirmation; ``failures`` lists (enrolment, message).
    Nothing of the batch was decided."""

    def __init__(self, failures):
        super().__init__(BATCH_OVERLAP % {"count": len(failures)})
        self.failures = failures


def overlaps_to_confirm(enrolments) -> dict:
    """{enrolment pk: [other enrolment, …]} for the enrolments whose approval needs a confirmation
    (``overlap_needs_confirmation``). One query for all of them; each needs its ``course`` loaded."""
    found = programme_overlaps_many(pairs=[(e.trainee_id, e.course) for e in enrolments])
    result = {}
    for e in enrolments:
        others = [o for o in found.get((e.trainee_id, e.course_id), []) if overlap_needs_confirmation(o)]
        if others:
            result[e.pk] = others
    return result


def _overlap_message(others) -> str:
    return str(OVERLAP_NOT_CONFIRMED % {"overlaps": "; ".join(overlap_warning(o) for o in others)})


def _require_decider(by) -> None:
    if not can_decide(by):
        raise EnrolmentError(NOT_A_DECIDER)


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def eligibility_problem(*, trainee: Trainee, course: Course) -> str:
    """The programme's rule this trainee fails, in words, or "" when eligible."""
    programme = course.programme
    rule = programme.eligibility
    if rule == Programme.Eligibility.NOT_PARTY_MEMBER:
        if trainee.party_status != Trainee.PartyStatus.NONE:
            return str(RULE_NOT_PARTY_MEMBER)
    elif rule == Programme.Eligibility.NEW_PARTY_MEMBER:
        months = programme.eligibility_months or DEFAULT_NEW_MEMBER_MONTHS
        if trainee.party_status == Trainee.PartyStatus.NONE:
            return str(RULE_NEW_MEMBER_NOT_MEMBER)
        if trainee.party_admitted_on is None:
            return str(RULE_NEW_MEMBER_NO_DATE)
        if _months_between(trainee.party_admitted_on, course.start_date) >= months:
            when = date_format(trainee.party_admitted_on, "SHORT_DATE_FORMAT")
            return str(RULE_NEW_MEMBER_TOO_OLD % {"date": when, "months": months})
    elif rule == Programme.Eligibility.PARTY_MEMBER:
        if trainee.party_status == Trainee.PartyStatus.NONE:
            return str(RULE_PARTY_MEMBER)
    elif rule == Programme.Eligibility.COMMITTEE_MEMBER:
        if not trainee.is_committee_member:
            return str(RULE_COMMITTEE_MEMBER)
    return education_problem(trainee=trainee, programme=programme)


RULE_EDUCATION_MISSING = _("the trainee's education level is not recorded (at least grade %(grade)d/12 is required)")
RULE_EDUCATION_LOW = _("education “%(level)s” is below the required grade %(grade)d/12")
_GRADE_RE = re.compile(r"(\d{1,2})\s*/\s*(10|12)")
# Levels written in words, as staff type them on the trainee's record: the school grade they stand for.
_LEVEL_WORDS = [
    ("tiến sĩ", 12),
    ("thạc sĩ", 12),
    ("đại học", 12),
    ("cao đẳng", 12),
    ("trung cấp", 12),
    ("thpt", 12),
    ("trung học phổ thông", 12),
    ("thcs", 9),
    ("trung học cơ sở", 9),
    ("tiểu học", 5),
]


def education_grade(level: str) -> int | None:
    """The school grade a free-text education level stands for ("9/12" → 9, "12/12" → 12, "Đại học" → 12,
    "THCS" → 9; the old 10-year system "7/10" → 7 counts as THCS completed, like 9/12); None when unreadable."""
    text = (level or "").strip().lower()
    match = _GRADE_RE.search(text)
    if match:
        grade, of = int(match.group(1)), int(match.group(2))
        return grade + 2 if of == 10 and grade >= 7 else grade
    for words, grade in _LEVEL_WORDS:
        if words in text:
            return grade
    return None


def education_problem(*, trainee: Trainee, programme: Programme) -> str:
    """The programme's minimum education (``Programme.min_education_grade``, e.g. THCS for Bồi dưỡng nhận
    thức về Đảng) in words when the trainee's recorded level is missing or below it. Overridden like any
    eligibility rule: by a decider, with the reason kept on the enrolment and in the history."""
    required = programme.min_education_grade
    if not required:
        return ""
    grade = education_grade(trainee.education_level)
    if grade is None:
        return str(RULE_EDUCATION_MISSING % {"grade": required})
    if grade < required:
        return str(RULE_EDUCATION_LOW % {"level": trainee.education_level, "grade": required})
    return ""


def _check_eligibility(*, enrolment: Enrolment, by, override_reason: str) -> str:
    """Refuse an ineligible trainee unless a decider gives a reason. Returns the rule that was overridden
    ("" when the trainee is eligible); the reason is set on ``enrolment.eligibility_override``."""
    problem = eligibility_problem(trainee=enrolment.trainee, course=enrolment.course)
    if not problem:
        return ""
    override_reason = (override_reason or "").strip()
    if not override_reason:
        raise NotEligible(NOT_ELIGIBLE % {"reason": problem})
    if not can_decide(by):
        raise NotEligible(OVERRIDE_NOT_ALLOWED)
    enrolment.eligibility_override = override_reason
    return problem


def _record_override(enrolment: Enrolment, by, problem: str) -> None:
    if problem:
        audit_record(
            subject=enrolment,
            action="enrolment.eligibility_overridden",
            by=by,
            reason=enrolment.eligibility_override,
            data={"rule": problem},
        )


def _check_state(enrolment: Enrolment, allowed: tuple, action) -> None:
    if enrolment.status not in allowed:
        raise EnrolmentError(WRONG_STATE % {"status": enrolment.get_status_display(), "action": action})


@transaction.atomic
def enrolment_submit(
    *,
    trainee: Trainee,
    course: Course,
    by,
    sending_unit=None,
    nomination_number: str = "",
    nomination_date=None,
    override_reason: str = "",
) -> Enrolment:
    """Record a pending enrolment of ``trainee`` in ``course``. The programme's eligibility rule is
    checked; only a decider may override it, with a reason (recorded). When the course's enrolment is
    closed only a decider may still submit.

    Raises ``NotEligible`` or ``EnrolmentError`` (already enrolled, merged record, closed course)."""
    if trainee.merged_into_id:
        raise EnrolmentError(MERGED_TRAINEE)
    if course.status in (Course.Status.FINISHED, Course.Status.CANCELLED):
        raise EnrolmentError(COURSE_CLOSED)
    if not course.enrolment_open and not can_decide(by):
        raise EnrolmentError(ENROLMENT_CLOSED)
    if Enrolment.objects.filter(trainee=trainee, course=course).exists():
        raise EnrolmentError(ALREADY_ENROLLED)
    enrolment = Enrolment(
        trainee=trainee,
        course=course,
        sending_unit=sending_unit if sending_unit is not None else trainee.unit,
        nomination_number=(nomination_number or "").strip(),
        nomination_date=nomination_date,
        submitted_by=by if by is not None and by.is_authenticated else None,
    )
    overridden = _check_eligibility(enrolment=enrolment, by=by, override_reason=override_reason)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as exc:  # a concurrent submission of the same pair
        raise EnrolmentError(ALREADY_ENROLLED) from exc
    audit_record(
        subject=enrolment,
        action="enrolment.submitted",
        by=by,
        data={"course": course.pk, "nomination_number": enrolment.nomination_number},
    )
    _record_override(enrolment, by, overridden)
    return enrolment


class EnrolmentRowError(EnrolmentError):
    """``enrolments_submit_from_import`` refused the trainee at ``index``."""

    def __init__(self, index: int, message):
        super().__init__(message)
        self.index = index


def enrolments_submit_from_import(
    *, trainees: list[Trainee], course: Course, by, sending_unit, nomination_number: str = "", nomination_date=None
) -> list[Enrolment]:
    """``enrolment_submit`` for many trainees at once, in a few queries whatever their number (the Excel
    import): the same rules (course open, not enrolled yet, not merged, eligible; no override here), one
    pending enrolment each with the upload's sending unit and nomination document, one history entry each.
    Call it inside a transaction. Raises ``EnrolmentError`` for the course, ``EnrolmentRowError`` for a
    trainee (nothing written)."""
    if course.status in (Course.Status.FINISHED, Course.Status.CANCELLED):
        raise EnrolmentError(COURSE_CLOSED)
    if not course.enrolment_open and not can_decide(by):
        raise EnrolmentError(ENROLMENT_CLOSED)
    enrolled = set(
        Enrolment.objects.filter(course=course, trainee_id__in=[t.pk for t in trainees]).values_list(
            "trainee_id", flat=True
        )
    )
    nomination_number = (nomination_number or "").strip()
    submitted_by = by if by is not None and by.is_authenticated else None
    enrolments = []
    for index, trainee in enumerate(trainees):
        if trainee.merged_into_id:
            raise EnrolmentRowError(index, MERGED_TRAINEE)
        if trainee.pk in enrolled:
            raise EnrolmentRowError(index, ALREADY_ENROLLED)
        enrolled.add(trainee.pk)
        problem = eligibility_problem(trainee=trainee, course=course)
        if problem:
            raise EnrolmentRowError(index, NOT_ELIGIBLE % {"reason": problem})
        enrolments.append(
            Enrolment(
                trainee=trainee,
                course=course,
                sending_unit=sending_unit if sending_unit is not None else trainee.unit,
                nomination_number=nomination_number,
                nomination_date=nomination_date,
                submitted_by=submitted_by,
            )
        )
    try:
        with transaction.atomic():
            created = Enrolment.objects.bulk_create(enrolments)
    except IntegrityError as exc:  # a concurrent submission of one of the pairs
        raise EnrolmentError(ALREADY_ENROLLED) from exc
    audit_record_many(
        subjects=created,
        action="enrolment.submitted",
        by=by,
        data={"course": course.pk, "nomination_number": nomination_number},
    )
    return created


def _approved_count(course_id: int) -> int:
    return Enrolment.objects.filter(course_id=course_id, status=Enrolment.Status.APPROVED).count()


def _decide(enrolment: Enrolment, status: str, by, reason: str = "") -> None:
    enrolment.status = status
    enrolment.decided_by = by
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = reason
    fields = ["status", "decided_by", "decided_at", "decision_reason", "eligibility_override"]
    if status != Enrolment.Status.APPROVED and enrolment.class_role:
        enrolment.class_role = ""  # a class officer who leaves the class leaves the office too
        fields.append("class_role")
    enrolment.save(update_fields=fields)


def _lock_course(course_id: int) -> Course:
    """The course row, locked until the transaction ends: approvals of one course run one at a time."""
    return Course.objects.select_related("programme").select_for_update(of=("self",)).get(pk=course_id)


def enrolment_approve(
    *,
    enrolment: Enrolment,
    by,
    when_full: str = WHEN_FULL_REFUSE,
    override_reason: str = "",
    confirm_overlap: bool = False,
) -> Enrolment:
    """Approve a pending or waitlisted enrolment of a course that is not finished or cancelled
    (``EnrolmentError(COURSE_CLOSED)``). The eligibility rule is checked again (a decider may
    override it with a reason). A trainee who already completed, or is approved in, the same programme
    is approved only with ``confirm_overlap`` (else ``OverlapNotConfirmed``; the confirmation is recorded).
    The course row is locked, then approved seats are counted, so
    capacity is never exceeded even when two people approve at once. When the course is full the
    enrolment is refused (``CourseFull``) or, with ``when_full="waitlist"``, put on the waiting list."""
    _require_decider(by)
    with transaction.atomic():
        course = _lock_course(enrolment.course_id)
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("trainee").get(pk=enrolment.pk)
        enrolment.course = course
        was = enrolment.status
        _check_state(enrolment, (Enrolment.Status.PENDING, Enrolment.Status.WAITLISTED), _("approved"))
        if course.status in (Course.Status.FINISHED, Course.Status.CANCELLED):
            # Nothing to approve into: no seat, no timetable, and no portal login for it.
            raise EnrolmentError(COURSE_CLOSED)
        overridden = _check_eligibility(enrolment=enrolment, by=by, override_reason=override_reason)
        others = overlaps_to_confirm([enrolment]).get(enrolment.pk, [])
        if others and not confirm_overlap:
            raise OverlapNotConfirmed(_overlap_message(others))
        if _approved_count(course.pk) >= course.capacity:
            if when_full == WHEN_FULL_WAITLIST:
                if was != Enrolment.Status.WAITLISTED:
                    full = str(COURSE_FULL % {"capacity": course.capacity})
                    _decide(enrolment, Enrolment.Status.WAITLISTED, by, full)
                    audit_record(subject=enrolment, action="enrolment.waitlisted", by=by, reason=full)
                return enrolment
            raise CourseFull(COURSE_FULL % {"capacity": course.capacity})
        _decide(enrolment, Enrolment.Status.APPROVED, by)
        trainee_account_ensure(trainee=enrolment.trainee, by=by)  # a portal login (trainee portal, issue 7)
        action = "enrolment.promoted" if was == Enrolment.Status.WAITLISTED else "enrolment.approved"
        confirmed = [f"{o.course.code}: {overlap_warning(o)}" for o in others]
        audit_record(
            subject=enrolment, action=action, by=by, data={"overlaps_confirmed": confirmed} if others else None
        )
        _record_override(enrolment, by, overridden)
        _notify_on_commit(enrolment, "approved")
    return enrolment


def enrolment_promote(*, enrolment: Enrolment, by, confirm_overlap: bool = False) -> Enrolment:
    """Move a waitlisted enrolment to approved when a seat is free (after a withdrawal).
    Raises ``CourseFull`` when there is still no seat, ``OverlapNotConfirmed`` as ``enrolment_approve``."""
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.WAITLISTED:
        raise EnrolmentError(WRONG_STATE % {"status": enrolment.get_status_display(), "action": _("promoted")})
    return enrolment_approve(enrolment=enrolment, by=by, when_full=WHEN_FULL_REFUSE, confirm_overlap=confirm_overlap)


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    """Reject a pending or waitlisted enrolment; a reason is required and e-mailed to the trainee."""
    _require_decider(by)
    reason = (reason or "").strip()
    if not reason:
        raise EnrolmentError(REASON_REQUIRED)
    enrolment = Enrolment.objects.select_for_update().select_related("trainee", "course").get(pk=enrolment.pk)
    _check_state(enrolment, (Enrolment.Status.PENDING, Enrolment.Status.WAITLISTED), _("rejected"))
    _decide(enrolment, Enrolment.Status.REJECTED, by, reason)
    audit_record(subject=enrolment, action="enrolment.rejected", by=by, reason=reason)
    _notify_on_commit(enrolment, "rejected")
    return enrolment


@transaction.atomic
def enrolment_waitlist(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """Put a pending enrolment on the waiting list."""
    _require_decider(by)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _check_state(enrolment, (Enrolment.Status.PENDING,), _("put on the waiting list"))
    _decide(enrolment, Enrolment.Status.WAITLISTED, by, (reason or "").strip())
    audit_record(subject=enrolment, action="enrolment.waitlisted", by=by, reason=(reason or "").strip())
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    """Withdraw an approved enrolment (reason required); its seat becomes free for the waiting list."""
    _require_decider(by)
    reason = (reason or "").strip()
    if not reason:
        raise EnrolmentError(REASON_REQUIRED)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _check_state(enrolment, (Enrolment.Status.APPROVED,), _("withdrawn"))
    _decide(enrolment, Enrolment.Status.WITHDRAWN, by, reason)
    audit_record(subject=enrolment, action="enrolment.withdrawn", by=by, reason=reason)
    return enrolment


def enrolments_decide(
    *,
    enrolments,
    action: str,
    by,
    reason: str = "",
    when_full: str = WHEN_FULL_REFUSE,
    overrides=None,
    confirmed=(),
):
    """Decide several enrolments at once with one reason. Each is decided in its own transaction, so
    one refusal (e.g. the course filled up) does not undo the others. ``overrides`` maps an enrolment's
    pk to the reason for overriding the eligibility rule on approval. Returns (done, failures) where
    failures is a list of (enrolment, message).

    On approval, an enrolment whose trainee already completed, or is approved in, the same programme
    needs its pk in ``confirmed``; when any such enrolment is not confirmed, nothing is decided and
    ``BatchNotConfirmed`` lists each of them with the reason."""
    overrides = overrides or {}
    confirmed = set(confirmed)
    _require_decider(by)
    if action == "reject" and not (reason or "").strip():
        raise EnrolmentError(REASON_REQUIRED)
    enrolments = list(enrolments)
    if action == "approve":
        loaded = Enrolment.objects.select_related("course").in_bulk([e.pk for e in enrolments])
        to_confirm = overlaps_to_confirm(list(loaded.values()))
        unconfirmed = [
            (e, _overlap_message(to_confirm[e.pk])) for e in enrolments if e.pk in to_confirm and e.pk not in confirmed
        ]
        if unconfirmed:
            raise BatchNotConfirmed(unconfirmed)
    done, failures = [], []
    for enrolment in enrolments:
        try:
            if action == "approve":
                done.append(
                    enrolment_approve(
                        enrolment=enrolment,
                        by=by,
                        when_full=when_full,
                        override_reason=overrides.get(enrolment.pk, ""),
                        confirm_overlap=enrolment.pk in confirmed,
                    )
                )
            elif action == "reject":
                done.append(enrolment_reject(enrolment=enrolment, by=by, reason=reason))
            elif action == "waitlist":
                done.append(enrolment_waitlist(enrolment=enrolment, by=by, reason=reason))
            else:
                raise ValueError(action)
        except EnrolmentError as exc:
            failures.append((enrolment, exc.message))
    return done, failures


def _notify_on_commit(enrolment: Enrolment, kind: str) -> None:
    if not enrolment.trainee.email:
        return
    from trainees.enrolment import emails as emails

    send = emails.send_enrolment_approved if kind == "approved" else emails.send_enrolment_rejected
    transaction.on_commit(lambda: send(enrolment_id=enrolment.pk))


class BatchError(EnrolmentError):
    """Some trainees of a batch could not be enrolled; ``failures`` lists (trainee, message). Nothing
    of the batch was written."""

    def __init__(self, failures):
        super().__init__(BATCH_FAILED % {"count": len(failures)})
        self.failures = failures


BATCH_FAILED = _("%(count)s of the selected trainees cannot be enrolled; nobody was enrolled.")
BATCH_EMPTY = _("Select at least one trainee.")


def enrolments_submit_many(
    *, trainees, course: Course, by, nomination_number: str = "", nomination_date=None, overrides=None
) -> list:
    """Submit several trainees to ``course`` with one nomination document, each through
    ``enrolment_submit`` (sending unit: the trainee's unit; ``overrides`` maps a trainee's pk to the
    reason for overriding the eligibility rule). All or nothing: when any trainee is refused, nothing
    is written and ``BatchError`` lists every refusal."""
    trainees = list(trainees)
    if not trainees:
        raise EnrolmentError(BATCH_EMPTY)
    overrides = overrides or {}
    done, failures = [], []
    with transaction.atomic():
        for trainee in trainees:
            try:
                with transaction.atomic():
                    done.append(
                        enrolment_submit(
                            trainee=trainee,
                            course=course,
                            by=by,
                            nomination_number=nomination_number,
                            nomination_date=nomination_date,
                            override_reason=overrides.get(trainee.pk, ""),
                        )
                    )
            except EnrolmentError as exc:
                failures.append((trainee, exc.message))
        if failures:
            transaction.set_rollback(True)
    if failures:
        raise BatchError(failures)
    return done
