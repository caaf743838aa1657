"""Reprinting one lost slip keeps the codes already handed out. (Fails on the code before: every trainee
without an activated login was pre-selected, so the default reprint cancelled the whole class's codes,
and nothing said how many would be replaced.)"""

import re

import pytest
from django.urls import reverse

from courses.models import Course
from tests.builders import make_course
from tests.trainees.accounts.test_accounts import _approved_trainees
from trainees.accounts.services import activation_code_issue
from trainees.models import ActivationCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_out(clerk):
    """A course of three trainees whose slips were printed and handed out (codes still valid)."""
    course = make_course(status=Course.Status.IN_PROGRESS, sessions=2)
    trainees = _approved_trainees(course, 3)
    for trainee in trainees:
        activation_code_issue(trainee=trainee, by=clerk)
    return course, trainees


def _checked(page: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="trainee" value="(\d+)" id="t\d+" checked', page)}


def test_trainees_with_a_valid_code_are_not_preselected(client, clerk, handed_out):
    course, trainees = handed_out
    client.force_login(clerk)
    ActivationCode.objects.filter(trainee=trainees[0]).update(revoked_at="2026-01-01T00:00:00Z")
    page = client.get(reverse("account_course", args=[course.pk])).content.decode()
    assert _checked(page) == {trainees[0].pk}


def test_reprinting_one_slip_asks_first_and_keeps_the_other_codes(client, clerk, handed_out):
    course, trainees = handed_out
    client.force_login(clerk)
    data = {"course": course.pk, "trainee": [trainees[1].pk], "format": "html"}
    page = client.post(reverse("account_slips"), data).content.decode()
    assert "Thay 1 mã" in page and "slip-code" not in page
    assert ActivationCode.objects.filter(revoked_at=None).count() == 3
    printed = client.post(reverse("account_slips"), {**data, "replace": "yes"}).content.decode()
    assert "slip-code" in printed
    live = set(ActivationCode.objects.filter(revoked_at=None).values_list("trainee_id", flat=True))
    assert live == {t.pk for t in trainees}
    assert ActivationCode.objects.filter(trainee=trainees[0], revoked_at=None).count() == 1
    assert ActivationCode.objects.filter(trainee=trainees[1]).count() == 2
