"""The import understands the forms clerks write (Party column, unit names), skips people already
enrolled, and warns about other enrolments in the same programme."""

import datetime
import io

import pytest
from django.utils import timezone

from tests.builders import make_course, make_programme
from tests.factories import TraineeFactory, UnitFactory
from tests.trainees.import_files import trainee_rows, workbook_bytes
from trainees.enrolment import imports as imports
from trainees.models import Enrolment, Trainee
from trainees.records import services as trainee_svc

pytestmark = pytest.mark.django_db

PARTY = "Đảng viên/ngày vào Đảng"


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _parse(rows, course=None, **kwargs):
    return imports.import_parse(data=workbook_bytes(rows), course=course or make_course(), **kwargs)


@pytest.mark.parametrize(
    ("cell", "status", "admitted"),
    [
        ("", "none", None),
        ("Không", "none", None),
        ("chưa", "none", None),
        ("Dự bị", "probationary", None),
        ("Đảng viên dự bị", "probationary", None),
        ("Chính thức", "full", None),
        ("Đảng viên chính thức", "full", None),
        ("Đảng viên", "full", None),
        ("Dự bị, {recent}", "probationary", "recent"),
        ("Dự bị {recent}", "probationary", "recent"),
        ("Dự bị - {recent}", "probationary", "recent"),
        ("Đảng viên dự bị\n{recent}", "probationary", "recent"),
        ("Đảng viên {recent}", "probationary", "recent"),
        ("Đảng viên {old}", "full", "old"),
        ("Chính thức, {old}", "full", "old"),
        ("Đảng viên chính thức - {old}", "full", "old"),
        ("{old}", "full", "old"),
        ("{recent}", "probationary", "recent"),
    ],
)
def test_the_party_column_accepts_the_natural_forms(cell, status, admitted):
    dates = {"recent": _ago(100), "old": _ago(3000)}
    rows = trainee_rows(1)
    rows[0][6] = cell.format(recent=_d(dates["recent"]), old=_d(dates["old"]))
    preview = _parse(rows)
    assert preview.errors == []
    trainee = preview.rows[0].trainee
    assert trainee.party_status == status
    assert trainee.party_admitted_on == (dates[admitted] if admitted else None)


def test_a_date_alone_says_in_the_row_which_status_was_derived():
    rows = trainee_rows(2)
    rows[0][6], rows[1][6] = _d(_ago(100)), _d(_ago(3000))
    preview = _parse(rows)
    assert preview.rows[0].warnings == [str(trainee_svc.PARTY_DERIVED_PROBATIONARY)]
    assert preview.rows[1].warnings == [str(trainee_svc.PARTY_DERIVED_FULL)]
    assert "dự bị" in preview.rows[0].warnings[0]


def test_a_real_excel_date_cell_is_a_member_with_that_date():
    rows = trainee_rows(2)
    rows[0][6] = datetime.datetime.combine(_ago(3000), datetime.time())
    rows[1][6] = _ago(100)
    preview = _parse(rows)
    assert preview.errors == []
    assert [(r.trainee.party_status, r.trainee.party_admitted_on) for r in preview.rows] == [
        ("full", _ago(3000)),
        ("probationary", _ago(100)),
    ]


def test_an_unknown_party_cell_lists_the_accepted_forms():
    rows = trainee_rows(1)
    rows[0][6] = "đang chờ kết nạp"
    preview = _parse(rows)
    [(row, column, message)] = preview.errors
    assert (row, column) == (2, PARTY)
    assert "“đang chờ kết nạp”" in message and "Dự bị, 10/06/2026" in message and "Chính thức" in message


def test_party_dates_are_checked_full_too_early_future_before_adulthood_are_errors():
    rows = trainee_rows(4)
    rows[0][6] = f"Chính thức, {_d(_ago(100))}"
    rows[1][6] = f"Dự bị {_d(timezone.localdate() + datetime.timedelta(days=5))}"
    rows[2][2], rows[2][6] = "01/01/1990", "Đảng viên 01/01/2005"
    rows[3][6] = f"Dự bị {_d(_ago(800))}"  # stale record: a warning only
    preview = _parse(rows)
    errors = {n: m for n, _c, m in preview.errors}
    assert set(errors) == {2, 3, 4}
    assert "chưa đủ 12 tháng" in errors[2]
    assert "tương lai" in errors[3]
    assert "18 tuổi" in errors[4]
    assert preview.rows[3].status == "new" and "hơn 12 tháng" in preview.rows[3].warnings[0]


def test_the_upload_sends_every_row_and_each_row_s_unit_is_the_trainee_s_own(clerk):
    phu_hung = UnitFactory(name="Đảng ủy xã Phú Hưng")
    tan_phu = UnitFactory(name="Đảng ủy xã Tân Phú")
    sender = UnitFactory(name="Đảng ủy phường 1")
    course = make_course()
    rows = trainee_rows(4)
    rows[0][4] = "ĐU xã Phú Hưng"
    rows[1][4] = "  dang uy  XA tan phu "
    rows[2][4] = "Xã Tân Phú"
    rows[3][4] = ""
    data = workbook_bytes(rows)
    preview = imports.import_parse(data=data, course=course, default_unit=sender)
    assert preview.errors == []
    assert [r.unit for r in preview.rows] == [phu_hung, tan_phu, tan_phu, sender]
    imports.import_commit(
        data=data,
        course=course,
        by=clerk,
        sending_unit=sender,
        nomination_number="12-CV/ĐU",
        nomination_date=datetime.date(2026, 3, 2),
    )
    got = {e.trainee.citizen_id: e for e in Enrolment.objects.select_related("trainee", "trainee__unit")}
    assert [got[row[8]].trainee.unit for row in rows] == [phu_hung, tan_phu, tan_phu, sender]
    # One upload, one sending unit, one document: the approval list never shows a document under four units.
    assert {(e.sending_unit, e.nomination_number, e.nomination_date) for e in got.values()} == {
        (sender, "12-CV/ĐU", datetime.date(2026, 3, 2))
    }


