"""Quê quán and tôn giáo on the trainee's record. The religion is sensitive personal data (Luật Bảo vệ dữ liệu
cá nhân 2025): the director and the clerks see and change it; nobody else, and no export or public page shows it
(the class file is the one printed place)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders import course_with_trainees, make_trainee
from trainees.models import Trainee

pytestmark = pytest.mark.django_db
RELIGION = "Phật giáo Hòa Hảo"


@pytest.fixture
def trainee():
    return make_trainee(
        family_name="Nguyễn Văn", given_name="Tư", religion=RELIGION, hometown="xã Hòa Lợi, tỉnh Vĩnh Long"
    )


@pytest.mark.parametrize("persona", ["director", "clerk"])
def test_the_director_and_clerks_see_the_religion(client, request, persona, trainee):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("trainee_detail", args=[trainee.pk])).content.decode()
    assert RELIGION in html and "xã Hòa Lợi, tỉnh Vĩnh Long" in html
    form = client.get(reverse("trainee_edit", args=[trainee.pk])).content.decode()
    assert 'name="religion"' in form and 'name="hometown"' in form


def test_the_deputy_sees_the_place_of_origin_but_not_the_religion_and_keeps_it_on_saving(client, deputy, trainee):
    client.force_login(deputy)
    html = client.get(reverse("trainee_detail", args=[trainee.pk])).content.decode()
    assert RELIGION not in html and "xã Hòa Lợi" in html
    form = client.get(reverse("trainee_edit", args=[trainee.pk])).content.decode()
    assert 'name="religion"' not in form

    client.post(
        reverse("trainee_edit", args=[trainee.pk]),
        {"full_name": "Nguyễn Văn Tư", "party_status": "none", "ethnicity": "Kinh", "hometown": "xã Hòa Lợi"},
    )

    trainee.refresh_from_db()
    assert trainee.hometown == "xã Hòa Lợi" and trainee.religion == RELIGION


def test_the_admin_hides_the_religion_from_whoever_may_not_see_it(client, deputy, trainee, admin_user):
    from django.contrib.auth.models import Permission

    deputy.is_staff = True
    deputy.save()
    deputy.user_permissions.add(*Permission.objects.filter(codename__in=["change_trainee", "view_trainee"]))
    client.force_login(deputy)
    page = client.get(reverse("admin:trainees_trainee_change", args=[trainee.pk]))
    assert page.status_code == 200 and RELIGION not in page.content.decode()
    client.force_login(admin_user)  # a superuser has every staff role
    assert RELIGION in client.get(reverse("admin:trainees_trainee_change", args=[trainee.pk])).content.decode()


def test_no_export_or_roster_carries_the_religion(client, director):
    course = course_with_trainees(approved=3, sessions=1, code="REL-1")
    Trainee.objects.filter(enrolments__course=course).update(religion=RELIGION)
    client.force_login(director)
    for name in ("course_roster_print", "course_signin_print", "course_results_print"):
        assert RELIGION not in client.get(reverse(name, args=[course.pk])).content.decode(), name
    workbook = client.get(reverse("course_roster_xlsx", args=[course.pk])).content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(workbook)).active.iter_rows() for c in row]
    assert not any(RELIGION in c for c in cells)
    export = client.get(reverse("trainee_export"))
    assert export.status_code == 200
    cells = [str(c.value) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row]
    assert not any(RELIGION in c for c in cells)


def test_the_trainee_sees_their_place_of_origin_but_the_portal_never_shows_the_religion(client, trainee_user, trainee):
    Trainee.objects.filter(pk=trainee.pk).update(user=trainee_user)
    client.force_login(trainee_user)

    html = client.get(reverse("portal_details")).content.decode()

    assert "xã Hòa Lợi, tỉnh Vĩnh Long" in html and RELIGION not in html
