"""The demo is a commune-level center of 2026 (QĐ 360) in Vĩnh Long: no page or printed document of it
says “huyện”, while a QĐ 208 profile still prints its district header and legal basis."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from center.models import Center
from courses.models import Course
from staff.models import StaffMember
from trainees.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db

DISTRICT_WORD = re.compile("huyện", re.IGNORECASE)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _without_kind_choices(html: str) -> str:
    # The profile form offers both kinds, the district one included: that choice is not the profile's text.
    return re.sub(r'<select name="kind".*?</select>', "", html, flags=re.S)


@pytest.fixture
def demo(client):
    call_command("seed_demo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="giamdoc"))
    return client


def _pages_and_documents(client):
    finished = Course.objects.filter(status=Course.Status.FINISHED, enrolments__certificates__isnull=False).first()
    running = Course.objects.filter(status=Course.Status.IN_PROGRESS).order_by("start_date").first()
    open_course = Course.objects.filter(status=Course.Status.OPEN).first()
    certificate = Certificate.objects.filter(status="valid").first()
    lecturer = StaffMember.objects.filter(user__username="giangvien1").get()
    pages = [
        reverse("home"),
        reverse("center_detail"),
        reverse("center_edit"),
        reverse("unit_list"),
        reverse("staff_list"),
        reverse("course_list"),
        reverse("programme_list"),
        reverse("course_detail", args=[running.pk]),
        reverse("course_detail", args=[finished.pk]),
        reverse("results_course", args=[finished.pk]),
        reverse("certificate_detail", args=[certificate.pk]),
        reverse("certificate_register"),
        reverse("week_view"),
        reverse("course_roster_print", args=[running.pk]),
        reverse("course_signin_print", args=[running.pk]),
        reverse("course_pending_print", args=[open_course.pk]),
        reverse("course_timetable_print", args=[running.pk]),
        reverse("results_completion_decision", args=[finished.pk]),
        reverse("lecturer_timetable_print", args=[lecturer.pk]),
        reverse("week_print"),
    ]
    pdfs = [
        reverse("course_roster_pdf", args=[running.pk]),
        reverse("course_signin_pdf", args=[running.pk]),
        reverse("course_pending_pdf", args=[open_course.pk]),
        reverse("course_timetable_pdf", args=[running.pk]),
        reverse("results_completion_decision_pdf", args=[finished.pk]),
        reverse("certificate_pdf", args=[certificate.pk]),
        reverse("certificate_register_pdf"),
    ]
    return pages, pdfs


def test_the_demo_is_a_commune_center_of_2026_in_vinh_long(demo):
    center = Center.load()
    assert center.kind == Center.Kind.COMMUNE
    assert center.name == "Trung tâm Chính trị xã Long Hồ" and center.parent_body == "ĐẢNG ỦY XÃ LONG HỒ"
    assert center.province == "Vĩnh Long" and "360-QĐ/TW" in center.legal_basis
    assert not Course.objects.filter(programme__code="SC-LLCT").exists()  # not a QĐ 360 task
    assert StaffMember.objects.filter(position="deputy_director", is_active=True).count() <= center.deputy_max


def test_no_page_or_printed_document_of_the_demo_says_huyen(demo):
    pages, pdfs = _pages_and_documents(demo)
    for url in pages:
        response = demo.get(url)
        assert response.status_code == 200, url
        text = _without_kind_choices(response.content.decode())
        assert not DISTRICT_WORD.search(text), (url, DISTRICT_WORD.search(text))
    for url in pdfs:
        response = demo.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), url
        text = _pdf_text(response.content)
        assert "LONG HỒ" in text.upper(), url
        assert not DISTRICT_WORD.search(text), url


def test_the_demo_decision_cites_360_under_the_commune_header(demo):
    finished = Course.objects.filter(
        status=Course.Status.FINISHED, enrolments__completion=Enrolment.Completion.COMPLETED
    ).first()
    text = _pdf_text(demo.get(reverse("results_completion_decision_pdf", args=[finished.pk])).content)
    assert "ĐẢNG ỦY XÃ LONG HỒ" in text and "TRUNG TÂM CHÍNH TRỊ XÃ LONG HỒ" in text.upper()
    assert "Căn cứ Quy định số 360-QĐ/TW ngày 29/08/2025 của Ban Bí thư" in " ".join(text.split())
    assert "Long Hồ, ngày" in text


def test_a_district_profile_prints_its_header_and_legal_basis_as_before(client, director, center):
    from tests.builders import completed, make_course

    center.legal_basis = "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư"
    center.save()
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-07")
    completed(course, 2, by=director)
    client.force_login(director)
    text = _pdf_text(client.get(reverse("results_completion_decision_pdf", args=[course.pk])).content)
    flat = " ".join(text.split())
    assert "HUYỆN ỦY CHÂU THÀNH" in text
    assert "TRUNG TÂM CHÍNH TRỊ HUYỆN CHÂU THÀNH" in text.upper()
    assert "Căn cứ Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư" in flat
    assert "Châu Thành, ngày" in text
    assert "KT." not in text and "Lê Văn Thành" in text
