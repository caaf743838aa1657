import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.builders import awareness_programme, make_course
from tests.factories import TraineeFactory, UnitFactory
from tests.trainees.import_files import trainee_rows, workbook_bytes
from trainees.enrolment import imports as imports
from trainees.models import Enrolment, ImportUpload, Trainee

pytestmark = pytest.mark.django_db


def _upload(client, course, data: bytes, name="danh-sach.xlsx", **extra):
    extra.setdefault("unit", UnitFactory().pk)  # the sending unit is part of every upload
    return client.post(
        reverse("import_upload", args=[course.pk]),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_a_500_row_file_with_one_bad_date_on_row_317_writes_nothing_and_names_the_row(clerk):
    course = make_course(capacity=600)
    rows = trainee_rows(500)
    rows[315][2] = "31/02/1985"  # data row 316 is on sheet row 317 (the header is row 1)
    data = workbook_bytes(rows)

    preview = imports.import_parse(data=data, course=course)
    assert not preview.ok
    assert preview.errors == [
        (317, "Ngày sinh", "“31/02/1985” không phải là ngày hợp lệ; hãy ghi theo dạng dd/mm/yyyy.")
    ]
    with pytest.raises(imports.ImportFileError):
        imports.import_commit(data=data, course=course, by=clerk, sending_unit=UnitFactory())
    assert Trainee.objects.count() == 0 and Enrolment.objects.count() == 0

    rows[315][2] = "28/02/1985"
    preview = imports.import_commit(data=workbook_bytes(rows), course=course, by=clerk, sending_unit=UnitFactory())
    assert preview.count("new") == 500
    assert Enrolment.objects.filter(course=course, status="pending").count() == 500
    assert Trainee.objects.get(citizen_id="079100000315").date_of_birth.isoformat() == "1985-02-28"


def test_rows_are_matched_by_citizen_id_or_by_name_and_birthday():
    course = make_course()
    by_id = TraineeFactory(citizen_id="079100000000", family_name="Khác", given_name="Tên")
    rows = trainee_rows(3)
    by_name = TraineeFactory(family_name="Trần Thị", given_name="An", citizen_id=None)
    by_name.date_of_birth = __import__("datetime").date(1971, 2, 2)
    by_name.save()
    preview = imports.import_parse(data=workbook_bytes(rows), course=course)
    assert [r.status for r in preview.rows] == ["matched", "matched", "new"]
    assert preview.rows[0].trainee == by_id
    assert preview.rows[1].trainee == by_name


def test_each_kind_of_bad_cell_is_reported_with_its_column():
    course = make_course()
    UnitFactory(name="Đảng ủy xã Phú Hưng")
    rows = trainee_rows(6)
    rows[0][1] = "Hùng"
    rows[1][3] = "Khác"
    rows[2][4] = "Xã không có"
    rows[3][7] = "12345"
    rows[4][8] = "0791-ABC"
    rows[5][6] = "không rõ"
    preview = imports.import_parse(data=workbook_bytes(rows), course=course)
    assert [(n, c) for n, c, _m in preview.errors] == [
        (2, "Họ và tên"),
        (3, "Giới tính"),
        (4, "Đơn vị"),
        (5, "SĐT"),
        (6, "CCCD"),
        (7, "Đảng viên/ngày vào Đảng"),
    ]


def test_duplicates_inside_the_file_and_ineligible_rows_are_errors():
    course = make_course(programme=awareness_programme())
    rows = trainee_rows(3)
    rows[2][8] = rows[0][8]
    rows[1][6] = "12/05/2015"
    preview = imports.import_parse(data=workbook_bytes(rows), course=course)
    messages = dict(((n, c), m) for n, c, m in preview.errors)
    assert messages[(4, "CCCD")] == "Trùng số CCCD với dòng 2."
    assert "đã là đảng viên — không thuộc đối tượng lớp nhận thức về Đảng" in messages[(3, "Đảng viên/ngày vào Đảng")]


def test_party_column_sets_status_and_admission_date():
    course = make_course()
    rows = trainee_rows(3)
    rows[0][6], rows[1][6], rows[2][6] = "12/05/2015", "Dự bị", ""
    preview = imports.import_parse(data=workbook_bytes(rows), course=course)
    assert [r.trainee.party_status for r in preview.rows] == ["full", "probationary", "none"]
    assert preview.rows[0].trainee.party_admitted_on.isoformat() == "2015-05-12"


def test_a_title_above_the_header_and_numbers_typed_as_numbers_are_understood():
    course = make_course()
    rows = trainee_rows(1)
    rows[0][7] = 912345678  # Excel dropped the leading 0
    rows[0][8] = 79190001234  # and here too
    preview = imports.import_parse(data=workbook_bytes(rows, title_rows=3), course=course)
    assert preview.ok
    assert (preview.rows[0].number, preview.rows[0].trainee.phone) == (5, "0912345678")
    assert preview.rows[0].trainee.citizen_id == "079190001234"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a workbook at all", imports.FILE_INVALID),
        (b"PK\x03\x04broken zip", imports.FILE_INVALID),
        (b"x" * (imports.MAX_BYTES + 1), imports.FILE_TOO_LARGE),
        (workbook_bytes([[1, "Nguyễn Văn An"]], header=["STT", "Tên"]), imports.FILE_NO_HEADER),
        (workbook_bytes([]), imports.FILE_EMPTY),
    ],
)
def test_unreadable_files_are_refused_with_a_message(data, message):
    with pytest.raises(imports.ImportFileError) as exc:
        imports.import_parse(data=data, course=make_course())
    assert exc.value.message == str(message)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    with pytest.raises(imports.ImportFileError) as exc:
        imports.import_parse(data=workbook_bytes(trainee_rows(11)), course=make_course())
    assert exc.value.message == str(imports.FILE_TOO_MANY_ROWS % {"max": 10})


