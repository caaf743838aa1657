"""The certificate register is kept per programme (one book each); the director closes a year's book once the
year is over: its pages are counted and numbered "Trang x/y" for the seal across the pages, and nothing dated in
that year is added to it afterwards."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, make_course, make_programme
from trainees.certificates import services as svc
from trainees.models import Certificate, RegisterClosure

pytestmark = pytest.mark.django_db
LAST_YEAR = datetime.date(2025, 12, 10)


@pytest.fixture
def books(director):
    """2025 certificates of two programmes: 30 of the new-member programme, 2 of the awareness programme."""
    new_members = make_course(status=Course.Status.FINISHED, sessions=2, code="DVM-2025-04")
    awareness = make_course(
        status=Course.Status.FINISHED, sessions=2, code="NTVD-2025-02", programme=make_programme(code="NTVD-B")
    )
    for course, count in ((new_members, 30), (awareness, 2)):
        completed(course, count, by=director)
        svc.certificates_issue_for_course(course=course, by=director, issued_on=LAST_YEAR)
    return new_members.programme, awareness.programme


def _pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_each_programme_has_its_own_book(client, clerk, books):
    new_members, awareness = books
    client.force_login(clerk)
    page = client.get(reverse("certificate_register"), {"year": 2025, "programme": awareness.pk})
    assert [c.course_code for c in page.context["rows"]] == ["NTVD-2025-02"] * 2
    everything = client.get(reverse("certificate_register"), {"year": 2025, "programme": "x%00"})
    assert len(everything.context["rows"]) == 32 and everything.context["programme"] is None


def test_the_director_closes_a_past_year_s_book_and_its_pages_are_numbered(client, director, clerk, books):
    new_members, _awareness = books
    client.force_login(clerk)
    assert (
        client.post(reverse("certificate_register_close"), {"year": 2025, "programme": new_members.pk}).status_code
        == 403
    )
    client.force_login(director)
    page = client.get(reverse("certificate_register"), {"year": 2025, "programme": new_members.pk}).content.decode()
    assert "Khóa sổ và đánh số trang" in page

    client.post(reverse("certificate_register_close"), {"year": 2025, "programme": new_members.pk})

    closure = RegisterClosure.objects.get(year=2025, programme=new_members)
    assert closure.entries == 30 and closure.closed_by == director
    pdf = client.get(reverse("certificate_register_pdf"), {"year": 2025, "programme": new_members.pk}).content
    pages = _pdf_pages(pdf)
    assert len(pages) == closure.pages >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Trang {number}/{closure.pages}" in text
    assert f"Sổ này có {closure.pages} trang" in pages[-1]
    # Once closed, nothing dated in 2025 is added to it; the other programme's book is still open.
    enrolment = completed(
        make_course(status=Course.Status.FINISHED, programme=new_members, code="DVM-2025-09"), 1, by=director
    )[0]
    with pytest.raises(svc.CertificateError, match="đã khóa"):
        svc.certificate_issue(enrolment=enrolment, by=director, issued_on=datetime.date(2025, 12, 30))
    assert svc.certificate_issue(enrolment=enrolment, by=director, issued_on=datetime.date(2026, 1, 5)).year == 2026
    response = client.post(
        reverse("certificate_register_close"), {"year": 2025, "programme": new_members.pk}, follow=True
    )
    assert "Sổ này đã được khóa." in response.content.decode()


def test_an_open_book_has_no_page_count_and_this_year_s_book_cannot_be_closed(client, director, books):
    new_members, _awareness = books
    client.force_login(director)
    pdf = client.get(reverse("certificate_register_pdf"), {"year": 2025, "programme": new_members.pk}).content
    assert not any("Trang 1/" in text for text in _pdf_pages(pdf))
    with pytest.raises(svc.CertificateError):
        svc.register_close(year=2025, programme=new_members, by=director, today=datetime.date(2025, 12, 31))
    with pytest.raises(svc.CertificateError):
        svc.register_close(year=2024, programme=new_members, by=director)  # an empty book
    assert not RegisterClosure.objects.exists()
    assert Certificate.objects.filter(year=2025).count() == 32
