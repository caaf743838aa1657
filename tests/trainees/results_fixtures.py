"""Builders for the attendance/results/certificates tests: a finished course with sessions and approved
trainees. Plain functions (not factories) so they do not depend on other areas' in-progress factories."""

import datetime
from decimal import Decimal

from center.models import Unit
from center.text import fold, name_sort_key
from courses.models import Course, Programme, Session
from staff.models import StaffMember
from trainees.models import Enrolment, Trainee

FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Minh", "Huỳnh Thị", "Võ Quốc", "Đặng Thị", "Bùi Đức"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Đức", "Hòa", "Hương", "Khánh", "Lan", "Ơn", "Thảo", "Ưng", "Ánh", "Bảo"]

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def make_programme(**kwargs) -> Programme:
    n = _next()
    defaults = {
        "kind": Programme.Kind.NEW_MEMBER,
        "name": "Lý luận chính trị cho đảng viên mới",
        "code": f"DVM-{n}",
        "days": 5,
        "min_attendance_percent": 80,
        "min_score": Decimal("5.0"),
    }
    defaults.update(kwargs)
    return Programme.objects.create(**defaults)


def make_course(*, programme=None, sessions: int = 4, lecturer: StaffMember | None = None, **kwargs) -> Course:
    n = _next()
    programme = programme or make_programme()
    start = kwargs.pop("start_date", datetime.date(2026, 11, 2))
    course = Course.objects.create(
        code=kwargs.pop("code", f"DVM-2026-{n:02d}"),
        title=kwargs.pop("title", f"Lớp lý luận chính trị cho đảng viên mới khóa {n}"),
        programme=programme,
        start_date=start,
        end_date=kwargs.pop("end_date", start + datetime.timedelta(days=4)),
        capacity=kwargs.pop("capacity", 80),
        status=kwargs.pop("status", Course.Status.FINISHED),
        **kwargs,
    )
    for i in range(sessions):
        Session.objects.create(
            course=course,
            date=start + datetime.timedelta(days=i // 2),
            part_of_day=Session.PartOfDay.MORNING if i % 2 == 0 else Session.PartOfDay.AFTERNOON,
            start_time=datetime.time(7, 30) if i % 2 == 0 else datetime.time(13, 30),
            end_time=datetime.time(11, 0) if i % 2 == 0 else datetime.time(17, 0),
            title=f"Chuyên đề {i + 1}",
            lecturer=lecturer,
        )
    return course


def make_trainee(n: int | None = None, **kwargs) -> Trainee:
    n = _next() if n is None else n
    family = kwargs.pop("family_name", FAMILY[n % len(FAMILY)])
    given = kwargs.pop("given_name", GIVEN[n % len(GIVEN)])
    unit = kwargs.pop("unit", None)
    if unit is None:
        unit, _ = Unit.objects.get_or_create(name="Đảng ủy xã Phú Hưng")
    return Trainee.objects.create(
        family_name=family,
        given_name=given,
        date_of_birth=kwargs.pop("date_of_birth", datetime.date(1985 + n % 15, 1 + n % 12, 1 + n % 28)),
        unit=unit,
        search_name=fold(f"{family} {given}"),
        sort_key=name_sort_key(given, family),
        **kwargs,
    )


def enrol(course: Course, trainee: Trainee | None = None, **kwargs) -> Enrolment:
    trainee = trainee or make_trainee()
    return Enrolment.objects.create(
        trainee=trainee,
        course=course,
        sending_unit=trainee.unit,
        status=kwargs.pop("status", Enrolment.Status.APPROVED),
        **kwargs,
    )


def completed(course: Course, count: int, *, by=None) -> list[Enrolment]:
    """``count`` approved enrolments whose completion the director confirmed, with a score."""
    from django.utils import timezone

    return [
        enrol(
            course,
            score=Decimal("8.5"),
            grade=Enrolment.Grade.GOOD,
            completion=Enrolment.Completion.COMPLETED,
            completion_confirmed_by=by,
            completion_confirmed_at=timezone.now(),
        )
        for _ in range(count)
    ]
