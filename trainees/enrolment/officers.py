"""The class's officers: the homeroom lecturer (chủ nhiệm, on the course), the class administrator (giáo vụ, a
staff member, on the course) and the ban cán sự — one monitor (lớp trưởng) and one or two deputies (lớp phó) —
named among the approved trainees. Every change is in the course's history; the decision naming them is a
numbered document (trainees.documents.issuing)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from center.audit import audit_for, audit_record
from center.errors import PortalError
from courses.models import Course
from staff.models import StaffMember
from trainees.models import Enrolment

MAX_DEPUTIES = 2

ACTION_LABELS = {"class.officers_named": _("Class officers named")}

ERROR_NOT_IN_CLASS = _("%(name)s is not an approved trainee of this class.")
ERROR_TWICE = _("%(name)s is named twice: one person holds one office.")
ERROR_TOO_MANY_DEPUTIES = _("A class has at most %(count)s deputy monitors.")
ERROR_DEPUTY_WITHOUT_MONITOR = _("Name the class monitor before the deputies.")
ERROR_CANCELLED = _("The course was cancelled.")
ERROR_NOTHING_CHANGED = _("Nothing changed.")


class OfficersError(PortalError):
    pass


@dataclass(frozen=True)
class ClassOfficers:
    homeroom_teacher: StaffMember | None
    administrator: StaffMember | None
    monitor: Enrolment | None
    deputies: list[Enrolment]

    @property
    def named(self) -> bool:
        return self.monitor is not None

    def summary(self) -> dict:
        """What the history records: names, so that it reads the same after a trainee is renamed."""
        return {
            "administrator": self.administrator.full_name if self.administrator else "",
            "monitor": self.monitor.trainee.full_name if self.monitor else "",
            "deputies": [d.trainee.full_name for d in self.deputies],
        }


def class_officers(course: Course) -> ClassOfficers:
    """The officers of ``course`` as they stand (two queries: the course's staff are joined by the caller or
    loaded here)."""
    officers = list(
        Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED)
        .exclude(class_role="")
        .select_related("trainee", "trainee__unit", "sending_unit")
        .order_by("trainee__sort_key", "pk")
    )
    return ClassOfficers(
        homeroom_teacher=course.homeroom_teacher if course.homeroom_teacher_id else None,
        administrator=course.academic_officer if course.academic_officer_id else None,
        monitor=next((e for e in officers if e.class_role == Enrolment.ClassRole.MONITOR), None),
        deputies=[e for e in officers if e.class_role == Enrolment.ClassRole.DEPUTY],
    )


def changed_since(course: Course, decision) -> bool:
    """True when the officers were named again after ``decision`` (the decision in force names others)."""
    return decision is not None and (
        audit_for(course).filter(action="class.officers_named", at__gt=decision.created_at).exists()
    )


@transaction.atomic
def class_officers_set(
    *, course: Course, administrator: StaffMember | None, monitor: Enrolment | None, deputies, by
) -> ClassOfficers:
    """Name the class administrator, the monitor and up to ``MAX_DEPUTIES`` deputies of ``course``; those who
    held an office and are not named lose it. Raises OfficersError."""
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    if course.status == Course.Status.CANCELLED:
        raise OfficersError(ERROR_CANCELLED)
    deputies = [d for d in deputies if d is not None]
    if len(deputies) > MAX_DEPUTIES:
        raise OfficersError(ERROR_TOO_MANY_DEPUTIES % {"count": MAX_DEPUTIES})
    if deputies and monitor is None:
        raise OfficersError(ERROR_DEPUTY_WITHOUT_MONITOR)
    named = ([monitor] if monitor is not None else []) + deputies
    approved = {
        e.pk: e
        for e in Enrolment.objects.filter(
            course=course, status=Enrolment.Status.APPROVED, pk__in=[e.pk for e in named]
        ).select_related("trainee")
    }
    seen = set()
    for enrolment in named:
        if enrolment.pk not in approved:
            raise OfficersError(ERROR_NOT_IN_CLASS % {"name": enrolment.trainee.full_name})
        if enrolment.pk in seen:
            raise OfficersError(ERROR_TWICE % {"name": enrolment.trainee.full_name})
        seen.add(enrolment.pk)
    before = class_officers(course)
    roles = {e.pk: Enrolment.ClassRole.DEPUTY for e in deputies}
    if monitor is not None:
        roles[monitor.pk] = Enrolment.ClassRole.MONITOR
    # Clear first: the one-monitor-per-course constraint holds at every statement.
    Enrolment.objects.filter(course=course).exclude(class_role="").exclude(pk__in=list(roles)).update(class_role="")
    Enrolment.objects.filter(course=course, class_role=Enrolment.ClassRole.MONITOR).exclude(
        pk=monitor.pk if monitor is not None else None
    ).update(class_role="")
    for pk, role in sorted(roles.items(), key=lambda item: item[1] != Enrolment.ClassRole.DEPUTY):
        Enrolment.objects.filter(pk=pk).update(class_role=role)
    course.academic_officer = administrator
    course.save(update_fields=["academic_officer"])
    after = class_officers(course)
    if after.summary() == before.summary():
        raise OfficersError(ERROR_NOTHING_CHANGED)
    audit_record(subject=course, action="class.officers_named", by=by, data=after.summary())
    return after