def test_the_template_downloads_and_reads_back(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Đơn vị",
        "Chức vụ",
        "Đảng viên/ngày vào Đảng",
        "SĐT",
        "CCCD",
    ]
    assert imports.import_parse(data=response.content, course=make_course()).ok


def test_upload_preview_confirm_through_the_pages(client, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    unit = UnitFactory(name="Đảng ủy xã Phú Hưng")
    course = make_course()
    client.force_login(clerk)
    response = _upload(client, course, workbook_bytes(trainee_rows(3)), unit=unit.pk, nomination_number="12-CV/ĐU")
    assert response.status_code == 302
    preview_url = response.url
    page = client.get(preview_url).content.decode()
    assert "import-confirm" in page and Trainee.objects.count() == 0
    # Another session (even the same user's) cannot reach this import.
    other = type(client)()
    other.force_login(clerk)
    assert other.get(preview_url).status_code == 404
    response = client.post(preview_url, {"confirm": "1"})
    assert response.status_code == 302
    assert Enrolment.objects.filter(course=course, sending_unit=unit, nomination_number="12-CV/ĐU").count() == 3
    assert client.get(preview_url).status_code == 404  # used up
    assert not ImportUpload.objects.exists()
    assert not tmp_path.joinpath("imports").exists()  # nothing was ever written under MEDIA_ROOT


def test_an_upload_with_errors_shows_them_and_offers_no_confirmation(client, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    course = make_course()
    rows = trainee_rows(2)
    rows[1][2] = "hôm qua"
    client.force_login(clerk)
    page = client.get(_upload(client, course, workbook_bytes(rows)).url).content.decode()
    assert "Dòng 3, cột “Ngày sinh”" in page
    assert "import-confirm" not in page


@pytest.mark.parametrize("data", [b"garbage", b"x" * (imports.MAX_BYTES + 1)])
def test_a_bad_upload_is_a_message_on_the_form_not_an_error_page(client, clerk, data):
    client.force_login(clerk)
    response = _upload(client, make_course(), data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_abandoned_uploads_are_removed_by_the_scheduled_cleanup(client, clerk):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    client.force_login(clerk)
    preview_url = _upload(client, make_course(), workbook_bytes(trainee_rows(1))).url
    old = ImportUpload.objects.get()
    _upload(client, make_course(), workbook_bytes(trainee_rows(1)))
    ImportUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - imports.IMPORT_KEEP * 2)
    out = StringIO()
    call_command("portal_cleanup", stdout=out)
    assert "Removed 1 uploaded lists" in out.getvalue()
    assert ImportUpload.objects.count() == 1
    assert client.get(preview_url).status_code == 404


def test_the_did_you_mean_unit_can_be_accepted_on_the_preview(client, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    phu_hung = UnitFactory(name="Đảng ủy xã Phú Hưng")
    UnitFactory(name="Đảng ủy xã Tân Phú")
    sender = UnitFactory(name="Đảng ủy phường 1")
    course = make_course()
    rows = trainee_rows(3)
    rows[0][4] = rows[1][4] = "Xã Phú Hưg"
    client.force_login(clerk)
    preview_url = _upload(client, course, workbook_bytes(rows), unit=sender.pk, nomination_number="7-CV/ĐU").url
    page = client.get(preview_url).content.decode()
    assert "import-confirm" not in page
    assert page.count('data-testid="unit-choice"') == 1  # one choice per unknown value, not per row
    assert f'<option value="{phu_hung.pk}">Đảng ủy xã Phú Hưng</option>' in page

    # A value the file does not have is refused; nothing changes.
    response = client.post(preview_url, {"map_unit": "1", "value": "Xã khác", "unit": phu_hung.pk}, follow=True)
    assert "Tệp không có đơn vị lạ “Xã khác”" in response.content.decode()
    assert "import-confirm" not in response.content.decode()

    response = client.post(preview_url, {"map_unit": "1", "value": "xã phú hưg", "unit": phu_hung.pk})
    assert response.status_code == 302 and response.url == preview_url
    assert Trainee.objects.count() == 0 and Enrolment.objects.count() == 0  # nothing written before confirming
    page = client.get(preview_url).content.decode()
    assert "import-confirm" in page and 'data-testid="unit-choice"' not in page
    assert "“Xã Phú Hưg” được hiểu là Đảng ủy xã Phú Hưng" in page

    client.post(preview_url, {"confirm": "1"})
    got = {e.trainee.citizen_id: e for e in Enrolment.objects.select_related("trainee")}
    assert [got[row[8]].trainee.unit for row in rows] == [phu_hung, phu_hung, sender]
    assert {(e.sending_unit, e.nomination_number) for e in got.values()} == {(sender, "7-CV/ĐU")}


def test_the_unit_choices_can_be_undone(client, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    phu_hung = UnitFactory(name="Đảng ủy xã Phú Hưng")
    rows = trainee_rows(1)
    rows[0][4] = "Xã Phú Hưg"
    client.force_login(clerk)
    preview_url = _upload(client, make_course(), workbook_bytes(rows)).url
    client.post(preview_url, {"map_unit": "1", "value": "Xã Phú Hưg", "unit": phu_hung.pk})
    assert "import-confirm" in client.get(preview_url).content.decode()
    client.post(preview_url, {"unmap_units": "1"})
    page = client.get(preview_url).content.decode()
    assert "import-confirm" not in page and 'data-testid="unit-choice"' in page


def test_the_upload_form_asks_for_the_sending_unit_and_the_preview_shows_the_document(
    client, clerk, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    course = make_course()
    client.force_login(clerk)
    response = _upload(client, course, workbook_bytes(trainee_rows(1)), unit="")
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    sender = UnitFactory(name="Đảng ủy phường 1")
    url = _upload(client, course, workbook_bytes(trainee_rows(1)), unit=sender.pk, nomination_number="9-CV/ĐU").url
    page = client.get(url).content.decode()
    assert "Đảng ủy phường 1" in page and "9-CV/ĐU" in page
