"""Printed documents of a course: data in, then PDF pages, extracted text, Excel cells (pretix-style)."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from center.models import Center
from center.templatetags.vn import long_date, place_date, roman
from center.text import name_sort_key
from tests.builders import course_with_trainees, expected_order
from tests.center.test_collation import ORDERED
from trainees.documents import context as doc_context
from trainees.documents import renderers
from trainees.models import Enrolment, Trainee


def pdf_pages_text(pdf: bytes) -> list[str]:
    """Text of each page, as a reader sees it (poppler's pdftotext when installed, else pypdf)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        return out.split("\f")[: len(PdfReader(io.BytesIO(pdf)).pages)]
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(io.BytesIO(pdf)).pages]


ROW = re.compile(r"^\s*(\d+)\s+(\S.*?)\s+(\d\d/\d\d/\d{4})")


def roster_rows(pages: list[str]) -> list[tuple[int, int, str]]:
    """(page, STT, full name) for every table row the text shows (the name columns as one)."""
    rows = []
    for page_number, text in enumerate(pages, start=1):
        for line in text.splitlines():
            if match := ROW.match(line):
                rows.append((page_number, int(match[1]), " ".join(match[2].split())))
    return rows


def full_names(names):
    return [f"{family} {given}" for family, given in names]


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


# Data ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_roster_lists_approved_trainees_only_in_name_order():
    course = course_with_trainees(approved=12, pending=4)
    roster = list(Enrolment.objects.roster(course))
    assert len(roster) == 12
    assert {e.status for e in roster} == {Enrolment.Status.APPROVED}
    assert [(e.trainee.family_name, e.trainee.given_name) for e in roster] == expected_order(course)
    assert [(e.trainee.family_name, e.trainee.given_name) for e in roster] == ORDERED[:12]


@pytest.mark.django_db
def test_the_pending_list_is_grouped_by_unit_in_vietnamese_order():
    course = course_with_trainees(approved=2, pending=20)
    context = doc_context.pending_context(course)
    units = [s["unit"] for s in context["sections"]]
    assert units == sorted(units, key=lambda u: name_sort_key(u, ""))
    assert units[0].startswith("Chi bộ") and units[1].startswith("Đảng ủy")  # C < Đ
    numbers = [row.number for s in context["sections"] for row in s["rows"]]
    assert numbers == list(range(1, 21))
    for section in context["sections"]:
        keys = [name_sort_key(r.given_name, r.family_name) for r in section["rows"]]
        assert keys == sorted(keys)
    assert context["count"] == 20


@pytest.mark.django_db
def test_the_sign_in_sheet_splits_sessions_into_page_wide_chunks():
    course = course_with_trainees(approved=3, sessions=23)
    context = doc_context.signin_context(course)
    assert [len(c) for c in context["chunks"]] == [10, 10, 3]
    assert [c.number for c in context["chunks"][1]] == list(range(11, 21))
    assert context["orientation"] == "landscape"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 12, 2), "ngày 02 tháng 12 năm 2026"),
        (datetime.date(2026, 12, 17), "ngày 17 tháng 12 năm 2026"),
        (datetime.date(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (datetime.date(2027, 2, 28), "ngày 28 tháng 02 năm 2027"),
        (datetime.date(2027, 3, 9), "ngày 09 tháng 3 năm 2027"),
    ],
)
def test_document_dates_follow_the_party_rules(day, text):
    assert long_date(day) == text


def test_place_date_line_and_section_numbers():
    assert place_date("Châu Thành", datetime.date(2026, 12, 17)) == "Châu Thành, ngày 17 tháng 12 năm 2026"
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]


