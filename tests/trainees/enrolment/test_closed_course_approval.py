"""Approving an enrolment in a cancelled or finished course is refused, and no portal login is made."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import Course
from tests.builders import make_course
from tests.factories import TraineeFactory
from trainees.enrolment import services as svc
from trainees.models import Enrolment


@pytest.mark.parametrize("status", [Course.Status.CANCELLED, Course.Status.FINISHED])
def test_approving_in_a_closed_course_is_refused_and_makes_no_login(director, status):
    course = make_course()
    enrolment = svc.enrolment_submit(trainee=TraineeFactory(), course=course, by=director)
    Course.objects.filter(pk=course.pk).update(status=status, enrolment_open=False)
    logins = get_user_model().objects.count()
    with pytest.raises(svc.EnrolmentError) as exc:
        svc.enrolment_approve(enrolment=enrolment, by=director)
    assert exc.value.message == svc.COURSE_CLOSED
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.PENDING
    assert get_user_model().objects.count() == logins
    assert enrolment.trainee.user_id is None


def test_the_director_sees_the_refusal_on_the_page(client, director):
    course = make_course()
    enrolment = svc.enrolment_submit(trainee=TraineeFactory(), course=course, by=director)
    Course.objects.filter(pk=course.pk).update(status=Course.Status.CANCELLED, enrolment_open=False)
    client.force_login(director)
    response = client.post(reverse("enrolment_decide", args=[enrolment.pk]), {"action": "approve"}, follow=True)
    assert response.status_code == 200
    assert "Lớp đã kết thúc hoặc đã hủy; không nhận ghi danh." in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.PENDING


def test_a_waitlisted_enrolment_is_not_promoted_into_a_finished_course(director):
    course = make_course(capacity=1)
    first = svc.enrolment_submit(trainee=TraineeFactory(), course=course, by=director)
    second = svc.enrolment_submit(trainee=TraineeFactory(), course=course, by=director)
    svc.enrolment_approve(enrolment=first, by=director)
    svc.enrolment_waitlist(enrolment=second, by=director)
    svc.enrolment_withdraw(enrolment=first, by=director, reason="Chuyển công tác")
    Course.objects.filter(pk=course.pk).update(status=Course.Status.FINISHED)
    with pytest.raises(svc.EnrolmentError):
        svc.enrolment_promote(enrolment=second, by=director)
    assert Enrolment.objects.get(pk=second.pk).status == Enrolment.Status.WAITLISTED
