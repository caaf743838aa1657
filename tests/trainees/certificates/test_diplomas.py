"""Sơ cấp lý luận chính trị awards the bằng sơ cấp lý luận chính trị (HD 11-HD/BTGTW, 2021), not a giấy chứng
nhận: its own series of numbers, its own printed form and its own register book, listed on its own. Commune
centers have the programme switched off, so these tests switch it on."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Course, Programme
from tests.builders import completed, make_course
from tests.trainees.certificates.test_certificate_signing import _pdftotext
from trainees.certificates import services as svc
from trainees.models import Certificate, DiplomaCounter, RegisterClosure

pytestmark = pytest.mark.django_db
ISSUED_ON = datetime.date(2025, 12, 10)


@pytest.fixture
def issued(director):
    """2025: three certificates of a new-member course, then two diplomas of a sơ cấp course."""
    elementary = Programme.objects.get(code="SC-LLCT")
    elementary.is_active = True
    elementary.save()
    new_members = make_course(status=Course.Status.FINISHED, sessions=2, code="DVM-2025-04")
    completed(new_members, 3, by=director)
    certificates = svc.certificates_issue_for_course(course=new_members, by=director, issued_on=ISSUED_ON)
    sc = make_course(programme=elementary, status=Course.Status.FINISHED, sessions=2, code="SC-2025-01")
    completed(sc, 2, by=director)
    diplomas = svc.certificates_issue_for_course(course=sc, by=director, issued_on=ISSUED_ON)
    return certificates, diplomas


def test_a_diploma_is_numbered_in_its_own_series(issued):
    certificates, diplomas = issued
    assert [(c.kind, c.number, c.register_number) for c in certificates] == [
        ("certificate", n, f"{n}/GCN-TTCT") for n in (1, 2, 3)
    ]
    assert [(d.kind, d.number, d.register_number) for d in diplomas] == [
        ("diploma", n, f"{n}/BSC-TTCT") for n in (1, 2)
    ]
    assert DiplomaCounter.objects.get(year=2025).last_number == 2


def test_a_diploma_prints_its_own_form(issued, tmp_path):
    _certificates, diplomas = issued
    filename, _type, content = svc.certificate_pdf(certificates=diplomas[:1])
    text = _pdftotext(content, tmp_path)
    assert filename.startswith("Bang SC 2025-0001 ")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "BẰNG SƠ CẤP LÝ LUẬN CHÍNH TRỊ",
        "Số vào sổ cấp bằng: 1/BSC-TTCT",
        diplomas[0].full_name.upper(),
        "Xếp loại tốt nghiệp:",
    ):
        assert expected in text
    assert "GIẤY CHỨNG NHẬN" not in text


def test_the_diplomas_have_their_own_register_book_listed_on_its_own(client, director, issued):
    certificates, diplomas = issued
    client.force_login(director)
    book = client.get(reverse("certificate_register"), {"year": 2025, "book": "diploma"})
    assert [c.register_number for c in book.context["rows"]] == [d.register_number for d in diplomas]
    page = book.content.decode()
    assert "SỔ GỐC CẤP BẰNG SƠ CẤP LÝ LUẬN CHÍNH TRỊ NĂM 2025" in page
    assert '<option value="diploma" selected>' in page

    register = client.get(reverse("certificate_register"), {"year": 2025})
    assert [c.register_number for c in register.context["rows"]] == [c.register_number for c in certificates]
    assert "BSC" not in register.content.decode()
    # The register page offers the diplomas' book beside the certificates'.
    assert '<option value="diploma">Bằng sơ cấp lý luận chính trị</option>' in register.content.decode()

    pdf = client.get(reverse("certificate_register_pdf"), {"year": 2025, "book": "diploma"})
    assert "So%20cap%20bang%20SC%202025.pdf" in pdf["Content-Disposition"]

    # Closed on its own: the diplomas' book of the programme, not its (empty) certificate book.
    programme = diplomas[0].enrolment.course.programme
    client.post(reverse("certificate_register_close"), {"year": 2025, "programme": programme.pk, "book": "diploma"})
    closure = RegisterClosure.objects.get(year=2025, programme=programme)
    assert closure.kind == Certificate.Kind.DIPLOMA and closure.entries == 2