@pytest.mark.django_db
def test_the_header_comes_from_the_centers_profile():
    course = course_with_trainees(approved=1)
    center = Center.load()
    center.parent_body = "Đảng ủy xã Long Hựu"
    center.name = "Trung tâm Chính trị xã Cần Đước"
    center.place_name = "Cần Đước"
    center.document_code = "TTCTX"
    center.save()
    context = renderers.document_context("roster", course, today=datetime.date(2027, 1, 5))
    html = render_to_string("print/course_roster.html", context)
    assert "Đảng ủy xã Long Hựu" in html and "Trung tâm Chính trị xã Cần Đước" in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html
    assert "Cần Đước, ngày 05 tháng 01 năm 2027" in html
    assert "-DS/TTCTX" in html
    assert "huyện" not in html.lower().replace(course.title.lower(), "")


# PDF -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_roster_of_300_trainees_prints_every_name_in_order_with_the_header_on_every_page():
    course = course_with_trainees(approved=300, pending=5)
    filename, content_type, pdf = renderers.document_pdf("roster", course, today=datetime.date(2026, 12, 2))
    assert content_type == "application/pdf" and filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(pdf))
    pages = pdf_pages_text(pdf)
    page_count = len(reader.pages)
    assert page_count == len(pages)
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297  # A4

    rows = roster_rows(pages)
    # Every approved trainee once, numbered 1…300, in exactly the collation order.
    assert [stt for _page, stt, _name in rows] == list(range(1, 301))
    assert [name for _page, _stt, name in rows] == full_names(expected_order(course))
    collation_test_names = set(full_names(ORDERED))
    assert [name for _p, _s, name in rows if name in collation_test_names] == full_names(ORDERED)

    # The right number of pages: each one has rows (no blank or overflow page) and the last holds the
    # signatures; the header row is repeated on every page; HD 36 page numbers: none on page 1, then the
    # number alone, centred at the top.
    pages_with_rows = {page for page, *_rest in rows}
    assert pages_with_rows == set(range(1, page_count + 1)) or pages_with_rows == set(range(1, page_count))
    assert 8 <= page_count <= 16
    for number, text in enumerate(pages, start=1):
        assert re.search(r"STT\s+Họ đệm\s+Tên\s+Ngày sinh", text), f"no header row on page {number}"
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if number == 1:
            assert "1" not in lines and "Trang" not in text
        else:
            assert str(number) in lines, f"no page number on page {number}"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0] and "DANH SÁCH HỌC VIÊN" in pages[0]
    assert "Châu Thành, ngày 02 tháng 12 năm 2026" in pages[0]
    assert "Lê Văn Thành" in pages[-1] and "GIÁM ĐỐC" in pages[-1]
    assert "Danh sách có 300 học viên." in pages[-1]


@pytest.mark.django_db
def test_the_sign_in_sheet_is_landscape_with_a_column_per_session():
    course = course_with_trainees(approved=25, sessions=14)
    _name, _type, pdf = renderers.document_pdf("signin", course)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = "\n".join(pdf_pages_text(pdf))
    assert "DANH SÁCH KÝ TÊN HỌC VIÊN" in text
    assert "Buổi 1" in text and "Buổi 10" in text and "Buổi 14" in text
    assert "Từ buổi 1 đến buổi 10" in text and "Từ buổi 11 đến buổi 14" in text
    # The second chunk starts a page of its own and lists everyone again.
    pages = pdf_pages_text(pdf)
    second = next(i for i, page in enumerate(pages) if "Từ buổi 11 đến buổi 14" in page)
    assert second > 0 and "Từ buổi 1 đến buổi 10" not in pages[second]
    first_name = " ".join(expected_order(course)[0])
    assert first_name in " ".join(pages[0].split()) and first_name in " ".join(pages[second].split())


@pytest.mark.django_db
def test_the_list_for_approval_shows_units_and_nomination_documents():
    course = course_with_trainees(approved=1, pending=9)
    _name, _type, pdf = renderers.document_pdf("pending", course)
    text = "\n".join(pdf_pages_text(pdf))
    assert "DANH SÁCH HỌC VIÊN ĐỀ NGHỊ DUYỆT" in text
    assert "Đảng ủy xã Phú Hưng" in text and "-CV/ĐU" in text
    assert "DUYỆT" in text and "Đề nghị duyệt 9 học viên" in text