def test_an_import_without_a_sending_unit_is_refused_and_writes_nothing(clerk):
    course = make_course()
    with pytest.raises(imports.ImportFileError) as caught:
        imports.import_commit(data=workbook_bytes(trainee_rows(2)), course=course, by=clerk, sending_unit=None)
    assert caught.value.message == str(imports.SENDING_UNIT_REQUIRED)
    assert Trainee.objects.count() == 0 and Enrolment.objects.count() == 0


def test_an_unknown_unit_is_an_error_with_close_matches_or_the_list():
    UnitFactory(name="Đảng ủy xã Phú Hưng")
    UnitFactory(name="Đảng ủy xã Tân Phú")
    rows = trainee_rows(2)
    rows[0][4] = "Xã Phú Hưg"
    rows[1][4] = "Công ty ABC"
    preview = _parse(rows)
    errors = {n: (c, m) for n, c, m in preview.errors}
    assert errors[2][0] == "Đơn vị" and "Đảng ủy xã Phú Hưng" in errors[2][1]
    assert "Đảng ủy xã Phú Hưng" in errors[3][1] and "Đảng ủy xã Tân Phú" in errors[3][1]


def test_people_already_enrolled_are_skipped_and_the_rest_imported(clerk):
    course = make_course()
    rows = trainee_rows(3)
    data = workbook_bytes(rows)
    imports.import_commit(data=data, course=course, by=clerk, sending_unit=UnitFactory())
    rows += trainee_rows(2, seed=50)
    data = workbook_bytes(rows)
    preview = imports.import_parse(data=data, course=course)
    assert preview.ok
    assert [r.status for r in preview.rows] == ["skipped"] * 3 + ["new"] * 2
    imports.import_commit(data=data, course=course, by=clerk, sending_unit=UnitFactory())
    assert Enrolment.objects.filter(course=course).count() == 5
    again = imports.import_parse(data=data, course=course)
    assert not again.ok and not again.has_errors and again.count("skipped") == 5


def test_the_preview_page_counts_the_skipped_rows_and_the_summary_says_so(client, clerk, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    course = make_course()
    imports.import_commit(data=workbook_bytes(trainee_rows(2)), course=course, by=clerk, sending_unit=UnitFactory())
    client.force_login(clerk)
    data = workbook_bytes(trainee_rows(2) + trainee_rows(1, seed=70))
    response = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("a.xlsx", data)},
    )
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert page.count('data-testid="row-skipped"') == 2
    assert "đã ghi danh — bỏ qua" in page
    response = client.post(preview_url, {"confirm": "1"}, follow=True)
    text = response.content.decode()
    assert "Đã nhập 1 dòng" in text and "2 người đã ghi danh vào lớp này, bỏ qua" in text


def test_the_preview_warns_about_another_course_of_the_same_programme():
    programme = make_programme()
    course = make_course(programme=programme)
    other = make_course(programme=programme, title="Lớp khóa trước")
    finished = make_course(programme=programme, title="Lớp đã xong", status="finished")
    rows = trainee_rows(3)
    t0 = TraineeFactory(citizen_id=rows[0][8])
    t1 = TraineeFactory(citizen_id=rows[1][8])
    t2 = TraineeFactory(citizen_id=rows[2][8])
    Enrolment.objects.create(trainee=t0, course=other, status="approved")
    Enrolment.objects.create(trainee=t1, course=finished, status="approved", completion="completed")
    Enrolment.objects.create(trainee=t2, course=finished, status="approved", completion="not_completed")
    preview = _parse(rows, course=course)
    assert preview.ok
    assert "Lớp khóa trước" in preview.rows[0].warnings[0] and "cùng chương trình" in preview.rows[0].warnings[0]
    assert "đã hoàn thành chương trình" in preview.rows[1].warnings[0]
    assert preview.rows[2].warnings == []


def test_the_template_explains_the_columns_on_a_second_sheet(client, clerk):
    from django.urls import reverse
    from openpyxl import load_workbook

    client.force_login(clerk)
    wb = load_workbook(io.BytesIO(client.get(reverse("import_template")).content))
    assert wb.sheetnames == ["Danh sách", "Hướng dẫn"]
    guide = {row[0].value: row[1].value for row in wb["Hướng dẫn"].iter_rows()}
    assert "Dự bị" in guide[PARTY] and "Chính thức" in guide[PARTY]
    assert wb["Danh sách"]["G1"].comment is not None


def test_names_in_the_file_are_capitalised():
    rows = trainee_rows(1)
    rows[0][1] = "  nguyễn thị mai   anh "
    trainee = _parse(rows).rows[0].trainee
    assert (trainee.family_name, trainee.given_name) == ("Nguyễn Thị Mai", "Anh")
    assert isinstance(trainee, Trainee)
