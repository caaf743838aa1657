"""The year's training plan: lines by programme and quarter, the director's approval issued as a numbered plan,
reopening for a correction, courses linked to a line, and the plan against what was done — exact figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from center.audit import audit_for
from courses import plans
from courses.models import Course, IssuedDocument, PlanLine, TrainingPlan
from tests.builders import enrol, make_center, make_course, make_programme, make_trainee
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def _course(line, status, *, approved=0, completed=0, withdrawn=0, code, start=None, programme=None):
    course = make_course(
        status=status,
        programme=programme or line.programme,
        code=code,
        start_date=start or datetime.date(2026, 3 * line.quarter - 1, 10),
        end_date=(start or datetime.date(2026, 3 * line.quarter - 1, 10)) + datetime.timedelta(days=4),
        sessions=0,
    )
    if line is not None and programme is None:
        course.plan_line = line
        course.save(update_fields=["plan_line"])
    for n in range(approved):
        done = n < completed
        enrol(
            make_trainee(),
            course,
            score=Decimal("8.0") if done else None,
            completion=Enrolment.Completion.COMPLETED if done else "",
            completion_confirmed_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC) if done else None,
        )
    for _ in range(withdrawn):
        enrol(make_trainee(), course, status=Enrolment.Status.WITHDRAWN)
    return course


def test_plan_against_actual_figures_are_exact(director):
    make_center()
    awareness, new_members = make_programme(code="NTVD-P"), make_programme(code="DVM-P")
    plan = TrainingPlan.objects.create(year=2026)
    q1 = PlanLine.objects.create(plan=plan, programme=awareness, quarter=1, classes=2, learners=60)
    q2 = PlanLine.objects.create(plan=plan, programme=new_members, quarter=2, classes=1, learners=40)
    PlanLine.objects.create(plan=plan, programme=new_members, quarter=4, classes=1, learners=30)

    _course(q1, Course.Status.FINISHED, approved=20, completed=18, withdrawn=2, code="A1")
    _course(q1, Course.Status.IN_PROGRESS, approved=15, code="A2")
    _course(q1, Course.Status.CANCELLED, approved=9, code="A3")  # counts nowhere
    _course(q2, Course.Status.PLANNED, approved=0, code="B1")  # linked, not opened yet
    outside = make_course(status=Course.Status.OPEN, code="X1", start_date=datetime.date(2026, 9, 1), sessions=0)
    enrol(make_trainee(), outside)
    make_course(status=Course.Status.FINISHED, code="OLD", start_date=datetime.date(2025, 9, 1), sessions=0)

    figures = plans.plan_figures(plan)

    rows = {(line.quarter, line.programme.code): f for line, f in figures.lines}
    a, b, c = rows[(1, "NTVD-P")], rows[(2, "DVM-P")], rows[(4, "DVM-P")]
    assert (a.planned_classes, a.opened, a.finished, a.planned_learners, a.enrolled, a.completed) == (
        2,
        2,
        1,
        60,
        35,
        18,
    )
    assert [course.code for course in a.courses] == ["A1", "A2"]
    assert (b.planned_classes, b.opened, b.finished, b.enrolled, b.completed) == (1, 0, 0, 0, 0)
    assert [course.code for course in b.courses] == ["B1"]
    assert (c.opened, c.enrolled, c.courses) == (0, 0, [])
    assert (figures.outside.opened, figures.outside.enrolled, [x.code for x in figures.outside.courses]) == (
        1,
        1,
        ["X1"],
    )
    total = figures.total
    assert (total.planned_classes, total.opened, total.finished, total.planned_learners) == (4, 3, 1, 130)
    assert (total.enrolled, total.completed, total.classes_share) == (36, 18, 75)


def test_the_director_approves_the_plan_and_it_is_issued_as_a_numbered_plan(client, director, clerk):
    make_center()
    plan = TrainingPlan.objects.create(year=2027, note="Bồi dưỡng đủ 100% đảng viên mới kết nạp trong năm.")
    client.force_login(director)
    client.post(reverse("plan_approve", args=[2027]))
    plan.refresh_from_db()
    assert plan.status == TrainingPlan.Status.DRAFT  # no lines: refused
    PlanLine.objects.create(plan=plan, programme=make_programme(code="DVM-Q"), quarter=3, classes=2, learners=70)

    client.force_login(clerk)
    assert client.post(reverse("plan_approve", args=[2027])).status_code == 403
    client.force_login(director)
    client.post(reverse("plan_approve", args=[2027]))

    plan.refresh_from_db()
    document = plans.plan_document(plan)
    assert plan.status == TrainingPlan.Status.APPROVED and plan.approved_by == director
    assert document.number_text.endswith("-KH/TTCT") and document.kind == IssuedDocument.Kind.TRAINING_PLAN
    assert "Quý III" in document.content and "Bồi dưỡng đủ 100%" in document.content
    assert "đào tạo, bồi dưỡng năm 2027" in document.content
    # An approved plan cannot be changed without reopening it.
    with pytest.raises(plans.PlanError):
        plans.plan_save_lines(plan=plan, formset=None, by=director)


def test_reopening_needs_a_reason_and_approving_again_replaces_the_plan(client, director):
    make_center()
    plan = TrainingPlan.objects.create(year=2027)
    PlanLine.objects.create(plan=plan, programme=make_programme(code="DVM-R"), quarter=1, classes=1, learners=30)
    first = plans.plan_approve(plan=plan, by=director)
    client.force_login(director)
    client.post(reverse("plan_reopen", args=[2027]), {"reason": ""})
    plan.refresh_from_db()
    assert plan.status == TrainingPlan.Status.APPROVED
    client.post(reverse("plan_reopen", args=[2027]), {"reason": "Thêm một lớp nhận thức về Đảng"})
    plan.refresh_from_db()
    assert plan.status == TrainingPlan.Status.DRAFT

    second = plans.plan_approve(plan=plan, by=director)
    first.refresh_from_db()
    assert first.status == IssuedDocument.Status.REPLACED and second.replaces == first
    assert "Thêm một lớp nhận thức về Đảng" in second.correction_reason
    assert [e.action for e in audit_for(plan)][:3] == ["plan.approved", "plan.reopened", "plan.approved"]


def test_the_clerk_drafts_lines_on_the_plan_page_and_duplicates_are_refused(client, clerk):
    make_center()
    programme = make_programme(code="NTVD-S")
    client.force_login(clerk)
    client.post(reverse("plan_create"), {"year": 2027})
    plan = TrainingPlan.objects.get(year=2027)
    management = {"lines-TOTAL_FORMS": 2, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0, "lines-MAX_NUM_FORMS": 80}
    row = {"quarter": 2, "programme": programme.pk, "classes": 2, "learners": 60, "target_groups": "quần chúng ưu tú"}
    data = {"note": "", **management, **{f"lines-0-{k}": v for k, v in row.items()}}
    duplicate = {**data, **{f"lines-1-{k}": v for k, v in row.items()}}

    response = client.post(reverse("plan_detail", args=[2027]), duplicate)
    assert response.status_code == 200
    assert "đã có trong kế hoạch của quý này" in response.content.decode()
    assert not plan.lines.exists()

    client.post(reverse("plan_detail", args=[2027]), {**data, "lines-TOTAL_FORMS": 1})
    line = plan.lines.get()
    assert (line.quarter, line.classes, line.learners, line.target_groups) == (2, 2, 60, "quần chúng ưu tú")
    assert client.post(reverse("plan_create"), {"year": 99999999}).status_code == 302
    assert client.get(reverse("plan_detail", args=[99999999999])).status_code == 404


def test_a_course_links_only_to_a_line_of_its_programme_and_year(client, clerk):
    make_center()
    programme, other = make_programme(code="DVM-T"), make_programme(code="NTVD-T")
    plan = TrainingPlan.objects.create(year=2026)
    line = PlanLine.objects.create(plan=plan, programme=other, quarter=2, classes=1, learners=30)
    assert plans.check_plan_line(line=line, programme=programme, start_date=datetime.date(2026, 5, 1))
    assert plans.check_plan_line(line=line, programme=other, start_date=datetime.date(2027, 5, 1))
    assert plans.check_plan_line(line=line, programme=other, start_date=datetime.date(2026, 5, 1)) is None


def test_the_course_page_names_its_line_of_the_plan(client, clerk):
    make_center()
    plan = TrainingPlan.objects.create(year=2026)
    line = PlanLine.objects.create(
        plan=plan, programme=make_programme(code="NTVD-TEST"), quarter=2, classes=1, learners=40
    )
    course = _course(line, Course.Status.PLANNED, code="NTVD.2026.05")
    client.force_login(clerk)

    html = client.get(reverse("course_detail", args=[course.pk])).content.decode()

    assert "Kế hoạch năm" in html and reverse("plan_detail", args=[2026]) in html and str(line) in html
