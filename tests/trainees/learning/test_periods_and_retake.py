"""QĐ 1147 as programme data: attendance counted in periods (tiết), one retake below the pass mark (both kept,
the better counts), the default grade bands."""

from decimal import Decimal

import pytest
from django.urls import reverse

from center.audit import audit_for
from courses.models import Course, Programme
from tests.builders import add_session, completed, enrol, make_course, make_programme, make_trainee
from trainees.learning import services as svc
from trainees.learning.selectors import course_results, period_shares
from trainees.learning.services import Mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(lecturer):
    """Five sessions of 5, 5, 5, 1 and 1 periods (17 in all); ``steady`` missed the two 1-period sessions
    (3 of 5 sessions, but 15 of 17 periods = 88.2 %), ``patchy`` one 5-period morning (4 of 5 sessions = 80 %,
    but 12 of 17 periods = 70.6 %)."""
    course = make_course(status=Course.Status.FINISHED)
    sessions = [
        add_session(course, periods=5, day=0),
        add_session(course, periods=5, day=0, part="afternoon"),
        add_session(course, periods=5, day=1),
        add_session(course, periods=1, day=1, part="afternoon"),
        add_session(course, periods=1, day=2),
    ]
    steady = enrol(make_trainee(family_name="Lê Thị", given_name="Bình"), course)
    patchy = enrol(make_trainee(family_name="Phạm Văn", given_name="Cường"), course)
    absent = {steady.pk: {sessions[3].pk, sessions[4].pk}, patchy.pk: {sessions[0].pk}}
    marks = [
        Mark(e.pk, s.pk, "unexcused" if s.pk in absent[e.pk] else "present") for e in (steady, patchy) for s in sessions
    ]
    svc.attendance_save_course(course=course, sessions=sessions, marks=marks, roster=[steady, patchy], by=lecturer)
    course.steady, course.patchy = steady, patchy
    return course


def test_attendance_is_a_share_of_the_periods_not_of_the_sessions(course):
    rows = {r.enrolment.pk: r for r in course_results(course)}
    steady, patchy = rows[course.steady.pk], rows[course.patchy.pk]
    assert (steady.attended, steady.recorded) == (3, 5)  # 60 % of the sessions …
    assert (steady.attended_periods, steady.recorded_periods, steady.share) == (15, 17, Decimal("88.2"))
    assert (patchy.attended, patchy.recorded) == (4, 5)  # 80 % of the sessions …
    assert (patchy.attended_periods, patchy.recorded_periods, patchy.share) == (12, 17, Decimal("70.6"))
    assert period_shares(course) == {steady.enrolment.pk: Decimal("88.2"), patchy.enrolment.pk: Decimal("70.6")}
    programme = course.programme
    assert svc.completion_proposal(programme=programme, share=steady.share, score=Decimal("7")).completed
    assert not svc.completion_proposal(programme=programme, share=patchy.share, score=Decimal("7")).completed


def test_only_a_learner_with_enough_of_the_periods_sits_the_paper(course, lecturer):
    with pytest.raises(svc.ResultError) as exc:
        svc.results_record(course=course, scores={course.patchy.pk: Decimal("7.0")}, by=lecturer)
    assert "Phạm Văn Cường" in str(exc.value) and "70,6%" in str(exc.value)
    assert svc.results_record(course=course, scores={course.steady.pk: Decimal("7.0")}, by=lecturer) == 1
    course.patchy.refresh_from_db()
    assert course.patchy.score is None


def test_the_minimum_share_is_the_programmes(course, lecturer):
    Programme.objects.filter(pk=course.programme_id).update(min_attendance_percent=70)
    course.refresh_from_db()
    assert svc.results_record(course=course, scores={course.patchy.pk: Decimal("7.0")}, by=lecturer) == 1


