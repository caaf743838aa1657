"""A certificate keeps what it printed: renaming the trainee or changing the course, programme or grade
after it was issued changes neither its PDF nor the register nor /verify/. (Fails on the code before the
stored values: all three were recomputed from today's records.)"""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as svc
from trainees.certificates.selectors import certificate_queryset
from trainees.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(director, settings):
    """A certificate issued to Phạm Minh Dũng (grade Giỏi); then the trainee is renamed, the birth date,
    course and programme are edited and the grade is changed."""
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    course = make_course(
        status=Course.Status.FINISHED, sessions=4, title="Lớp bồi dưỡng đảng viên mới khóa 7", code="DVM-2026-07"
    )
    enrolment = completed(course, 1, by=director)[0]
    trainee = enrolment.trainee
    trainee.family_name, trainee.given_name = "Phạm Minh", "Dũng"
    trainee.date_of_birth = datetime.date(1990, 5, 4)
    trainee.save()
    certificate = svc.certificate_issue(enrolment=enrolment, by=director, issued_on=datetime.date(2026, 12, 17))
    trainee.family_name, trainee.given_name = "Hoàng Văn", "Tùng"
    trainee.date_of_birth = datetime.date(1991, 1, 1)
    trainee.save()
    course.title, course.code = "Lớp đổi tên", "DOI-TEN"
    course.start_date = datetime.date(2026, 10, 1)
    course.save()
    course.programme.name = "Chương trình đã đổi tên"
    course.programme.save()
    Enrolment.objects.filter(pk=enrolment.pk).update(score=Decimal("3.0"), grade=Enrolment.Grade.FAIL)
    return certificate_queryset().get(pk=certificate.pk)


OLD = ["Phạm Minh Dũng", "04/05/1990", "Lý luận chính trị cho đảng viên mới", "DVM-2026-07", "02/11/2026"]
NEW = ["Hoàng Văn Tùng", "01/01/1991", "Chương trình đã đổi tên", "DOI-TEN", "01/10/2026", "Không đạt"]


def test_the_certificate_stores_what_it_printed(changed):
    assert (changed.full_name, changed.date_of_birth) == ("Phạm Minh Dũng", datetime.date(1990, 5, 4))
    assert (changed.course_code, changed.grade, changed.score) == ("DVM-2026-07", "good", Decimal("8.5"))
    assert changed.signer_name


def test_the_pdf_shows_the_stored_values(changed):
    _name, _type, content = svc.certificate_pdf(certificates=[changed])
    text = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    for value in ["PHẠM MINH DŨNG", *OLD[1:], "Giỏi"]:
        assert value in text
    for value in ["TÙNG", *NEW[1:]]:
        assert value not in text


def test_verify_shows_the_stored_values(client, changed):
    page = client.get(f"/verify/{changed.verification_code}/").content.decode()
    facts = page[page.index("<dl") : page.index("</dl>")]
    assert "Phạm Minh Dũng" in facts and "Giỏi" in facts and "02/11/2026" in facts
    assert "Hoàng Văn Tùng" not in facts and "Không đạt" not in facts and "Chương trình đã đổi tên" not in facts


def test_the_register_in_html_and_excel_shows_the_stored_values(client, clerk, changed):
    client.force_login(clerk)
    page = client.get("/certificates/register/", {"year": 2026}).content.decode()
    assert "Phạm Minh Dũng" in page and "04/05/1990" in page and "DVM-2026-07" in page
    assert "Hoàng Văn Tùng" not in page and "DOI-TEN" not in page
    response = client.get("/certificates/register.xlsx", {"year": 2026})
    row = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[3]]
    assert row[1] == "Phạm Minh Dũng" and row[2].date() == datetime.date(1990, 5, 4)
    assert "DVM-2026-07" in row[4] and row[5] == "Lý luận chính trị cho đảng viên mới"


def test_the_register_pdf_shows_the_stored_values(client, clerk, changed):
    client.force_login(clerk)
    response = client.get("/certificates/register.pdf", {"year": 2026})
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Dũng" in text and "DVM-2026-07" in text and "Tùng" not in text


def test_the_data_migration_fills_existing_certificates(changed):
    from importlib import import_module

    from django.apps import apps

    Certificate.objects.filter(pk=changed.pk).update(family_name="", given_name="", course_code="")
    import_module("trainees.migrations.0007_certificate_printed_values").fill(apps, None)
    filled = Certificate.objects.get(pk=changed.pk)
    assert filled.full_name == "Hoàng Văn Tùng" and filled.course_code == "DOI-TEN"
