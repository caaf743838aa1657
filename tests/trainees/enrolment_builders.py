"""Courses for the enrolment tests, built directly (the courses area owns its own factories)."""

import datetime
import itertools

from courses.models import Course, Programme

_seq = itertools.count(1)


def make_programme(*, eligibility=Programme.Eligibility.ANYONE, months=None, **kwargs) -> Programme:
    n = next(_seq)
    defaults = {
        "kind": Programme.Kind.KNOWLEDGE_UPDATE,
        "name": "Cập nhật kiến thức xây dựng Đảng",
        "code": f"CNKT-{n}",
        "days": 3,
        "eligibility": eligibility,
        "eligibility_months": months,
    }
    defaults.update(kwargs)
    return Programme.objects.create(**defaults)


def make_course(*, programme=None, capacity=30, status=Course.Status.OPEN, **kwargs) -> Course:
    n = next(_seq)
    start = kwargs.pop("start_date", datetime.date(2026, 12, 7))
    return Course.objects.create(
        code=kwargs.pop("code", f"LOP-{n:03d}"),
        title=kwargs.pop("title", f"Lớp cập nhật kiến thức khóa {n}"),
        programme=programme or make_programme(),
        start_date=start,
        end_date=kwargs.pop("end_date", start + datetime.timedelta(days=2)),
        capacity=capacity,
        status=status,
        enrolment_open=True,
        **kwargs,
    )


def awareness_programme() -> Programme:
    return make_programme(
        eligibility=Programme.Eligibility.NOT_PARTY_MEMBER,
        kind=Programme.Kind.PARTY_AWARENESS,
        name="Bồi dưỡng nhận thức về Đảng",
    )