def test_one_retake_below_the_pass_mark_both_kept_the_better_counts(course, lecturer):
    e = course.steady
    svc.results_record(course=course, scores={e.pk: Decimal("4.0")}, by=lecturer)
    e.refresh_from_db()
    assert (e.paper_score, e.retake_score, e.score, e.grade) == (Decimal("4.0"), None, Decimal("4.0"), "fail")
    svc.results_record(course=course, scores={}, retakes={e.pk: Decimal("6.0")}, by=lecturer)
    e.refresh_from_db()
    assert (e.paper_score, e.retake_score, e.score, e.grade) == (
        Decimal("4.0"),
        Decimal("6.0"),
        Decimal("6.0"),
        "average",
    )
    # A worse retake does not lower the result: the better attempt counts.
    svc.results_record(course=course, scores={}, retakes={e.pk: Decimal("3.5")}, by=lecturer)
    e.refresh_from_db()
    assert (e.paper_score, e.retake_score, e.score) == (Decimal("4.0"), Decimal("3.5"), Decimal("4.0"))
    attempts = [(a.data["attempt"], a.data["old"], a.data["new"]) for a in audit_for(e)]
    assert ("paper", None, "4.0") in attempts and ("retake", None, "6.0") in attempts
    assert ("retake", "6.0", "3.5") in attempts


def test_no_retake_for_a_passed_paper_or_without_a_paper(course, lecturer):
    e = course.steady
    with pytest.raises(svc.ResultError) as exc:
        svc.results_record(course=course, scores={}, retakes={e.pk: Decimal("6.0")}, by=lecturer)
    assert "Lê Thị Bình" in str(exc.value)
    svc.results_record(course=course, scores={e.pk: Decimal("5.0")}, by=lecturer)
    with pytest.raises(svc.ResultError):
        svc.results_record(course=course, scores={}, retakes={e.pk: Decimal("9.0")}, by=lecturer)
    e.refresh_from_db()
    assert (e.score, e.retake_score) == (Decimal("5.0"), None)


def test_a_retake_is_refused_once_the_results_are_frozen(director, lecturer):
    course = make_course(status=Course.Status.FINISHED)
    (e,) = completed(course, 1, by=director)
    with pytest.raises(svc.ResultError) as exc:
        svc.results_record(course=course, scores={}, retakes={e.pk: Decimal("9.0")}, by=lecturer)
    assert str(svc.ERROR_RESULTS_FROZEN) in str(exc.value)


def test_the_scores_page_records_a_retake(client, course, lecturer, clerk):
    e = course.steady
    svc.results_record(course=course, scores={e.pk: Decimal("4.5")}, by=lecturer)
    client.force_login(clerk)
    response = client.post(
        _scores_url(course),
        {f"score-{e.pk}": "4,5", f"retake-{e.pk}": "7,5"},
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert (e.paper_score, e.retake_score, e.score, e.grade) == (Decimal("4.5"), Decimal("7.5"), Decimal("7.5"), "fair")


def test_a_bad_retake_value_saves_nothing(client, course, clerk):
    e = course.steady
    client.force_login(clerk)
    response = client.post(_scores_url(course), {f"score-{e.pk}": "4", f"retake-{e.pk}": "abc"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    e.refresh_from_db()
    assert e.score is None


def _scores_url(course):
    return reverse("results_scores", args=[course.pk])


def test_new_programmes_get_the_qd_1147_bands():
    p = Programme(kind="other", name="x", code="X")
    assert (p.min_score, p.fair_from, p.good_from, p.excellent_from) == (
        Decimal("5.0"),
        Decimal("7.0"),
        Decimal("8.0"),
        Decimal("9.0"),
    )


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("10.0", "excellent"),
        ("9.0", "excellent"),
        ("8.9", "good"),
        ("8.0", "good"),
        ("7.9", "fair"),
        ("7.0", "fair"),
        ("6.9", "average"),
        ("5.0", "average"),
        ("4.9", "fail"),
    ],
)
def test_the_default_bands(score, grade):
    programme = make_programme()
    assert svc.grade_for(programme=programme, score=Decimal(score)) == grade
