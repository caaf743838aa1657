"""The completion flow on one page: the review, the director's confirmation, and the decision only after it."""

import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Course
from tests.builders import enrol, make_course, make_trainee
from trainees.learning import services as results_svc
from trainees.models import Attendance, Enrolment

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def finished(db):
    course = make_course(
        status=Course.Status.FINISHED, sessions=2, title="Lớp bồi dưỡng nhận thức về Đảng khóa 9", code="NTVD-09"
    )
    for score in ("9.0", "7.0"):
        e = enrol(make_trainee(), course, score=Decimal(score))
        for s in course.sessions.all():
            Attendance.objects.create(session=s, enrolment=e, status="present")
    return course


def test_the_review_stays_on_its_page_counts_changes_and_leads_to_the_confirmation(client, clerk, director, finished):
    url = reverse("results_completion", args=[finished.pk])
    rows = list(Enrolment.objects.filter(course=finished))
    data = {f"completion-{e.pk}": "completed" for e in rows}
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert reverse("results_completion_decision", args=[finished.pk]) not in page
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url + "#next-step"
    assert _messages(response) == ["Đã lưu kết quả xét hoàn thành: thay đổi 2 học viên."]
    client.get(url)  # shows (and consumes) the message
    response = client.post(url, data)
    assert _messages(response) == ["Đã lưu kết quả xét hoàn thành: không có thay đổi."]
    clerk_page = client.get(url).content.decode()
    assert "Giám đốc xác nhận danh sách tại trang này" in clerk_page
    assert reverse("results_completion_confirm", args=[finished.pk]) not in clerk_page
    client.force_login(director)
    page = client.get(url).content.decode()
    assert reverse("results_completion_confirm", args=[finished.pk]) in page
    response = client.post(reverse("results_completion_confirm", args=[finished.pk]))
    assert response.url == url
    page = client.get(url).content.decode()
    assert reverse("results_completion_decision", args=[finished.pk]) in page


def test_the_decision_is_refused_until_the_director_confirms(client, clerk, director, finished):
    decision = reverse("results_completion_decision", args=[finished.pk])
    decision_pdf = reverse("results_completion_decision_pdf", args=[finished.pk])
    results = reverse("results_course", args=[finished.pk])
    client.force_login(clerk)
    assert decision not in client.get(results).content.decode()
    for url in (decision, decision_pdf):
        response = client.get(url)
        assert response.status_code == 302 and response.url == results
        assert any("Giám đốc xác nhận danh sách" in m for m in _messages(response))
    results_svc.completion_review(
        course=finished,
        decisions={e.pk: "completed" for e in Enrolment.objects.filter(course=finished)},
        by=clerk,
    )
    assert client.get(decision).status_code == 302  # reviewed, not yet confirmed
    results_svc.completion_confirm(course=finished, by=director)
    assert decision in client.get(results).content.decode()
    html = client.get(decision).content.decode()
    assert "Công nhận 2 học viên" in html
    assert "lớp bồi dưỡng nhận thức về Đảng khóa 9 (NTVD-09)" in html and "lớp Lớp" not in html
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(decision_pdf).content)).pages)
    assert "lớp Lớp" not in text and "học viên Lớp" not in text


# --- 6. "lớp Lớp" -----------------------------------------------------------------------------------------
