"""The register number format accepts only the documented placeholders, and its result fits the field:
no attribute access ({number.__class__}), no format specification, on the profile page and in the admin;
a bad format stored earlier makes issuing refuse with a message instead of a 500."""

import datetime

import pytest
from django.urls import reverse

from center.models import Center, register_number
from tests.builders import completed, make_course
from tests.center.test_center_profile import _form_data
from tests.factories import UserFactory
from trainees.certificates import services as svc
from trainees.models import Certificate, CertificateCounter

ONLY = "Trong dấu ngoặc nhọn chỉ được dùng đúng {number}, {year} hoặc {code}, không thêm gì khác."
TOO_LONG = "Với ký hiệu văn bản hiện tại, số vào sổ có thể dài quá 60 ký tự."

BAD_FORMATS = [
    ("{number.__class__}", ONLY),
    ("{number.__class__.__mro__}/{code}", ONLY),
    ("{code[0]}{number}", ONLY),
    ("{number:>1000000}", ONLY),
    ("{number!r}", ONLY),
    ("{0}{number}", ONLY),
    ("{}{number}", ONLY),
    ("{number", ONLY),
    ("{number}/{code}/{code}/{code}", TOO_LONG),  # 20-character code: up to 69 characters
]


@pytest.mark.parametrize(("fmt", "message"), BAD_FORMATS)
def test_the_profile_page_refuses_formats_beyond_the_placeholders(client, director, center, fmt, message):
    client.force_login(director)
    data = _form_data(center, certificate_number_format=fmt, document_code="TTCT-CHAUTHANH-TINH1")
    response = client.post(reverse("center_edit"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["certificate_number_format"] == [message]
    assert Center.objects.get().certificate_number_format == "{number}/GCN-{code}"


def test_the_documented_formats_are_accepted():
    assert register_number("{number}/GCN-{code}", number=125, year=2026, code="TTCT") == "125/GCN-TTCT"
    assert register_number("{number}/{year}/QĐ-{code} {{x}}", number=7, year=2026, code="TTCT") == "7/2026/QĐ-TTCT {x}"


def test_the_admin_refuses_the_same_formats(client, center):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    data = {**_form_data(center, certificate_number_format="{number.__class__}"), "updated_at": ""}
    response = client.post(reverse("admin:center_center_change", args=[center.pk]), data)
    assert response.status_code == 200 and ONLY in response.content.decode()
    assert Center.objects.get().certificate_number_format == "{number}/GCN-{code}"


@pytest.mark.parametrize("fmt", ["{number.__class__}", "{number}/{code}/{code}/{code}"])
def test_issuing_with_a_bad_format_stored_earlier_is_refused_with_a_message(director, fmt):
    Center.objects.update(certificate_number_format=fmt, document_code="TTCT-CHAUTHANH-TINH1")
    course = make_course()
    enrolment = completed(course, 1, by=director)[0]
    with pytest.raises(svc.CertificateError) as exc:
        svc.certificate_issue(enrolment=enrolment, by=director, issued_on=datetime.date(2026, 12, 17))
    assert "Mẫu số vào sổ trong hồ sơ trung tâm không dùng được" in str(exc.value.message)
    assert not Certificate.objects.exists()
    assert not CertificateCounter.objects.filter(last_number__gt=0).exists()
