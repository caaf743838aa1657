import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Course
from tests.builders import enrol, make_course, make_trainee
from trainees.learning import services as svc
from trainees.models import Attendance, Enrolment


@pytest.fixture
def course(db):
    course = make_course(status=Course.Status.FINISHED, sessions=5)
    sessions = list(course.sessions.all())
    attendance = {"full": 5, "four": 4, "three": 3}
    for key, score in (("full", "9.0"), ("four", "4.0"), ("three", "8.0")):
        e = enrol(make_trainee(), course, score=Decimal(score))
        for i, s in enumerate(sessions):
            Attendance.objects.create(session=s, enrolment=e, status="present" if i < attendance[key] else "excused")
    return course


def test_the_portal_proposes_from_attendance_score_and_rule(client, clerk, course):
    client.force_login(clerk)
    page = client.get(reverse("results_completion", args=[course.pk]))
    rows = {r.enrolment.score: r.proposal for r in page.context["rows"]}
    assert rows[Decimal("9.0")].completed
    assert not rows[Decimal("4.0")].completed  # 80 % attended, score below 5
    assert not rows[Decimal("8.0")].completed  # 60 % attended
    assert "60,0" in rows[Decimal("8.0")].reasons[0]


def test_staff_review_then_the_director_confirms(client, clerk, director, course):
    client.force_login(clerk)
    enrolments = list(Enrolment.objects.filter(course=course).order_by("score"))
    data = {f"completion-{e.pk}": "completed" if e.score >= 8 else "not_completed" for e in enrolments}
    assert client.post(reverse("results_completion", args=[course.pk]), data).status_code == 302
    assert client.post(reverse("results_completion_confirm", args=[course.pk])).status_code == 403
    client.force_login(director)
    client.post(reverse("results_completion_confirm", args=[course.pk]))
    confirmed = Enrolment.objects.filter(course=course, completion_confirmed_by=director)
    assert confirmed.count() == 3
    assert set(confirmed.filter(completion="completed").values_list("score", flat=True)) == {
        Decimal("8.0"),
        Decimal("9.0"),
    }


def test_the_director_cannot_confirm_before_everyone_is_reviewed(director, course):
    with pytest.raises(svc.ResultError):
        svc.completion_confirm(course=course, by=director)


def test_the_decision_document_lists_the_confirmed_trainees(client, clerk, director, course):
    enrolments = list(Enrolment.objects.filter(course=course).select_related("trainee").order_by("score"))
    svc.completion_review(
        course=course,
        decisions={e.pk: "completed" if e.score >= 8 else "not_completed" for e in enrolments},
        by=clerk,
    )
    svc.completion_confirm(course=course, by=director)
    client.force_login(clerk)
    html = client.get(reverse("results_completion_decision", args=[course.pk])).content.decode()
    assert "về việc công nhận hoàn thành chương trình" in html
    response = client.get(reverse("results_completion_decision_pdf", args=[course.pk]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "QUYẾT ĐỊNH" in text and "DANH SÁCH" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert enrolments[2].trainee.given_name in text and enrolments[1].trainee.given_name in text
    assert "Danh sách có 2 học viên." in text
