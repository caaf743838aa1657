"""A phone's first visit (the login page, then the trainee's timetable): every file it downloads, raw and
as WhiteNoise sends it compressed, and the total against the budget of 250 kB (tests/phone_visit.py).

    .venv/bin/python -m tests.bench phone
"""

from tests.bench.harness import run_in_test_database


def main() -> None:
    run_in_test_database(_run)


def _run() -> None:
    from django.test import Client

    from tests.phone_visit import first_visit, report, trainee_with_a_timetable

    trainee_with_a_timetable("hocvien", "mat-khau-dai-1")
    print("A phone's first visit: login page, log in, My timetable")
    print(report(first_visit(Client(), username="hocvien", password="mat-khau-dai-1")))


if __name__ == "__main__":
    main()
