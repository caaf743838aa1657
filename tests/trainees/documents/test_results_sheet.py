"""The printed, signed results sheet of a class (bảng tổng hợp kết quả học tập): periods attended of the
total, paper, retake, final score, grade and completion, in HTML and PDF, linked from the course page."""

import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import Course
from tests.builders import add_session, enrol, make_course, make_trainee
from trainees.learning import services as svc
from trainees.learning.services import Mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(lecturer):
    course = make_course(status=Course.Status.FINISHED, code="NTVD.2026.02")
    sessions = [add_session(course, periods=5), add_session(course, periods=5, part="afternoon")]
    sessions.append(add_session(course, periods=2, day=1))
    an = enrol(make_trainee(family_name="Nguyễn Văn", given_name="An"), course)
    binh = enrol(make_trainee(family_name="Lê Thị", given_name="Bình"), course)
    marks = [Mark(e.pk, s.pk, "present") for e in (an, binh) for s in sessions]
    marks[2] = Mark(an.pk, sessions[2].pk, "excused")  # An missed the 2-period session: 10/12
    svc.attendance_save_course(course=course, sessions=sessions, marks=marks, roster=[an, binh], by=lecturer)
    svc.results_record(course=course, scores={an.pk: Decimal("4.0"), binh.pk: Decimal("8.5")}, by=lecturer)
    svc.results_record(course=course, scores={}, retakes={an.pk: Decimal("6.5")}, by=lecturer)
    return course


def _pdftotext(content: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_the_results_sheet_prints_periods_paper_retake_final_and_grade(client, director, course, tmp_path):
    client.force_login(director)
    html = client.get(reverse("course_results_print", args=[course.pk])).content.decode()
    assert "BẢNG TỔNG HỢP KẾT QUẢ HỌC TẬP" in html.upper()
    response = client.get(reverse("course_results_pdf", args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(_pdftotext(response.content, tmp_path).split())
    assert "An" in text and "10/12" in text and "4,0" in text and "6,5" in text
    assert "Bình" in text and "12/12" in text and "8,5" in text
    assert "Trung bình" in text and "Giỏi" in text
    assert "GIÁM ĐỐC" in text


def test_the_course_page_links_the_results_sheet(client, director, course):
    client.force_login(director)
    page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert reverse("course_results_pdf", args=[course.pk]) in page


def test_the_results_sheet_is_for_managers_only(client, lecturer, course):
    client.force_login(lecturer)
    assert client.get(reverse("course_results_pdf", args=[course.pk])).status_code in (403, 404)
