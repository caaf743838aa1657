"""The register of outgoing documents: numbers per year and type with no gap or duplicate, the text frozen when a
document is issued, corrections that replace and keep, and the completion decision that certificates cite."""

import datetime
import io
import shutil
import subprocess
import threading
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from center.audit import audit_for
from center.models import Center
from courses import register
from courses.models import Course, DocumentCounter, IssuedDocument
from tests.builders import enrol, make_center, make_course, make_trainee
from tests.concurrency import run_in_threads
from trainees.certificates import services as certificates
from trainees.learning import services as learning
from trainees.models import Enrolment

KIND = IssuedDocument.Kind
THREADS = 8
TOTAL = 100


def _issue(kind=KIND.OPENING_DECISION, issued_on=datetime.date(2026, 3, 2), **kwargs) -> IssuedDocument:
    return register.issue_document(
        kind=kind,
        issued_on=issued_on,
        subject=kwargs.pop("subject", "về việc mở lớp"),
        template="print/_header.html",
        context={"center": Center.load(), "title": "QUYẾT ĐỊNH"},
        **kwargs,
    )


def _pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


@pytest.mark.django_db
def test_numbers_run_per_type_and_year_in_the_profile_s_format():
    make_center()
    decisions = [_issue() for _ in range(3)]
    plan = _issue(KIND.TRAINING_PLAN, subject="kế hoạch đào tạo năm 2026")
    completion = _issue(KIND.COMPLETION_DECISION, subject="về việc công nhận hoàn thành")
    next_year = _issue(issued_on=datetime.date(2027, 1, 5))

    assert [d.number_text for d in decisions] == ["01-QĐ/TTCT", "02-QĐ/TTCT", "03-QĐ/TTCT"]
    assert plan.number_text == "01-KH/TTCT"
    assert completion.number_text == "04-QĐ/TTCT"  # all decisions share one sequence in the year
    assert next_year.number_text == "01-QĐ/TTCT" and next_year.year == 2027
    assert "Số 01-QĐ/TTCT" in decisions[0].content and "QUYẾT ĐỊNH" in decisions[0].content
    assert decisions[0].signer_name == "Lê Văn Thành"
    assert audit_for(decisions[0]).get().action == "document.issued"


@pytest.mark.django_db
def test_the_number_format_comes_from_the_profile():
    make_center()
    Center.objects.update(document_number_format="{number}/{year}/{type}-{code}")
    assert _issue().number_text == "01/2026/QĐ-TTCT"


@pytest.mark.django_db
def test_a_correction_is_a_new_document_that_replaces_the_old_and_both_stay(director):
    make_center()
    first = _issue()
    with pytest.raises(register.RegisterError):
        _issue(replaces=first, reason="  ")
    second = _issue(replaces=first, reason="Sai ngày khai giảng", by=director)

    first.refresh_from_db()
    assert first.status == IssuedDocument.Status.REPLACED
    assert second.replaces == first and second.number_text == "02-QĐ/TTCT"
    assert second.correction_reason == "Sai ngày khai giảng"
    assert IssuedDocument.objects.count() == 2
    assert [e.action for e in audit_for(first)] == ["document.replaced", "document.issued"]
    with pytest.raises(register.RegisterError):
        _issue(replaces=first, reason="again")


def test_a_replaced_document_reprints_as_issued_under_a_box_saying_so(client, director):
    make_center()
    first = _issue()
    client.force_login(director)
    assert "ĐÃ ĐƯỢC THAY THẾ" not in client.get(reverse("issued_document_print", args=[first.pk])).content.decode()
    second = _issue(replaces=first, reason="Sai ngày khai giảng", by=director, issued_on=datetime.date(2026, 3, 5))

    reprint = client.get(reverse("issued_document_print", args=[first.pk])).content.decode()

    assert f"ĐÃ ĐƯỢC THAY THẾ bởi văn bản số {second.number_text} ngày 05/03/2026" in reprint
    assert first.content in reprint


def _run_threads(target, count: int) -> list[BaseException]:
    return run_in_threads(lambda _n: target(), range(count), threads=THREADS)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_issuing_100_documents_get_numbers_1_to_100():
    make_center()
    errors = _run_threads(_issue, TOTAL)
    assert errors == []
    numbers = sorted(IssuedDocument.objects.filter(series="QĐ", year=2026).values_list("number", flat=True))
    assert numbers == list(range(1, TOTAL + 1))
    assert DocumentCounter.objects.get(series="QĐ", year=2026).last == TOTAL


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_threads_take_the_same_number(monkeypatch):
    make_center()
    DocumentCounter.objects.create(series="QĐ", year=2026)
    barrier = threading.Barrier(THREADS, timeout=30)
    taken: list[int] = []

    def unlocked(series, year):
        counter = DocumentCounter.objects.get(series=series, year=year)  # no FOR UPDATE
        barrier.wait()  # every thread has read the same last number
        taken.append(counter.last + 1)
        return counter

    monkeypatch.setattr(register, "_lock_counter", unlocked)
    errors = _run_threads(_issue, THREADS)

    assert Counter(taken) == {1: THREADS}
    # Only the unique constraint kept the duplicates out of the register.
    assert len(errors) == THREADS - 1
    assert IssuedDocument.objects.count() == 1


