import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_course
from tests.factories import TraineeFactory, UnitFactory
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def _pending(courses: int, per_course: int, unit=None):
    unit = unit or UnitFactory()
    trainees = TraineeFactory.create_batch(courses * per_course, unit=unit)
    made = []
    for c in range(courses):
        course = make_course(capacity=per_course + 5)
        made.append(course)
        Enrolment.objects.bulk_create(
            [
                Enrolment(trainee=t, course=course, sending_unit=unit)
                for t in trainees[c * per_course : (c + 1) * per_course]
            ]
        )
    return made


def test_the_queue_runs_a_constant_number_of_queries(client, director, django_assert_num_queries):
    client.force_login(director)
    _pending(2, 3)
    client.get(reverse("approval_queue"))  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("approval_queue"))
    assert response.context["total"] == 6
    Enrolment.objects.all().delete()
    _pending(10, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("approval_queue"))
    assert response.context["total"] == 300
    assert len(response.context["courses"]) == 4  # a page holds 100 rows: 3 courses and part of a fourth


def test_the_queue_groups_by_course_filters_by_unit_and_shows_seats_left(client, director):
    unit, other = UnitFactory(), UnitFactory()
    course = _pending(1, 2, unit=unit)[0]
    _pending(1, 3, unit=other)
    Enrolment.objects.create(trainee=TraineeFactory(), course=course, status="approved")
    client.force_login(director)
    response = client.get(reverse("approval_queue"), {"unit": unit.pk})
    courses = response.context["courses"]
    assert [c.pk for c in courses] == [course.pk]
    assert courses[0].seats_left == course.capacity - 1
    assert len(courses[0].queue) == 2


def test_bulk_approval_and_bulk_rejection_with_one_reason(client, director):
    course = _pending(1, 4)[0]
    ids = list(Enrolment.objects.filter(course=course).values_list("pk", flat=True))
    client.force_login(director)
    url = reverse("approval_queue")
    client.post(url, {"bulk-action": "approve", "bulk-enrolments": ids[:2], "bulk-when_full": "refuse"})
    client.post(url, {"bulk-action": "reject", "bulk-enrolments": ids[2:], "bulk-reason": "Quá số lượng đơn vị"})
    statuses = dict(Enrolment.objects.filter(course=course).values_list("pk", "status"))
    assert [statuses[i] for i in ids] == ["approved", "approved", "rejected", "rejected"]
    assert set(Enrolment.objects.filter(pk__in=ids[2:]).values_list("decision_reason", flat=True)) == {
        "Quá số lượng đơn vị"
    }


def test_bulk_rejection_without_a_reason_changes_nothing(client, director):
    course = _pending(1, 2)[0]
    ids = list(Enrolment.objects.filter(course=course).values_list("pk", flat=True))
    client.force_login(director)
    client.post(reverse("approval_queue"), {"bulk-action": "reject", "bulk-enrolments": ids})
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.parametrize("persona", ["clerk", "lecturer", "deputy"])
def test_staff_who_may_not_decide_get_403(client, request, persona):
    enrolment = Enrolment.objects.filter(course=_pending(1, 1)[0]).get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("approval_queue")).status_code == 403
    response = client.post(reverse("enrolment_decide", args=[enrolment.pk]), {"action": "approve"})
    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == "pending"


def test_a_trainee_sees_none_of_it(client, trainee_user):
    enrolment = Enrolment.objects.filter(course=_pending(1, 1)[0]).get()
    client.force_login(trainee_user)
    for url in (reverse("approval_queue"), reverse("enrolment_detail", args=[enrolment.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("enrolment_decide", args=[enrolment.pk]), {"action": "approve"}).status_code == 404


def test_the_delegated_deputy_decides_from_the_queue(client, deputy, center):
    center.approval_delegate = deputy
    center.save()
    enrolment = Enrolment.objects.filter(course=_pending(1, 1)[0]).get()
    client.force_login(deputy)
    assert client.get(reverse("approval_queue")).status_code == 200
    client.post(reverse("enrolment_decide", args=[enrolment.pk]), {"action": "approve"})
    enrolment.refresh_from_db()
    assert enrolment.status == "approved"


def test_the_director_sees_the_pending_count_on_the_dashboard(client, director, clerk):
    _pending(1, 3)
    client.force_login(director)
    assert 'data-testid="pending-count">3<' in client.get(reverse("home")).content.decode()
    client.force_login(clerk)
    assert "pending-count" not in client.get(reverse("home")).content.decode()


def test_course_enrolment_list_shows_every_state_and_a_constant_number_of_queries(
    client, clerk, django_assert_num_queries
):
    course = _pending(1, 3)[0]
    client.force_login(clerk)
    url = reverse("course_enrolments", args=[course.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    Enrolment.objects.bulk_create([Enrolment(trainee=t, course=course) for t in TraineeFactory.create_batch(20)])
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["groups"][0][2]) == 23
