"""Certificates and decisions signed by a deputy delegated on the profile: “KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC”."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from center.models import Center
from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as svc
from trainees.models import Certificate

ISSUED_ON = datetime.date(2026, 12, 17)


def _pdftotext(content: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.fixture
def delegated(center, deputy):
    center.signing_delegate = deputy
    center.save()
    return deputy


def test_the_delegated_deputy_issues_and_signs_kt_giam_doc(client, director, delegated, tmp_path):
    course = make_course(
        status=Course.Status.FINISHED,
        sessions=4,
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 3",
        code="DVM-2026-03",
    )
    completed(course, 2, by=director)
    client.force_login(delegated)
    response = client.post(reverse("certificates_issue", args=[course.pk]), {"issued_on": "17/12/2026"})
    assert response.status_code == 302
    certs = list(Certificate.objects.filter(enrolment__course=course))
    assert len(certs) == 2 and all(c.issued_by == delegated for c in certs)
    assert certs[0].signer_name == "Nguyễn Thị Hồng Nhung"
    text = _pdftotext(svc.certificate_pdf(certificates=certs[:1])[2], tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # The right-hand column, top to bottom: KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC, (room to sign), the deputy's name.
    kt = next(i for i, line in enumerate(lines) if line.endswith("KT. GIÁM ĐỐC"))
    deputy = next(i for i, line in enumerate(lines) if line.endswith("PHÓ GIÁM ĐỐC"))
    name = next(i for i, line in enumerate(lines) if line.endswith("Nguyễn Thị Hồng Nhung"))
    assert kt < deputy < name
    assert "Lê Văn Thành" not in text
    # Issued under the director's authority: the title line still names the director's office.
    assert "GIÁM ĐỐC TRUNG TÂM CHÍNH TRỊ HUYỆN CHÂU THÀNH CHỨNG NHẬN" in text.upper()


def test_a_deputy_who_is_not_the_delegate_cannot_issue(client, director, deputy, center):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-04")
    completed(course, 1, by=director)
    client.force_login(deputy)
    assert client.post(reverse("certificates_issue", args=[course.pk])).status_code == 403
    assert not Certificate.objects.exists()
    page = client.get(reverse("results_course", args=[course.pk])).content.decode()
    assert reverse("certificates_issue", args=[course.pk]) not in page


def test_the_director_signs_when_nobody_is_delegated(director, center):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-05")
    completed(course, 1, by=director)
    cert = svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)[0]
    assert cert.signature_lines == ["GIÁM ĐỐC"] and cert.signer_name == "Lê Văn Thành"


def test_the_completion_decision_is_signed_by_the_delegate(client, director, delegated, tmp_path):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-06")
    completed(course, 2, by=director)
    client.force_login(director)
    response = client.get(reverse("results_completion_decision_pdf", args=[course.pk]))
    text = _pdftotext(response.content, tmp_path)
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Nguyễn Thị Hồng Nhung" in text
    assert Center.load().signature()["prefix"] == "KT. GIÁM ĐỐC"
