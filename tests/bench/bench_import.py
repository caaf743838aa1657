"""Excel import of a unit's list: 2 000 rows (the most a file may hold), one bad date on row 317, then the fixed file.

Builds a throw-away test database, then
1. checks the file with the bad date: nothing is written and row 317 / "Ngày sinh" is named;
2. imports the fixed file (parse + create the trainees and a pending enrolment each, one transaction)
and prints the times. Issue 18's bar: 2 000 rows confirmed in under 3 seconds.

    .venv/bin/python -m tests.bench import        (or: make bench)
"""

import os
import time

from tests.bench.harness import run_in_test_database

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "2000"))
LIMIT_SECONDS = 3.0


def main() -> None:
    run_in_test_database(_run)


def _run() -> None:
    from django.db import connection
    from django.utils import translation

    from tests.builders import make_course
    from tests.factories import CenterFactory, UnitFactory, UserFactory
    from tests.trainees.import_files import trainee_rows, workbook_bytes
    from trainees.enrolment.imports import ImportFileError, import_commit, import_parse
    from trainees.models import Enrolment, Trainee

    translation.activate("vi")
    CenterFactory()
    clerk = UserFactory(username="canbo", roles=["clerk"])
    sender = UnitFactory(name="Đảng ủy xã Phú Hưng")
    course = make_course(capacity=ROWS + 10)
    rows = trainee_rows(ROWS)
    for i, row in enumerate(rows):  # a birthday of its own for each row: no two rows are the same person
        row[2] = f"{1 + i % 28:02d}/{1 + (i // 28) % 12:02d}/{1960 + i // 336}"
    bad_row = min(317, ROWS + 1)
    rows[bad_row - 2][2] = "31/02/1985"

    started = time.perf_counter()
    preview = import_parse(data=workbook_bytes(rows), course=course)
    checked = time.perf_counter() - started
    try:
        import_commit(data=workbook_bytes(rows), course=course, by=clerk, sending_unit=sender)
    except ImportFileError:
        pass
    written = Trainee.objects.count() + Enrolment.objects.count()
    print(f"import ({connection.vendor}): {ROWS} rows with a bad date on row {bad_row}: checked in {checked:.2f} s")
    for number, column, message in preview.errors[:5]:
        print(f"  dòng {number}, cột “{column}”: {message}")
    print(f"  rows written: {written}")
    assert written == 0 and [(n, c) for n, c, _m in preview.errors] == [(bad_row, "Ngày sinh")]

    rows[bad_row - 2][2] = "28/02/1985"
    data = workbook_bytes(rows)
    started = time.perf_counter()
    result = import_commit(data=data, course=course, by=clerk, sending_unit=sender)
    elapsed = time.perf_counter() - started
    enrolled = Enrolment.objects.filter(course=course, status="pending").count()
    verdict = "OK" if elapsed < LIMIT_SECONDS and enrolled == ROWS else "TOO SLOW"
    print(
        f"import ({connection.vendor}): fixed file, {len(result.rows)} rows → {Trainee.objects.count()} trainees, "
        f"{enrolled} pending enrolments in {elapsed:.2f} s (bar: < {LIMIT_SECONDS:.0f} s) {verdict}"
    )
