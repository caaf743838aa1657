"""The certificate register on screen."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as certificate_svc
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_register_page_shows_the_full_name_in_one_cell(client, clerk, director):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-77")
    enrolment = completed(course, 1, by=director)[0]
    Trainee.objects.filter(pk=enrolment.trainee_id).update(family_name="Đỗ Văn", given_name="Bảo")
    issued = certificate_svc.certificates_issue_for_course(course=course, by=director, issued_on=timezone.localdate())
    client.force_login(clerk)
    html = client.get(reverse("certificate_register") + f"?year={issued[0].year}").content.decode()
    assert '<td class="nowrap">Đỗ Văn Bảo</td>' in html
    assert 'class="family' not in html


# --- 9. "Đồng chí" only for Party members -----------------------------------------------------------------
