"""The director's pages as the records grow: the statistics page, the year report's page and the dashboard, with one
year of data and then with ten (200 classes × 40 learners a year: 80 000 enrolments at ten years).

Prints each page's time (best of BENCH_REPORT_RUNS) and query count at one year and at ten, and the ratio; the bar
(issue 14): each under 1 s at ten years on PostgreSQL and within 2× of the same page with one year of data.

    DATABASE_URL=postgres://… .venv/bin/python -m tests.bench reports
    (BENCH_REPORT_YEARS, BENCH_REPORT_CLASSES per year, BENCH_REPORT_LEARNERS per class, BENCH_REPORT_RUNS)
"""

import datetime
import os
import random
import time

from tests.bench.harness import run_in_test_database

YEARS = int(os.environ.get("BENCH_REPORT_YEARS", "10"))
CLASSES = int(os.environ.get("BENCH_REPORT_CLASSES", "200"))
LEARNERS = int(os.environ.get("BENCH_REPORT_LEARNERS", "40"))
RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "5"))
LAST_YEAR = 2026


def main() -> None:
    run_in_test_database(_run)


def _seed_year(year: int, programmes, units, trainees, rng) -> None:
    from django.utils import timezone

    from courses.models import Course
    from trainees.models import Enrolment

    courses = Course.objects.bulk_create(
        Course(
            code=f"B{year}-{n:03d}",
            title=f"Lớp {n} năm {year}",
            programme=programmes[n % len(programmes)],
            start_date=datetime.date(year, 1 + n % 12, 1 + n % 27),
            end_date=datetime.date(year, 1 + n % 12, 1 + n % 27) + datetime.timedelta(days=1),
            capacity=LEARNERS,
            status=Course.Status.FINISHED,
            public_token=f"bench-{year}-{n}",
        )
        for n in range(CLASSES)
    )
    confirmed = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(
            trainee=trainees[(course.pk * LEARNERS + i) % len(trainees)],
            course=course,
            sending_unit=units[i % len(units)],
            status=Enrolment.Status.APPROVED,
            completion=Enrolment.Completion.COMPLETED if rng.random() < 0.85 else Enrolment.Completion.NOT_COMPLETED,
            completion_confirmed_at=confirmed,
        )
        for course in courses
        for i in range(LEARNERS)
    )


def _time(client, path: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return best, len(queries)


def _run() -> None:
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client

    from center.models import Center, Unit
    from center.text import fold, name_sort_key
    from courses.models import Programme
    from trainees.models import Trainee, TrainingReport

    rng = random.Random(14)
    Center.objects.create(name="Trung tâm Chính trị xã Long Hồ", parent_body="ĐẢNG ỦY XÃ LONG HỒ", place_name="Long Hồ")
    programmes = [
        Programme.objects.create(kind="other", code=f"P{n}", name=f"Chương trình bồi dưỡng số {n}") for n in range(8)
    ]
    units = Unit.objects.bulk_create(Unit(name=f"Chi bộ số {n}") for n in range(30))
    trainees = Trainee.objects.bulk_create(
        Trainee(
            family_name="Nguyễn Văn",
            given_name=f"An {n}",
            gender=rng.choice(["male", "female"]),
            ethnicity=rng.choice(["Kinh", "Kinh", "Kinh", "Khmer", "Hoa"]),
            party_status=rng.choice(["none", "full", "probationary"]),
            search_name=fold(f"Nguyễn Văn An {n}"),
            sort_key=name_sort_key(f"An {n}", "Nguyễn Văn"),
        )
        for n in range(20_000)
    )
    TrainingReport.objects.create(year=LAST_YEAR, span="year")
    director = User.objects.create_user("giamdoc", password="x")
    director.groups.add(Group.objects.get(name="director"))
    client = Client()
    client.force_login(director)
    pages = {
        "statistics": f"/reports/statistics/?period=year&year={LAST_YEAR}",
        "year report": f"/reports/{LAST_YEAR}/year/",
        "dashboard": "/",
    }
    _seed_year(LAST_YEAR, programmes, units, trainees, rng)
    one = {name: _time(client, path) for name, path in pages.items()}
    for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR):
        _seed_year(year, programmes, units, trainees, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    many = {name: _time(client, path) for name, path in pages.items()}
    print(
        f"Reports ({connection.vendor}): {CLASSES} classes × {LEARNERS} learners a year; "
        f"1 year = {CLASSES * LEARNERS} enrolments, {YEARS} years = {CLASSES * LEARNERS * YEARS}; best of {RUNS}"
    )
    for name in pages:
        (t1, q1), (tn, qn) = one[name], many[name]
        print(
            f"  {name:<12} 1 year {t1 * 1000:7.1f} ms ({q1} queries)   {YEARS} years {tn * 1000:7.1f} ms ({qn} queries)"
            f"   ratio {tn / t1:4.2f}   (bar: < 1000 ms, ratio < 2)"
        )
