"""The hand-counted year that the statistics, the dashboard and the report tests share."""

import datetime
from decimal import Decimal

import pytest

from courses.models import Course
from tests.builders import enrol, make_certificate, make_course, make_programme, make_trainee, make_unit
from trainees.models import Certificate, Enrolment, Trainee

CONFIRMED = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)


def _learner(course, unit, *, completed=False, failed=False, **fields):
    """``completed`` or ``failed``: the director confirmed it; neither: not decided yet."""
    trainee = make_trainee(unit=unit, **fields)
    completion = Enrolment.Completion.COMPLETED if completed else Enrolment.Completion.NOT_COMPLETED if failed else ""
    return enrol(
        trainee,
        course,
        sending_unit=unit,
        score=Decimal("8.0") if completed else None,
        completion=completion,
        completion_confirmed_at=CONFIRMED if completed or failed else None,
    )


@pytest.fixture
def year_2026():
    """Hand-counted: programme A has two classes (January, finished: 3 learners, 2 completed, 1 withdrawn;
    March, in progress: 2 learners), programme B one (July, finished: 1 learner, completed). A cancelled
    class in February and a 2025 class count nowhere. Units: Xã Một 4 learners, Xã Hai 2. Two certificates
    of 2026 and a reissue (not counted again)."""
    a, b = make_programme(code="A", name="Chương trình A"), make_programme(code="B", name="Chương trình B")
    one, two = make_unit("Xã Một"), make_unit("Xã Hai")
    a1 = make_course(programme=a, code="A1", status=Course.Status.FINISHED, start_date=datetime.date(2026, 1, 12))
    a2 = make_course(programme=a, code="A2", status=Course.Status.IN_PROGRESS, start_date=datetime.date(2026, 3, 2))
    b1 = make_course(programme=b, code="B1", status=Course.Status.FINISHED, start_date=datetime.date(2026, 7, 6))
    cancelled = make_course(programme=a, code="C", status=Course.Status.CANCELLED, start_date=datetime.date(2026, 2, 2))
    old = make_course(programme=a, code="OLD", status=Course.Status.FINISHED, start_date=datetime.date(2025, 5, 5))

    full = Trainee.PartyStatus.FULL
    first = _learner(a1, one, completed=True, gender="female", ethnicity="Kinh", party_status=full)
    second = _learner(a1, one, completed=True, gender="female", ethnicity="Khmer", party_status=full)
    _learner(a1, two, failed=True, gender="male", ethnicity="Kinh")
    enrol(make_trainee(unit=one), a1, status=Enrolment.Status.WITHDRAWN)
    _learner(a2, one, gender="male", ethnicity="Kinh")
    _learner(a2, two, gender="female", ethnicity="Kinh", party_status=Trainee.PartyStatus.PROBATIONARY)
    _learner(b1, one, completed=True, gender="", ethnicity="", party_status=full)
    _learner(cancelled, one, completed=True)
    _learner(old, one, completed=True)
    old_certificate = make_certificate(first, status=Certificate.Status.REPLACED)
    make_certificate(second)
    make_certificate(first, replaces=old_certificate)
