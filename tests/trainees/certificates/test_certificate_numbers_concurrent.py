"""Register numbers stay unique and gapless when several people issue at the same moment.

On PostgreSQL: 8 threads issue 100 certificates, one transaction each; the counter row lock makes them
queue. The control runs the same race with the lock taken out (and a barrier so that every thread reads
the counter before any writes it): the threads then reserve the same numbers. On SQLite (one writer at a
time) the same issuing runs single-threaded.
"""

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection, transaction

from courses.models import Course
from tests.builders import completed, make_course
from tests.concurrency import run_in_threads
from trainees.certificates import services as svc
from trainees.models import Certificate, CertificateCounter

ISSUED_ON = datetime.date(2026, 12, 17)
THREADS = 8
TOTAL = 100


def _run_threads(target, enrolments):
    return run_in_threads(target, enrolments, threads=THREADS)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_issue_100_consecutive_numbers(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrolments = completed(course, TOTAL, by=director)

    errors = _run_threads(lambda e: svc.certificate_issue(enrolment=e, by=director, issued_on=ISSUED_ON), enrolments)

    assert errors == []
    numbers = sorted(Certificate.objects.filter(year=2026).values_list("number", flat=True))
    assert numbers == list(range(1, TOTAL + 1))
    assert CertificateCounter.objects.get(year=2026).last_number == TOTAL


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_threads_take_the_same_numbers(director, monkeypatch):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrolments = completed(course, THREADS, by=director)
    CertificateCounter.objects.create(year=2026, last_number=0)
    barrier = threading.Barrier(THREADS, timeout=30)
    reserved: list[int] = []

    def unlocked_reserve(*, year, count, kind=None):
        counter = CertificateCounter.objects.get(year=year)  # no FOR UPDATE
        barrier.wait()  # every thread has read the same last_number
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
        reserved.extend(range(first, first + count))
        return range(first, first + count)

    monkeypatch.setattr(svc, "_reserve_numbers", unlocked_reserve)
    errors = _run_threads(lambda e: svc.certificate_issue(enrolment=e, by=director, issued_on=ISSUED_ON), enrolments)

    duplicates = [n for n, times in Counter(reserved).items() if times > 1]
    assert duplicates == [1]
    # Only the unique constraint stopped the duplicates from reaching the register.
    assert len(errors) == THREADS - 1
    assert Certificate.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_issuing_one_by_one_gives_consecutive_numbers(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrolments = completed(course, TOTAL if connection.vendor == "sqlite" else 20, by=director)
    for enrolment in enrolments:
        with transaction.atomic():
            svc.certificate_issue(enrolment=enrolment, by=director, issued_on=ISSUED_ON)
    numbers = list(Certificate.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(enrolments) + 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_directors_issuing_one_course_at_once_issue_each_certificate_once(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    completed(course, 20, by=director)
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list = []

    def issue():
        try:
            barrier.wait()
            outcomes.append(len(svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)))
        except svc.CertificateError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes, key=str) == sorted([20, str(svc.ERROR_NOTHING_TO_ISSUE)], key=str)
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 21))