def _confirmed_course(director, *, trainees: int = 3) -> Course:
    make_center()
    course = make_course(status=Course.Status.FINISHED, sessions=2, code="DVM-2026-07")
    for _ in range(trainees):
        enrol(
            make_trainee(),
            course,
            score=Decimal("8.5"),
            grade=Enrolment.Grade.GOOD,
            completion=Enrolment.Completion.COMPLETED,
        )
    learning.completion_confirm(course=course, by=director)
    return course


@pytest.mark.django_db
def test_confirming_the_completion_list_issues_the_numbered_decision(director):
    course = _confirmed_course(director)
    decision = register.current_document(course=course, kind=KIND.COMPLETION_DECISION)
    assert decision.number_text == "01-QĐ/TTCT"
    assert decision.issued_by == director
    assert "Số 01-QĐ/TTCT" in decision.content
    assert "Kèm theo Quyết định số 01-QĐ/TTCT" in decision.content
    assert decision.content.count('<td class="given">') == 3


@needs_pdftotext
@pytest.mark.django_db
def test_a_reprint_is_the_same_text_after_the_records_change(client, director):
    course = _confirmed_course(director)
    client.force_login(director)
    url = reverse("results_completion_decision_pdf", args=[course.pk])
    before = _pdf_text(client.get(url).content)

    enrolment = Enrolment.objects.filter(course=course).first()
    old_given = enrolment.trainee.given_name
    enrolment.trainee.given_name = "Đổi Tên"
    enrolment.trainee.save()
    Center.objects.update(name="Trung tâm Chính trị phường Mới")

    after = _pdf_text(client.get(url).content)
    assert after == before
    assert "Số 01-QĐ/TTCT" in after and old_given in after and "Đổi Tên" not in after


@pytest.mark.django_db
def test_reconfirming_after_a_reopen_replaces_the_decision_citing_the_reason(director):
    course = _confirmed_course(director)
    learning.results_reopen(course=course, by=director, reason="Nhập sai điểm của một học viên")
    learning.completion_confirm(course=course, by=director)

    first, second = IssuedDocument.objects.filter(course=course).order_by("number")
    assert first.status == IssuedDocument.Status.REPLACED
    assert second.replaces == first and second.status == IssuedDocument.Status.ISSUED
    assert "Nhập sai điểm của một học viên" in second.correction_reason
    assert register.current_document(course=course, kind=KIND.COMPLETION_DECISION) == second


@needs_pdftotext
@pytest.mark.django_db
def test_a_certificate_prints_its_completion_decision_s_number_and_date(director):
    course = _confirmed_course(director, trainees=1)
    decision = register.current_document(course=course, kind=KIND.COMPLETION_DECISION)
    enrolment = Enrolment.objects.get(course=course)
    certificate = certificates.certificate_issue(enrolment=enrolment, by=director, issued_on=decision.issued_on)

    assert certificate.decision_number == "01-QĐ/TTCT" and certificate.decision_date == decision.issued_on
    text = _pdf_text(certificates.certificate_pdf(certificates=[certificate])[2])
    assert f"số 01-QĐ/TTCT ngày {decision.issued_on:%d/%m/%Y}" in text


@pytest.mark.django_db
def test_the_register_page_lists_the_year_s_documents_by_type_with_excel(client, director):
    make_center()
    opening = _issue()
    _issue(KIND.TRAINING_PLAN, subject='=HYPERLINK("http://x","y")')
    _issue(issued_on=datetime.date(2025, 12, 30))
    client.force_login(director)

    page = client.get(reverse("document_register"), {"year": 2026, "type": "QĐ"})
    assert [d.number_text for d in page.context["documents"]] == [opening.number_text]
    assert client.get(reverse("document_register"), {"year": "9999999999999"}).status_code == 200

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("document_register_xlsx"), {"year": 2026}).content))
    cells = [[c.value for c in row] for row in workbook.active.iter_rows(min_row=3)]
    assert [row[1] for row in cells] == ["01-KH/TTCT", "01-QĐ/TTCT"]
    subject_cell = workbook.active.cell(row=3, column=5)
    assert subject_cell.data_type == "s" and subject_cell.value.startswith("=HYPERLINK")

    detail = client.get(reverse("issued_document_print", args=[opening.pk]))
    assert "Số 01-QĐ/TTCT" in detail.content.decode()
