"""Uploaded workbooks cannot exhaust the server: members are checked before parsing (size, ratio), rows and
columns are counted while streaming, each step reads the file once and outside the write transaction, a
list without the "Đơn vị" column previews, and uploads are kept in the database, never under MEDIA_ROOT.
(``python -m tests.bench uploads`` measures the full-size files: 617 KB → 636 MB, and a million rows.)"""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from tests.builders import make_course
from tests.factories import UnitFactory
from tests.trainees import hostile_workbooks
from tests.trainees.import_files import HEADER, trainee_rows, workbook_bytes
from trainees.enrolment import imports, workbook
from trainees.models import Enrolment, ImportUpload

pytestmark = pytest.mark.django_db


def _read_measured(data):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        imports.import_read(data=data)
        outcome = "read"
    except imports.ImportFileError as exc:
        outcome = exc.message
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, elapsed, peak


def test_a_tiny_file_with_a_huge_shared_string_is_refused_before_parsing():
    data = hostile_workbooks.huge_shared_string(24)  # 24 MB of text in a ~25 KB file
    outcome, elapsed, peak = _read_measured(data)
    assert outcome == str(imports.FILE_UNPACKS_TOO_LARGE)
    assert elapsed < 1 and peak < 5 * 1024 * 1024


def test_a_member_that_lies_about_its_size_cannot_unpack_more():
    outcome, _elapsed, peak = _read_measured(hostile_workbooks.lying_sizes(16))
    assert outcome == str(imports.FILE_INVALID)
    assert peak < 5 * 1024 * 1024


def test_rows_outside_the_known_columns_are_counted_and_reading_stops_early():
    data = hostile_workbooks.many_rows(60_000)
    outcome, elapsed, peak = _read_measured(data)
    assert outcome == str(imports.FILE_TOO_MANY_ROWS % {"max": imports.MAX_ROWS})
    assert elapsed < 5 and peak < 20 * 1024 * 1024


def test_values_far_to_the_right_are_refused():
    rows = trainee_rows(2)
    rows[1] += [""] * (workbook.MAX_COLUMNS + 5) + ["x"]
    outcome, _elapsed, _peak = _read_measured(workbook_bytes(rows))
    assert outcome == str(imports.FILE_TOO_MANY_COLUMNS % {"max": workbook.MAX_COLUMNS})


def test_a_member_too_compressed_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/styles.xml", " " * (2 * 1024 * 1024))  # 2 MB of spaces: ratio ≈ 1000
    assert _read_measured(buffer.getvalue())[0] == str(imports.FILE_UNPACKS_TOO_LARGE)


def test_a_list_without_the_unit_column_previews(client, clerk):
    header = [h for h in HEADER if h != "Đơn vị"]
    rows = [[value for i, value in enumerate(row) if HEADER[i] != "Đơn vị"] for row in trainee_rows(2)]
    course = make_course()
    client.force_login(clerk)
    response = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", workbook_bytes(rows, header=header))},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "import-confirm" in page.content.decode()


def test_an_upload_is_kept_in_the_database_never_under_media(client, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    course = make_course()
    client.force_login(clerk)
    client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", workbook_bytes(trainee_rows(1)))},
    )
    assert ImportUpload.objects.count() == 1
    assert not any(tmp_path.rglob("*"))


def test_a_huge_upload_through_the_page_is_a_message(client, clerk):
    course = make_course()
    client.force_login(clerk)
    data = hostile_workbooks.huge_shared_string(24)
    response = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", data)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(imports.FILE_UNPACKS_TOO_LARGE)]
    assert not ImportUpload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_each_step_reads_the_file_once_and_outside_any_transaction(client, clerk, monkeypatch):
    reads = []
    real = workbook.read_rows

    def spy(*args, **kwargs):
        reads.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "read_rows", spy)
    course = make_course()
    client.force_login(clerk)
    data = workbook_bytes(trainee_rows(3))
    preview_url = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", data)},
    )["Location"]
    assert reads == [False]
    client.get(preview_url)
    assert reads == [False, False]
    assert client.post(preview_url, {"confirm": "1"}).status_code == 302
    assert reads == [False, False, False]
    assert Enrolment.objects.filter(course=course).count() == 3


def test_a_refused_confirmation_reads_the_file_once(client, clerk, monkeypatch):
    reads = []
    real = workbook.read_rows
    monkeypatch.setattr(imports, "read_rows", lambda *a, **k: reads.append(1) or real(*a, **k))
    course = make_course()
    client.force_login(clerk)
    preview_url = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", workbook_bytes(trainee_rows(2)))},
    )["Location"]
    # Someone imports the same list meanwhile: the confirmation finds nothing left to import.
    imports.import_commit(data=workbook_bytes(trainee_rows(2)), course=course, by=clerk, sending_unit=UnitFactory())
    reads.clear()
    response = client.post(preview_url, {"confirm": "1"})
    assert response.status_code == 200 and reads == [1]
