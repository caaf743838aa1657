"""Hostile and normal uploads of a unit's list, through the import pages, each in a process of its own so
its peak memory can be read: the 617 KB workbook holding a 636 MB shared string, the 4.9 MB workbook with a
million rows outside the known columns, and a clean 2000-row list (upload, preview, confirm: the confirmation
also writes 2000 trainees and enrolments, which the bar leaves out). Prints each
step's time (wall and CPU: the CPU figure does not depend on what else the machine runs) and the process's
peak memory above what it used before the upload. The bar (issue 17): under 200 MB and 5 s for any upload.

    .venv/bin/python -m tests.bench uploads
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_MB = 200
LIMIT_SECONDS = 5.0


def _files(folder: Path) -> dict:
    from tests.trainees import hostile_workbooks
    from tests.trainees.import_files import trainee_rows, workbook_bytes

    clean = trainee_rows(2000)
    for i, row in enumerate(clean):  # a date of birth of its own for each row: no "same person twice"
        row[2] = (datetime.date(1960, 1, 1) + datetime.timedelta(days=7 * i)).strftime("%d/%m/%Y")
    made = {
        "huge shared string": lambda: hostile_workbooks.huge_shared_string(636),
        "million rows": lambda: hostile_workbooks.many_rows(1_000_000),
        "2000-row list": lambda: workbook_bytes(clean),
    }
    paths = {}
    for name, make in made.items():
        path = folder / (name.replace(" ", "-") + ".xlsx")
        path.write_bytes(make())
        paths[name] = str(path)
    return paths


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[2] == "--one":
        _one(sys.argv[3], sys.argv[4])
        return
    with tempfile.TemporaryDirectory() as folder:
        files = _files(Path(folder))
        failed = False
        for name, path in files.items():
            size = os.path.getsize(path)
            result = subprocess.run(
                [sys.executable, "-m", "tests.bench", "uploads", "--one", name, path],
                capture_output=True,
                text=True,
            )
            line = next((x for x in result.stdout.splitlines() if x.startswith("{")), None)
            if line is None:
                print(f"{name}: failed\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
                failed = True
                continue
            figures = json.loads(line)
            steps = ", ".join(
                f"{step} {seconds:.2f} s, CPU {cpu:.2f} s ({status})" for step, seconds, cpu, status in figures["steps"]
            )
            # The bar is for reading a file; confirming a clean list also writes its trainees and enrolments
            # (python -m tests.bench import times that).
            ok = figures["peak_mb"] < LIMIT_MB and all(
                cpu < LIMIT_SECONDS for name, _t, cpu, _st in figures["steps"] if name != "confirm"
            )
            failed |= not ok
            print(
                f"uploads: {name} ({size / 1024:.0f} KB): {steps}; peak memory +{figures['peak_mb']:.0f} MB "
                f"(bar: < {LIMIT_MB} MB, < {LIMIT_SECONDS:.0f} s CPU to read a file) {'OK' if ok else 'TOO MUCH'}"
            )
            if figures.get("message"):
                print(f"  {figures['message']}")
    if failed:
        raise SystemExit(1)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _one(name: str, path: str) -> None:
    from tests.bench.harness import run_in_test_database

    run_in_test_database(lambda: _flow(name, Path(path).read_bytes()))


def _flow(name: str, data: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from tests.builders import make_course
    from tests.factories import CenterFactory, UnitFactory, UserFactory

    translation.activate("vi")
    CenterFactory()
    clerk = UserFactory(username="canbo", roles=["clerk"])
    sender = UnitFactory(name="Đảng ủy xã Phú Hưng")
    course = make_course(capacity=2100)
    client = Client(raise_request_exception=False)
    client.force_login(clerk)
    client.get(reverse("import_upload", args=[course.pk]))  # warm up: templates, translations
    before = _peak_mb()
    steps, message = [], ""

    def step(name, send):
        started, cpu = time.perf_counter(), time.process_time()
        response = send()
        steps.append((name, time.perf_counter() - started, time.process_time() - cpu, response.status_code))
        return response

    upload = SimpleUploadedFile("danh-sach.xlsx", data)
    response = step(
        "upload", lambda: client.post(reverse("import_upload", args=[course.pk]), {"file": upload, "unit": sender.pk})
    )
    if response.status_code == 200 and response.context and response.context.get("form") is not None:
        message = " ".join(response.context["form"].errors.get("file", []))
    if response.status_code == 302:
        preview = response["Location"]
        step("preview", lambda: client.get(preview))
        step("confirm", lambda: client.post(preview, {"confirm": "1"}))
    print(json.dumps({"name": name, "steps": steps, "peak_mb": _peak_mb() - before, "message": message}))
