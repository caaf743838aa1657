import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from center.models import GeneratedFile
from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as svc
from trainees.models import Certificate


@pytest.fixture
def issued(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-07")
    enrolments = completed(course, 3, by=director)
    certs = [
        svc.certificate_issue(enrolment=e, by=director, issued_on=datetime.date(2026, 3, 2 + i))
        for i, e in enumerate(enrolments)
    ]
    svc.certificate_revoke(certificate=certs[1], by=director, reason="Cấp nhầm")
    svc.certificate_reissue(
        certificate=certs[2], by=director, reason="Mất", cause="holder_request", issued_on=datetime.date(2026, 4, 1)
    )
    return certs


def test_the_register_lists_the_year_in_number_order_with_status(client, clerk, issued):
    client.force_login(clerk)
    page = client.get(reverse("certificate_register"), {"year": 2026}).content.decode()
    positions = [page.index(f"{n}/GCN-TTCT") for n in (1, 2, 3, 4)]
    assert positions == sorted(positions)
    assert "Đã thu hồi" in page and "Đã cấp lại" in page
    assert "Cấp lại cho số 3/GCN-TTCT; theo đề nghị của người được cấp (mất, hỏng); Mất" in page
    empty = client.get(reverse("certificate_register"), {"year": 2025}).content.decode()
    assert "Chưa cấp giấy chứng nhận nào trong năm 2025" in empty


def test_the_register_prints_as_pdf(client, clerk, issued):
    client.force_login(clerk)
    response = client.get(reverse("certificate_register_pdf"), {"year": 2026})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "SỔ GỐC CẤP GIẤY CHỨNG NHẬN NĂM 2026" in text and "4/GCN-TTCT" in text
    assert issued[0].enrolment.trainee.given_name in text


def test_the_register_exports_to_excel_with_real_dates(client, clerk, issued):
    client.force_login(clerk)
    response = client.get(reverse("certificate_register_xlsx"), {"year": 2026})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["1/GCN-TTCT", "2/GCN-TTCT", "3/GCN-TTCT", "4/GCN-TTCT"]
    assert rows[0][8] == datetime.datetime(2026, 3, 2)
    assert isinstance(rows[0][2], datetime.datetime)
    assert sheet.cell(row=3, column=9).number_format == "DD/MM/YYYY"
    assert rows[3][10].startswith("Cấp lại cho số 3/GCN-TTCT; theo đề nghị")


def test_a_trainee_named_like_a_formula_exports_to_the_register_as_those_characters(client, clerk, issued):
    name = '=HYPERLINK("http://x","y")'
    # The register shows the name the certificate printed (stored when it was issued).
    Certificate.objects.filter(pk=issued[0].pk).update(family_name=name, given_name="An")
    client.force_login(clerk)
    response = client.get(reverse("certificate_register_xlsx"), {"year": 2026})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=3, column=2)
    assert cell.value == f"{name} An"
    assert cell.data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def _made_file(client, url):
    """Ask for a file made in the background (run at once here) and download it from its page."""
    page = client.get(url, follow=True)
    assert page.status_code == 200
    return client.get(reverse("generated_file_download", args=[page.context["file"].pk]))


def test_the_course_pdf_and_zip_leave_out_replaced_copies(client, clerk, issued, immediate_tasks):
    client.force_login(clerk)
    course = issued[0].enrolment.course
    response = _made_file(client, reverse("certificates_course_pdf", args=[course.pk]))
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 3  # 1, 2 (revoked), 4 (reissue of 3)
    response = _made_file(client, reverse("certificates_course_zip", args=[course.pk]))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert len(archive.namelist()) == 3


def test_the_director_revokes_and_reissues_from_the_page(client, director, issued):
    client.force_login(director)
    cert = issued[0]
    assert client.post(reverse("certificate_revoke", args=[cert.pk]), {"revoke-reason": ""}).status_code == 302
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VALID
    client.post(reverse("certificate_revoke", args=[cert.pk]), {"revoke-reason": "Sai ngày sinh"})
    page = client.post(
        reverse("certificate_reissue", args=[cert.pk]), {"reissue-reason": "Sai ngày sinh"}, follow=True
    ).content.decode()
    assert "Hãy chọn nguyên nhân cấp lại" in page and not Certificate.objects.filter(replaces=cert).exists()
    response = client.post(
        reverse("certificate_reissue", args=[cert.pk]),
        {"reissue-reason": "Sai ngày sinh", "reissue-cause": "center_error"},
    )
    new = Certificate.objects.get(replaces=cert)
    assert new.reissue_cause == "center_error" and new.reissue_reason == "Sai ngày sinh"
    assert response.url == reverse("certificate_detail", args=[new.pk])
    page = client.get(response.url).content.decode()
    assert cert.register_number in page and "Certificate replaced by a reissue" not in page


def test_admin_actions_make_the_pdf_and_zip_in_the_background(
    client, director, issued, django_user_model, immediate_tasks
):
    admin_user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin_user)
    url = reverse("admin:trainees_certificate_changelist")
    pks = [c.pk for c in issued]
    files = []
    for action in ("print_certificates", "zip_certificates"):
        response = client.post(url, {"action": action, "_selected_action": pks})
        file = GeneratedFile.objects.latest("pk")
        assert response.url == reverse("generated_file", args=[file.pk])  # the request only asked for it
        assert file.owner == admin_user and file.params == {"certificates": sorted(pks)}
        files.append(file.pk)
    pdf, archive = (client.get(reverse("generated_file_download", args=[pk])) for pk in files)
    assert pdf["Content-Type"] == "application/pdf" and len(PdfReader(io.BytesIO(b"".join(pdf))).pages) == 3
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(archive))) as zipped:
        assert len(zipped.namelist()) == 3


def test_the_admin_zip_action_only_queues_the_file(client, issued, django_user_model):
    admin_user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin_user)
    url = reverse("admin:trainees_certificate_changelist")
    response = client.post(url, {"action": "zip_certificates", "_selected_action": [c.pk for c in issued]})
    file = GeneratedFile.objects.get()
    assert response.url == reverse("generated_file", args=[file.pk])
    assert file.status == GeneratedFile.Status.QUEUED and not file.content  # the worker makes it