@pytest.mark.django_db
def test_markup_typed_into_a_name_prints_as_text(clerk_client):
    course = course_with_trainees(approved=1)
    trainee = Trainee.objects.get()
    trainee.given_name = '<img src="file:///etc/passwd">'
    trainee.position = "url(http://127.0.0.1:9/x.css)"
    trainee.save()
    html = clerk_client.get(reverse("course_roster_print", args=[course.pk])).content.decode()
    assert '<img src="file:///etc/passwd">' not in html and "&lt;img" in html
    response = clerk_client.get(reverse("course_roster_pdf", args=[course.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    assert '<imgsrc="file:///etc/passwd">' in compact and "url(http://127.0.0.1:9/x.css)" in compact
    assert "root:" not in text
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(response.content)).pages) == 0


# Excel -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_roster_workbook_has_the_same_columns_and_real_dates():
    course = course_with_trainees(approved=30)
    filename, content_type, content = renderers.roster_xlsx(course)
    assert filename.endswith(".xlsx") and content_type.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(content)).active
    header_row = next(r for r in range(1, 15) if ws.cell(row=r, column=1).value == "STT")
    headers = [ws.cell(row=header_row, column=c).value for c in range(1, 9)]
    assert headers == ["STT", "Họ đệm", "Tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Ghi chú"]
    first = header_row + 1
    names = [(ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value) for r in range(first, first + 30)]
    assert names == expected_order(course)
    born = ws.cell(row=first, column=4)
    assert isinstance(born.value, datetime.datetime) and born.number_format == "dd/mm/yyyy"
    assert born.value.date() == Trainee.objects.get(family_name=names[0][0], given_name=names[0][1]).date_of_birth
    assert ws.cell(row=first + 30, column=1).value is None
    assert "DANH SÁCH HỌC VIÊN" in [ws.cell(row=r, column=1).value for r in range(1, header_row)]


@pytest.mark.django_db
def test_the_sign_in_workbook_has_one_column_per_session():
    course = course_with_trainees(approved=5, sessions=12)
    _filename, _type, content = renderers.signin_xlsx(course)
    ws = load_workbook(io.BytesIO(content)).active
    header_row = next(r for r in range(1, 15) if ws.cell(row=r, column=1).value == "STT")
    headers = [ws.cell(row=header_row, column=c).value for c in range(1, 17)]
    assert headers[:4] == ["STT", "Họ đệm", "Tên", "Đơn vị"]
    assert headers[4].startswith("Buổi 1\n02/12/2026") and headers[15].startswith("Buổi 12\n07/12/2026")
    assert ws.page_setup.orientation == "landscape"


