import datetime
import io
import zipfile

import pytest
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as svc
from trainees.certificates.selectors import certificate_queryset

ISSUED_ON = datetime.date(2026, 12, 17)


@pytest.fixture
def certs(director, settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    course = make_course(
        status=Course.Status.FINISHED,
        sessions=4,
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 3",
        code="DVM-2026-03",
    )
    completed(course, 3, by=director)
    issued = svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)
    return list(certificate_queryset().filter(pk__in=[c.pk for c in issued]).order_by("number"))


def _text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def decode_qr(content: bytes, page: int = 0) -> list[str]:
    """Scan the certificate's QR code the way a phone would read the printed page: take the image
    out of the PDF and decode it with zbar."""
    from PIL import Image
    from pyzbar.pyzbar import decode

    reader = PdfReader(io.BytesIO(content))
    found = []
    for image in reader.pages[page].images:
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        found.extend(symbol.data.decode() for symbol in decode(picture))
    return found


def test_one_certificate_is_one_a4_landscape_page_with_what_a_reader_must_see(certs):
    cert = certs[0]
    filename, content_type, content = svc.certificate_pdf(certificates=[cert])
    assert content_type == "application/pdf" and content.startswith(b"%PDF")
    assert filename.startswith("GCN 2026-0001 ") and filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape in points
    text = _text(content)[0]
    trainee = cert.enrolment.trainee
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN ỦY CHÂU THÀNH",
        trainee.full_name.upper(),
        trainee.date_of_birth.strftime("%d/%m/%Y"),
        "Đảng ủy xã Phú Hưng",
        "Lý luận chính trị cho đảng viên mới",
        "DVM-2026-03",
        "02/11/2026",
        "06/11/2026",
        "Giỏi",
        "1/GCN-TTCT",
        "Châu Thành, ngày 17 tháng 12 năm 2026",
        "GIÁM ĐỐC",
        "Lê Văn Thành",
        cert.verification_code,
    ):
        assert expected in text, expected
    assert "Bản cấp lại" not in text


def test_the_qr_code_leads_to_the_verification_page(certs, client):
    _name, _type, content = svc.certificate_pdf(certificates=[certs[1]])
    urls = decode_qr(content)
    assert urls == [f"https://ttct.example.vn/verify/{certs[1].verification_code}/"]
    page = client.get(urls[0].removeprefix("https://ttct.example.vn"))
    assert page.status_code == 200
    assert certs[1].enrolment.trainee.full_name in page.content.decode()


def test_the_whole_course_is_one_pdf_with_a_page_each(certs):
    filename, _type, content = svc.certificate_pdf(certificates=certs)
    assert filename == "GCN DVM-2026-03.pdf"
    texts = _text(content)
    assert len(texts) == 3
    for text, cert in zip(texts, certs, strict=True):
        assert cert.register_number in text and cert.enrolment.trainee.full_name.upper() in text


def test_the_zip_has_one_pdf_per_certificate(certs):
    filename, content_type, content = svc.certificates_zip(certificates=certs)
    assert (filename, content_type) == ("GCN DVM-2026-03.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert len(names) == 3 and all(n.endswith(".pdf") for n in names)
        assert archive.read(names[0]).startswith(b"%PDF")


def test_the_zip_is_laid_out_once_and_each_file_holds_its_own_certificate_only(certs, monkeypatch):
    renders = []
    real = svc.html_to_document
    monkeypatch.setattr(svc, "html_to_document", lambda html: renders.append(html) or real(html))
    progress = []
    _name, _type, content = svc.certificates_zip(certificates=certs, progress=lambda *step: progress.append(step))
    assert len(renders) == 1 and progress == [(1, 3), (2, 3), (3, 3)]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name, cert in zip(archive.namelist(), certs, strict=True):
            assert name == svc.certificate_filename(cert)
            pages = _text(archive.read(name))
            assert len(pages) == 1 and cert.register_number in pages[0]
            assert all(other.register_number not in pages[0] for other in certs if other != cert)


def test_a_reissue_prints_ban_cap_lai(certs, director):
    new = svc.certificate_reissue(
        certificate=certs[0], by=director, reason="Mất bản chính", cause="holder_request", issued_on=ISSUED_ON
    )
    new = certificate_queryset().get(pk=new.pk)
    text = _text(svc.certificate_pdf(certificates=[new])[2])[0]
    assert "Bản cấp lại" in text.replace("BẢN CẤP LẠI", "Bản cấp lại")
    assert new.register_number in text
