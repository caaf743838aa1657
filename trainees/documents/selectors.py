"""Reads for the printed documents. Each runs a fixed number of queries, however many trainees."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from center.models import Unit
from center.text import collation_key
from courses.models import Course, Session
from trainees.models import Enrolment

ROSTER_RELATIONS = ("trainee", "trainee__unit", "sending_unit")


def course_for_documents(pk) -> Course:
    """The course with what a document header shows already joined (raises Course.DoesNotExist)."""
    return Course.objects.select_related("programme", "room", "homeroom_teacher").get(pk=pk)


def _enrolments(course: Course, status: str) -> QuerySet:
    return (
        Enrolment.objects.filter(course=course, status=status)
        .select_related(*ROSTER_RELATIONS)
        .order_by("trainee__sort_key", "trainee__pk")
    )


def course_sessions(course: Course) -> QuerySet:
    """The course's sessions in time order (the sign-in sheet's columns): one query."""
    return Session.objects.filter(course=course).order_by("date", "start_time", "pk")


def enrolment_unit(enrolment: Enrolment) -> Unit | None:
    """The unit a roster shows: the one that sent the trainee, else the trainee's own unit."""
    return enrolment.sending_unit or enrolment.trainee.unit


@dataclass
class UnitGroup:
    unit: Unit | None
    enrolments: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else ""


def group_by_unit(enrolments: Iterable[Enrolment]) -> list[UnitGroup]:
    """Enrolments (already in name order) grouped by unit; units in Vietnamese order, no unit last."""
    groups: dict[int | None, UnitGroup] = {}
    for enrolment in enrolments:
        unit = enrolment_unit(enrolment)
        groups.setdefault(unit.pk if unit else None, UnitGroup(unit=unit)).enrolments.append(enrolment)
    return sorted(groups.values(), key=lambda g: (g.unit is None, collation_key(g.name), g.unit.pk if g.unit else 0))


def course_pending_by_unit(course: Course) -> list[UnitGroup]:
    """The course's enrolments awaiting the director's decision, grouped by unit: one query."""
    return group_by_unit(_enrolments(course, Enrolment.Status.PENDING))


def course_roster_by_unit(course: Course) -> list[UnitGroup]:
    """The course's approved trainees grouped by the unit that sent them (summons, results notices): one query."""
    return group_by_unit(Enrolment.objects.roster(course))