FORMULA_NAME = '=HYPERLINK("http://x","y")'


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["roster", "signin"])
def test_a_trainee_named_like_a_formula_exports_as_those_characters(clerk_client, kind):
    course = course_with_trainees(approved=3)
    trainee = Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED).first().trainee
    Trainee.objects.filter(pk=trainee.pk).update(family_name=FORMULA_NAME, position="+1+1")
    response = clerk_client.get(reverse(f"course_{kind}_xlsx", args=[course.pk]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in ws.iter_rows() for cell in row if cell.value in (FORMULA_NAME, "+1+1")]
    assert FORMULA_NAME in [c.value for c in cells]
    assert all(c.data_type == "s" for c in cells), [(c.coordinate, c.data_type) for c in cells]
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


# Views -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["roster", "signin", "pending"])
def test_print_pages_run_a_fixed_number_of_queries(clerk_client, kind):
    counts = []
    for code, size in (("Q-SMALL", 4), ("Q-LARGE", 40)):
        course = course_with_trainees(approved=size, pending=size // 2, sessions=size // 4 + 1, code=code)
        url = reverse(f"course_{kind}_print", args=[course.pk])
        with CaptureQueriesContext(connection) as queries:
            response = clerk_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_the_print_page_has_a_print_button_and_no_inline_script(clerk_client):
    course = course_with_trainees(approved=2)
    html = clerk_client.get(reverse("course_roster_print", args=[course.pk])).content.decode()
    assert "data-print" in html and "print-doc.css" in html
    assert reverse("course_roster_pdf", args=[course.pk]) in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " onclick=" not in html and "style=" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("course_roster_pdf", "application/pdf", "inline"),
        ("course_signin_pdf", "application/pdf", "inline"),
        ("course_pending_pdf", "application/pdf", "inline"),
        ("course_roster_xlsx", renderers.XLSX, "attachment"),
        ("course_signin_xlsx", renderers.XLSX, "attachment"),
    ],
)
def test_downloads_have_vietnamese_file_names(clerk_client, name, content_type, disposition):
    course = course_with_trainees(approved=2, pending=1, sessions=2)
    response = clerk_client.get(reverse(name, args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == content_type
    header = response["Content-Disposition"]
    assert header.startswith(f'{disposition}; filename="') and "filename*=UTF-8''" in header
    assert "dvm-2026-02" in header.lower()


@pytest.mark.django_db
def test_the_course_page_links_to_the_documents(clerk_client):
    course = course_with_trainees(approved=1)
    html = clerk_client.get(reverse("course_detail", args=[course.pk])).content.decode()
    for name in ("course_roster_print", "course_signin_pdf", "course_pending_print", "course_roster_xlsx"):
        assert reverse(name, args=[course.pk]) in html


@pytest.mark.django_db
def test_admin_actions_print_one_course_or_zip_several(client, director):
    first = course_with_trainees(approved=3, code="ADM-1")
    second = course_with_trainees(approved=2, code="ADM-2")
    director.is_superuser = True
    director.save()
    client.force_login(director)
    url = reverse("admin:courses_course_changelist")
    response = client.post(url, {"action": "print_roster", "_selected_action": [first.pk]})
    assert response["Content-Type"] == "application/pdf"
    response = client.post(url, {"action": "export_signin", "_selected_action": [first.pk, second.pk]})
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == ["Danh sách ký tên học viên - ADM-1.xlsx", "Danh sách ký tên học viên - ADM-2.xlsx"]


@pytest.mark.django_db
def test_a_clerk_can_use_the_admin_actions(client, clerk):
    course = course_with_trainees(approved=2, code="ADM-3")
    client.force_login(clerk)
    url = reverse("admin:courses_course_changelist")
    response = client.post(url, {"action": "export_roster", "_selected_action": [course.pk]})
    assert response.status_code == 200 and response["Content-Type"] == renderers.XLSX


@pytest.mark.django_db
def test_the_course_timetable_downloads_as_a_pdf_of_its_print_page(clerk_client):
    course = course_with_trainees(approved=1, sessions=10)
    response = clerk_client.get(reverse("course_timetable_pdf", args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; ")
    text = " ".join(" ".join(pdf_pages_text(response.content)).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and course.title in text
    assert "Chuyên đề" in text and "Trần Quốc Bảo" in text and "Trang" not in text
    html = clerk_client.get(reverse("course_timetable_print", args=[course.pk])).content.decode()
    assert reverse("course_timetable_pdf", args=[course.pk]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["course_roster_pdf", "course_signin_xlsx", "course_roster_xlsx"])
def test_downloads_run_a_fixed_number_of_queries(clerk_client, name):
    counts = []
    for code, size in (("D-SMALL", 3), ("D-LARGE", 25)):
        course = course_with_trainees(approved=size, sessions=size // 3 + 1, code=code)
        with CaptureQueriesContext(connection) as queries:
            assert clerk_client.get(reverse(name, args=[course.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_a_center_without_a_profile_still_prints():
    Center.objects.all().delete()
    course = course_with_trainees(approved=2)
    Center.objects.all().delete()
    context = renderers.document_context("roster", course, today=datetime.date(2026, 12, 2))
    html = render_to_string("print/course_roster.html", context)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Ngày 02 tháng 12 năm 2026" in html
