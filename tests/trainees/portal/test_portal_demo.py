import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_demo_gives_three_trainees_a_login_to_the_portal(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "hocvien1" in out.getvalue()
    users = get_user_model().objects.filter(username__in=["hocvien1", "hocvien2", "hocvien3"])
    assert len(users) == 3
    assert all(user.check_password("demo12345") and user.trainee for user in users)
    client.force_login(users[0])
    response = client.get(reverse("portal_home"))
    assert response.status_code == 200
    assert response.context["timetable"].courses
