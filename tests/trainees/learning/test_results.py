from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from center.audit import audit_for
from courses.models import Course
from tests.builders import enrol, make_course, make_programme, make_trainee
from trainees.learning import services as svc
from trainees.models import Attendance, Enrolment


@pytest.mark.parametrize(
    ("text", "value"),
    [("7.5", Decimal("7.5")), ("7,5", Decimal("7.5")), (" 10 ", Decimal("10.0")), ("0", Decimal("0.0")), ("", None)],
)
def test_scores_accept_comma_or_point(text, value):
    assert svc.parse_score(text) == value


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("7.55", svc.ERROR_SCORE_FORMAT),
        ("abc", svc.ERROR_SCORE_FORMAT),
        ("11", svc.ERROR_SCORE_RANGE),
        ("-1", svc.ERROR_SCORE_FORMAT),
    ],
)
def test_bad_scores_get_a_specific_message(text, error):
    with pytest.raises(svc.ResultError) as exc:
        svc.parse_score(text)
    assert str(exc.value) == str(error)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("9.0", "excellent"),
        ("8.9", "good"),
        ("8.0", "good"),
        ("7.0", "fair"),
        ("6.9", "average"),
        ("5.0", "average"),
        ("4.9", "fail"),
    ],
)
def test_the_grade_follows_the_programmes_bands(score, grade):
    programme = make_programme()
    assert svc.grade_for(programme=programme, score=Decimal(score)) == grade


def test_a_changed_score_keeps_the_old_value_in_the_history(clerk, director):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrolment = enrol(make_trainee(), course)
    svc.results_record(course=course, scores={enrolment.pk: Decimal("6.0")}, by=clerk)
    svc.results_record(course=course, scores={enrolment.pk: Decimal("8.5")}, by=director)
    enrolment.refresh_from_db()
    assert (enrolment.score, enrolment.grade) == (Decimal("8.5"), "good")
    changed, recorded = list(audit_for(enrolment))
    assert (changed.action, changed.data, changed.actor) == (
        "result.changed",
        {"attempt": "paper", "old": "6.0", "new": "8.5"},
        director,
    )
    assert (recorded.action, recorded.data) == ("result.recorded", {"attempt": "paper", "old": None, "new": "6.0"})


def test_a_pasted_column_is_checked_line_by_line(client, clerk):
    client.force_login(clerk)
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    for _ in range(3):
        enrol(make_trainee(), course)
    roster = list(Enrolment.objects.roster(course))
    url = reverse("results_scores", args=[course.pk])
    response = client.post(url, {"paste-column": "7,5\nmười\n11\n"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Dòng 2 ({roster[1].trainee.full_name})" in page and f"Dòng 3 ({roster[2].trainee.full_name})" in page
    assert not Enrolment.objects.filter(score__isnull=False).exists()
    response = client.post(url, {"paste-column": "7,5\n\n9\n"})
    assert response.status_code == 302
    scores = [e.score for e in Enrolment.objects.roster(course)]
    assert scores == [Decimal("7.5"), None, Decimal("9.0")]


def test_a_pasted_column_must_match_the_roster(clerk):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrol(make_trainee(), course)
    with pytest.raises(svc.ResultError) as exc:
        svc.parse_score_column("7\n8\n", roster=list(Enrolment.objects.roster(course)))
    assert str(exc.value.message) == str(svc.ERROR_PASTE_COUNT % {"lines": 2, "trainees": 1})


def test_per_trainee_scores_are_saved_all_or_nothing(client, clerk):
    client.force_login(clerk)
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    a, b = enrol(make_trainee(), course), enrol(make_trainee(), course)
    url = reverse("results_scores", args=[course.pk])
    assert client.post(url, {f"score-{a.pk}": "8", f"score-{b.pk}": "8.25"}).status_code == 200
    assert not Enrolment.objects.filter(score__isnull=False).exists()
    assert client.post(url, {f"score-{a.pk}": "8", f"score-{b.pk}": "4,5"}).status_code == 302
    b.refresh_from_db()
    assert (b.score, b.grade) == (Decimal("4.5"), "fail")


def _results_queries(client, course) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("results_course", args=[course.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_the_results_page_shows_shares_and_warns_early(client, clerk):
    client.force_login(clerk)
    course = make_course(sessions=4, status="in_progress", end_date=__import__("datetime").date(2099, 1, 1))
    good, poor = enrol(make_trainee(), course), enrol(make_trainee(), course)
    sessions = list(course.sessions.all())
    for s in sessions:
        Attendance.objects.create(session=s, enrolment=good, status="present")
        Attendance.objects.create(session=s, enrolment=poor, status="unexcused" if s != sessions[0] else "late")
    page = client.get(reverse("results_course", args=[course.pk])).content.decode()
    assert "100,0%" in page and "25,0%" in page
    assert page.count('class="att-warning"') == 1


def test_the_results_page_runs_constant_queries(client, clerk):
    client.force_login(clerk)
    small, big = (
        make_course(status=Course.Status.FINISHED, sessions=2),
        make_course(status=Course.Status.FINISHED, sessions=2),
    )
    for course, size in ((small, 2), (big, 25)):
        for _ in range(size):
            e = enrol(make_trainee(), course)
            for s in course.sessions.all():
                Attendance.objects.create(session=s, enrolment=e)
    assert _results_queries(client, small) == _results_queries(client, big)


def test_the_course_page_panel_warns_about_low_attendance(rf, clerk):
    import datetime

    from trainees.learning.views import course_results_panel

    course = make_course(sessions=4, status="in_progress", end_date=datetime.date(2099, 1, 1))
    good, poor = enrol(make_trainee(), course), enrol(make_trainee(), course)
    for s in course.sessions.all():
        Attendance.objects.create(session=s, enrolment=good)
        Attendance.objects.create(session=s, enrolment=poor, status="unexcused")
    request = rf.get("/")
    request.user = clerk
    panel = course_results_panel(request, course)
    assert [r.enrolment for r in panel["below"]] == [poor]
