"""The year's training plan: drafting its lines, the director's approval (issued as a numbered document, "KH"),
reopening it for a correction, and the plan set against what actually happened.

Learners enrolled and completed are counted by the trainees app, which plugs its counter in with
``register_plan_actuals`` (courses never imports trainees)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.audit import audit_for, audit_record
from center.errors import PortalError
from center.models import Center
from courses.models import Course, IssuedDocument, PlanLine, TrainingPlan
from courses.register import current_document, issue_document

ERROR_NOT_DRAFT = _("The plan has been approved: the director reopens it before it can be changed.")
ERROR_NO_LINES = _("Add at least one planned class before approving the plan.")
ERROR_NOT_APPROVED = _("The plan has not been approved.")
ERROR_REASON = _("Give the reason for reopening the plan.")
ERROR_YEAR = _("Choose a year between 2000 and 2100.")
ERROR_PLAN_EXISTS = _("The plan of %(year)s already exists.")
ERROR_LINE_PROGRAMME = _("The course's programme is not the programme of this line of the plan.")
ERROR_LINE_YEAR = _("This line belongs to the plan of %(year)s; the course starts in %(start)s.")

ACTION_LABELS = {
    "plan.created": _("Training plan drafted"),
    "plan.lines_saved": _("Planned classes changed"),
    "plan.approved": _("Training plan approved and issued"),
    "plan.reopened": _("Training plan reopened for changes"),
}

# Statuses of a course that count as a class held or being held (a planned course is not opened yet).
OPENED = (Course.Status.OPEN, Course.Status.IN_PROGRESS, Course.Status.FINISHED)

_ACTUALS: list[Callable[[list[int]], dict[int, tuple[int, int]]]] = []


def register_plan_actuals(fn: Callable[[list[int]], dict[int, tuple[int, int]]]) -> None:
    """``fn(course_ids) -> {course_id: (learners enrolled, learners completed)}``."""
    if fn not in _ACTUALS:
        _ACTUALS.append(fn)


class PlanError(PortalError):
    pass


@transaction.atomic
def plan_create(*, year: int, by) -> TrainingPlan:
    if not 2000 <= year <= 2100:
        raise PlanError(ERROR_YEAR)
    if TrainingPlan.objects.filter(year=year).exists():
        raise PlanError(ERROR_PLAN_EXISTS % {"year": year})
    plan = TrainingPlan.objects.create(year=year)
    audit_record(subject=plan, action="plan.created", by=by)
    return plan


def _lock(plan: TrainingPlan) -> TrainingPlan:
    return TrainingPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_save_lines(*, plan: TrainingPlan, formset, by) -> None:
    """Save the plan's lines from a valid ``PlanLineFormSet`` (added, changed and deleted lines) and its note;
    a draft only. Deleting a line that courses point to leaves those courses outside the plan."""
    plan = _lock(plan)
    if plan.status != TrainingPlan.Status.DRAFT:
        raise PlanError(ERROR_NOT_DRAFT)
    formset.instance = plan
    formset.save()
    audit_record(subject=plan, action="plan.lines_saved", by=by, data={"lines": plan.lines.count()})


def _plan_context(plan: TrainingPlan) -> dict:
    lines = list(plan.lines.select_related("programme").order_by("quarter", "programme__name"))
    return {
        "center": Center.load(),
        "plan": plan,
        "lines": lines,
        "total_classes": sum(line.classes for line in lines),
        "total_learners": sum(line.learners for line in lines),
        "doc_code": "KH",
        "title": "KẾ HOẠCH",
        "subtitle": f"đào tạo, bồi dưỡng năm {plan.year}",
        "recipients": ["Thường trực cấp ủy (để báo cáo),", "Các chi bộ, đơn vị (để phối hợp),", "Lưu văn phòng."],
    }


@transaction.atomic
def plan_approve(*, plan: TrainingPlan, by, issued_on: datetime.date | None = None) -> IssuedDocument:
    """The director approves the draft plan: it is issued as a numbered plan (KH) dated ``issued_on`` (today when
    not given); a plan approved before and reopened is issued again, replacing the earlier document."""
    plan = _lock(plan)
    if plan.status != TrainingPlan.Status.DRAFT:
        raise PlanError(ERROR_NOT_DRAFT)
    if not plan.lines.exists():
        raise PlanError(ERROR_NO_LINES)
    context = _plan_context(plan)
    previous = current_document(kind=IssuedDocument.Kind.TRAINING_PLAN, plan=plan)
    reason = ""
    if previous is not None:
        reopened = plan_last_reopen_reason(plan)
        reason = str(_("Plan reopened: %(reason)s") % {"reason": reopened or "—"})
    document = issue_document(
        kind=IssuedDocument.Kind.TRAINING_PLAN,
        issued_on=issued_on or timezone.localdate(),
        subject=context["subtitle"],
        template="print/training_plan_body.html",
        context=context,
        by=by,
        replaces=previous,
        reason=reason,
        plan=plan,
    )
    plan.status = TrainingPlan.Status.APPROVED
    plan.approved_by = by if by is not None and by.is_authenticated else None
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(subject=plan, action="plan.approved", by=by, data={"document": document.number_text})
    return document


def plan_last_reopen_reason(plan: TrainingPlan) -> str:
    entry = audit_for(plan).filter(action="plan.reopened").first()
    return entry.reason if entry else ""


@transaction.atomic
def plan_reopen(*, plan: TrainingPlan, by, reason: str) -> None:
    """The director reopens an approved plan to change it (audited with the reason); approving it again issues
    a new plan document in place of the one in force."""
    reason = (reason or "").strip()
    if not reason:
        raise PlanError(ERROR_REASON)
    plan = _lock(plan)
    if plan.status != TrainingPlan.Status.APPROVED:
        raise PlanError(ERROR_NOT_APPROVED)
    plan.status = TrainingPlan.Status.DRAFT
    plan.save(update_fields=["status"])
    audit_record(subject=plan, action="plan.reopened", by=by, reason=reason)


def plan_document(plan: TrainingPlan) -> IssuedDocument | None:
    return current_document(kind=IssuedDocument.Kind.TRAINING_PLAN, plan=plan)


def check_plan_line(*, line: PlanLine | None, programme, start_date: datetime.date | None) -> str | None:
    """Why ``line`` cannot be the plan line of a course of ``programme`` starting on ``start_date``, or None."""
    if line is None:
        return None
    if programme is not None and line.programme_id != programme.pk:
        return str(ERROR_LINE_PROGRAMME)
    if start_date is not None and line.plan.year != start_date.year:
        return str(ERROR_LINE_YEAR % {"year": line.plan.year, "start": start_date.year})
    return None


# Plan against actual -------------------------------------------------------------------------------------


@dataclass
class Figures:
    planned_classes: int = 0
    planned_learners: int = 0
    opened: int = 0
    finished: int = 0
    enrolled: int = 0
    completed: int = 0
    courses: list = field(default_factory=list)

    def add_course(self, course: Course, enrolled: int, completed: int) -> None:
        self.courses.append(course)
        if course.status in OPENED:
            self.opened += 1
            self.enrolled += enrolled
            self.completed += completed
        if course.status == Course.Status.FINISHED:
            self.finished += 1

    def add(self, other: "Figures") -> None:
        for name in ("planned_classes", "planned_learners", "opened", "finished", "enrolled", "completed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def classes_share(self) -> int | None:
        return round(100 * self.opened / self.planned_classes) if self.planned_classes else None

    @property
    def learners_share(self) -> int | None:
        return round(100 * self.enrolled / self.planned_learners) if self.planned_learners else None


@dataclass
class PlanFigures:
    lines: list[tuple[PlanLine, Figures]]
    outside: Figures  # courses of the year linked to no line
    total: Figures


def plan_figures(plan: TrainingPlan) -> PlanFigures:
    """Each line's planned classes and learners against the courses linked to it: classes opened (open, in
    progress or finished) and finished, learners enrolled (approved) and completed (confirmed) in the opened
    ones; the courses of the year outside the plan apart. Cancelled courses count nowhere. A fixed number of
    queries."""
    lines = list(plan.lines.select_related("programme").order_by("quarter", "programme__name"))
    courses = list(
        Course.objects.filter(start_date__year=plan.year)
        .exclude(status=Course.Status.CANCELLED)
        .select_related("programme", "plan_line")
        .order_by("start_date", "code")
    )
    counts: dict[int, tuple[int, int]] = {}
    for fn in _ACTUALS:
        counts.update(fn([c.pk for c in courses]))
    by_line = {line.pk: Figures(planned_classes=line.classes, planned_learners=line.learners) for line in lines}
    outside = Figures()
    for course in courses:
        enrolled, completed = counts.get(course.pk, (0, 0))
        target = by_line.get(course.plan_line_id) if course.plan_line_id else None
        (target or outside).add_course(course, enrolled, completed)
    total = Figures()
    for figures in [*by_line.values(), outside]:
        total.add(figures)
    return PlanFigures(lines=[(line, by_line[line.pk]) for line in lines], outside=outside, total=total)
