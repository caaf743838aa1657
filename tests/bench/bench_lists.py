"""Lists that grow with the data: the approval queue and the course list with few rows and with many.

Builds a throw-away test database, fills it in two steps and times the first page of each list, as the
director, after each step (best of ``BENCH_ROUNDS``):
- approval queue: 10 pending enrolments, then 1 000;
- course list: 20 courses, then 2 000;
- trainee list: the first page and the last (page 400) of 20 000 trainees.
A paginated list costs about the same at both sizes; one that renders every row grows with them.

    .venv/bin/python -m tests.bench lists        (or: make bench)
"""

import os
import time

from tests.bench.harness import run_in_test_database

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def main() -> None:
    run_in_test_database(_run)


def _time(client, url) -> tuple[float, int]:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return min(times), len(response.content)


def _run() -> None:
    import datetime

    from django.test import Client
    from django.urls import reverse

    from courses.models import Course
    from tests.factories import CenterFactory, ProgrammeFactory, TraineeFactory, UnitFactory, UserFactory
    from trainees.models import Enrolment

    CenterFactory()
    director = UserFactory(username="giamdoc", roles=["director"])
    client = Client()
    client.force_login(director)
    unit = UnitFactory(name="Đảng ủy xã Phú Hưng")
    programme = ProgrammeFactory()

    def add_courses(count: int, start: int) -> list:
        courses = [
            Course(
                code=f"BENCH.{start + i:04d}",
                title=f"Lớp bồi dưỡng lý luận chính trị khóa {start + i}",
                programme=programme,
                start_date=datetime.date(2026, 1, 5) + datetime.timedelta(days=(start + i) % 700),
                end_date=datetime.date(2026, 1, 9) + datetime.timedelta(days=(start + i) % 700),
                capacity=60,
                status="open",
            )
            for i in range(count)
        ]
        return Course.objects.bulk_create(courses)

    def add_pending(count: int, courses: list) -> None:
        trainees = TraineeFactory.create_batch(count, unit=unit)
        Enrolment.objects.bulk_create(
            Enrolment(trainee=t, course=courses[i % len(courses)], sending_unit=unit) for i, t in enumerate(trainees)
        )

    queue, course_list = reverse("approval_queue"), reverse("course_list")
    courses = add_courses(20, 0)
    add_pending(10, courses[:2])
    small_queue = _time(client, queue)
    small_list = _time(client, course_list)
    courses += add_courses(1980, 20)
    add_pending(990, courses[:40])
    large_queue = _time(client, queue)
    large_list = _time(client, course_list)
    from trainees.models import Trainee
    from trainees.records.services import trainee_derive

    given = ["An", "Bình", "Châu", "Dũng", "Đức", "Hòa", "Hương", "Khánh", "Lan", "Ơn", "Thảo", "Ưng", "Ánh", "Yến"]
    family = ["Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Minh", "Huỳnh Thị", "Võ Quốc", "Đặng Thị", "Bùi Đức"]
    Trainee.objects.bulk_create(
        (
            trainee_derive(
                Trainee(
                    family_name=family[i % len(family)],
                    given_name=given[(i // len(family)) % len(given)],
                    date_of_birth=datetime.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                    unit=unit,
                )
            )
            for i in range(20_000 - Trainee.objects.count())
        ),
        batch_size=2000,
    )
    trainees = reverse("trainee_list")
    first_page = _time(client, trainees)
    last_page = _time(client, trainees + "?page=400")
    print(
        f"trainee list, 20 000 trainees: page 1 {first_page[0] * 1000:.0f} ms, page 400 {last_page[0] * 1000:.0f} ms:"
        f" {last_page[0] / first_page[0]:.1f}×"
    )
    for name, (small, small_size), (large, large_size), (few, many) in (
        ("approval queue", small_queue, large_queue, ("10 pending", "1 000 pending")),
        ("course list", small_list, large_list, ("20 courses", "2 000 courses")),
    ):
        print(
            f"{name}: {few} {small * 1000:.0f} ms ({small_size / 1e3:.0f} kB), {many} {large * 1000:.0f} ms"
            f" ({large_size / 1e3:.0f} kB): {large / small:.1f}×"
        )


if __name__ == "__main__":
    main()
