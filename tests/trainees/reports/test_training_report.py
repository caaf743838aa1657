"""The half-year and year report: figures from the records, typed paragraphs kept, issued as a numbered report
(BC) with its tables and a page of charts; a corrected report replaces the issued one with a reason."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from center.models import GeneratedFile
from courses.models import IssuedDocument, PlanLine, Programme, TrainingPlan
from tests.builders import make_center
from trainees.models import TrainingReport
from trainees.reports import services

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


@pytest.fixture
def seeded(year_2026):
    """The hand-counted year of conftest.py (3 classes, 6 learners, 3 completed, 2 certificates)."""
    make_center()


def _write(client, year=2026, span="year", **texts):
    data = {"assessment": "", "directions": "", "proposals": "", **texts}
    return client.post(reverse("report_detail", args=[year, span]), data)


def test_the_clerk_writes_the_text_and_the_director_issues_the_report(client, clerk, director, seeded):
    plan = TrainingPlan.objects.create(year=2026)
    PlanLine.objects.create(plan=plan, programme=Programme.objects.get(code="A"), quarter=1, classes=4, learners=100)
    client.force_login(clerk)
    _write(client, assessment="Hoàn thành tốt kế hoạch.\nCòn lớp chưa đủ sĩ số.", directions="Mở thêm 2 lớp.")
    report = TrainingReport.objects.get(year=2026, span="year")
    assert report.assessment == "Hoàn thành tốt kế hoạch.\nCòn lớp chưa đủ sĩ số."
    assert client.post(reverse("report_issue", args=[2026, "year"])).status_code == 403

    client.force_login(director)
    client.post(reverse("report_issue", args=[2026, "year"]))
    report.refresh_from_db()
    document = report.document
    assert document.kind == IssuedDocument.Kind.REPORT and document.number_text == "01-BC/TTCT"
    content = document.content
    assert "kết quả công tác đào tạo, bồi dưỡng năm 2026" in content
    assert (
        "tổ chức 3 lớp (2 lớp đã kết thúc), đạt 75% số lớp theo kế hoạch năm (4 lớp)" in content
        and "với 6 lượt học viên; 3 học viên hoàn thành" in content
    )
    assert "Hoàn thành tốt kế hoạch." in content and "Còn lớp chưa đủ sĩ số." in content and "Mở thêm 2 lớp." in content
    assert content.count("<svg") == 2 and "PHỤ LỤC: BIỂU ĐỒ" in content
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027" in content


@needs_pdftotext
def test_the_report_pdf_holds_the_tables_and_the_charts(client, director, seeded, immediate_tasks):
    report = TrainingReport.objects.create(year=2026, span="year", assessment="Đạt kế hoạch.")
    document = services.report_issue(report=report, by=director, today=datetime.date(2026, 12, 20))
    client.force_login(director)
    # The report's PDF is made by the background worker: the request answers with the file's page at once.
    response = client.get(reverse("issued_document_pdf", args=[document.pk]))
    file = GeneratedFile.objects.get()
    assert response.url == reverse("generated_file", args=[file.pk]) and file.kind == "issued_document_pdf"
    pdf = client.get(reverse("generated_file_download", args=[file.pk])).content
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "BÁO CÁO" in text and "Số 01-BC/TTCT" in text
    assert "Chương trình A" in text and "Xã Một" in text  # the tables
    assert "Học viên theo chương trình" in text  # the chart's title, drawn in the PDF
    assert "PHỤ LỤC: BIỂU ĐỒ" in text


def test_a_corrected_report_needs_a_reason_and_replaces_the_first(director, seeded):
    report = TrainingReport.objects.create(year=2026, span="h1")
    first = services.report_issue(report=report, by=director, today=datetime.date(2026, 7, 10))
    with pytest.raises(services.ReportError):
        services.report_issue(report=report, by=director, today=datetime.date(2026, 7, 12))
    second = services.report_issue(
        report=report, by=director, reason="Bổ sung số liệu lớp tháng 6", today=datetime.date(2026, 7, 12)
    )
    first.refresh_from_db()
    assert first.status == IssuedDocument.Status.REPLACED and second.replaces == first
    assert "6 tháng đầu năm 2026" in second.subject


def test_a_report_of_a_future_period_is_refused_and_bad_urls_are_404(client, director):
    report = TrainingReport.objects.create(year=2027, span="year")
    with pytest.raises(services.ReportError):
        services.report_issue(report=report, by=director, today=datetime.date(2026, 11, 29))
    client.force_login(director)
    assert client.get(reverse("report_detail", args=[2026, "h3"])).status_code == 404
    assert client.get(reverse("report_detail", args=[99999, "year"])).status_code == 404
    too_long = _write(client, assessment="x" * 20_001)
    assert too_long.status_code == 200 and not TrainingReport.objects.filter(year=2026).exists()
