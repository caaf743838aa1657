"""The form of address on a certificate: "Đồng chí" only for Party members, "Ông"/"Bà" for others."""

import io

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, make_course, make_trainee
from trainees.certificates import services as certificate_svc
from trainees.certificates.selectors import certificate_queryset
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("party", "gender", "expected"),
    [
        (Trainee.PartyStatus.FULL, Trainee.Gender.FEMALE, "Đồng chí"),
        (Trainee.PartyStatus.PROBATIONARY, Trainee.Gender.MALE, "Đồng chí"),
        (Trainee.PartyStatus.NONE, Trainee.Gender.MALE, "Ông"),
        (Trainee.PartyStatus.NONE, Trainee.Gender.FEMALE, "Bà"),
        (Trainee.PartyStatus.NONE, "", "Ông/Bà"),
    ],
)
def test_the_certificate_addresses_party_members_as_dong_chi_and_others_as_ong_ba(party, gender, expected):
    assert certificate_svc.salutation(make_trainee(party_status=party, gender=gender)) == expected


def test_the_printed_certificate_uses_the_salutation_and_no_doubled_lop(director, settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    course = make_course(
        status=Course.Status.FINISHED, sessions=4, title="Lớp bồi dưỡng nhận thức về Đảng khóa 2", code="NTVD-02"
    )
    member, other = completed(course, 2, by=director)
    Trainee.objects.filter(pk=member.trainee_id).update(party_status=Trainee.PartyStatus.FULL)
    Trainee.objects.filter(pk=other.trainee_id).update(party_status=Trainee.PartyStatus.NONE, gender="female")
    certificate_svc.certificates_issue_for_course(course=course, by=director, issued_on=timezone.localdate())
    _name, _type, content = certificate_svc.certificate_pdf(
        certificates=certificate_queryset().filter(enrolment__course=course).order_by("number")
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    by_name = {  # the name prints in capitals
        name: next(p for p in pages if name.upper() in p)
        for name in (member.trainee.full_name, other.trainee.full_name)
    }
    assert "Đồng chí:" in by_name[member.trainee.full_name]
    assert "Bà:" in by_name[other.trainee.full_name] and "Đồng chí" not in by_name[other.trainee.full_name]
    assert all("Lớp: Bồi dưỡng nhận thức về Đảng khóa 2 (NTVD-02)" in p for p in pages)
