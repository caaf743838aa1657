"""40 directors' clicks at once on a 30-seat course: the course row lock keeps it at exactly 30.

PostgreSQL only (row locks); each thread has its own connection. The control test switches the lock
off and holds every thread between counting the seats and writing, so it overbooks every time: the
main test can fail if the lock is lost."""

import threading

import pytest
from django.db import connection

from courses.models import Course
from tests.builders import make_course
from tests.factories import TraineeFactory
from trainees.enrolment import services as svc
from trainees.models import Enrolment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 40
SEATS = 30


def _course_with_pending():
    course = make_course(capacity=SEATS)
    trainees = TraineeFactory.create_batch(THREADS)
    Enrolment.objects.bulk_create([Enrolment(trainee=t, course=course) for t in trainees])
    return course, list(Enrolment.objects.filter(course=course))


def _approve_all_at_once(enrolments, by, **kwargs):
    start = threading.Barrier(len(enrolments))
    outcomes = []
    lock = threading.Lock()

    def work(enrolment):
        try:
            start.wait(timeout=30)
            result = svc.enrolment_approve(enrolment=enrolment, by=by, **kwargs)
            outcome = result.status
        except svc.CourseFull:
            outcome = "full"
        except Exception as exc:  # noqa: BLE001 — reported in the assertion
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=work, args=(e,)) for e in enrolments]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


@pytest.mark.parametrize("when_full", [svc.WHEN_FULL_REFUSE, svc.WHEN_FULL_WAITLIST])
def test_forty_concurrent_approvals_fill_exactly_thirty_seats_ten_times(director, when_full):
    for _run in range(10):
        course, enrolments = _course_with_pending()
        outcomes = _approve_all_at_once(enrolments, director, when_full=when_full)
        refused = "full" if when_full == svc.WHEN_FULL_REFUSE else Enrolment.Status.WAITLISTED
        assert sorted(outcomes) == sorted([Enrolment.Status.APPROVED] * SEATS + [refused] * (THREADS - SEATS))
        assert Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED).count() == SEATS


def test_without_the_lock_the_same_run_overbooks(director, monkeypatch):
    course, enrolments = _course_with_pending()
    between_count_and_write = threading.Barrier(THREADS)
    count = svc._approved_count

    def count_then_wait(course_id):
        seen = count(course_id)
        between_count_and_write.wait(timeout=30)
        return seen

    monkeypatch.setattr(svc, "_approved_count", count_then_wait)
    monkeypatch.setattr(svc, "_lock_course", lambda course_id: Course.objects.get(pk=course_id))  # no FOR UPDATE
    outcomes = _approve_all_at_once(enrolments, director)
    approved = Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED).count()
    assert approved == THREADS > SEATS, outcomes
