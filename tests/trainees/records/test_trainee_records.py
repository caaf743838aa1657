import datetime

import pytest
from django.urls import reverse

from center.audit import audit_for
from courses.models import Course
from tests.builders import make_course
from tests.factories import TraineeFactory, UnitFactory
from trainees.models import Enrolment, Trainee
from trainees.records.selectors import trainee_search
from trainees.records.services import MERGE_SAME_RECORD, TraineeError, trainee_merge, trainee_save

pytestmark = pytest.mark.django_db


def _trainee(**kwargs):
    defaults = {"family_name": "Nguyễn Thị", "given_name": "Hồng", "date_of_birth": datetime.date(1990, 3, 15)}
    return trainee_save(trainee=Trainee(**(defaults | kwargs)), by=None)


def test_it_derives_the_folded_search_name_and_the_sort_key():
    trainee = _trainee(family_name="  Đặng  Thị ", given_name="Hoà")
    assert trainee.family_name == "Đặng Thị"
    assert trainee.search_name == "dang thi hoa"
    assert trainee.sort_key == _trainee(family_name="Đặng Thị", given_name="Hòa", date_of_birth=None).sort_key


@pytest.mark.parametrize("query", ["nguyen thi hong", "NGUYEN THI HONG", "Nguyễn Thị Hồng", "thi hong", "hong"])
def test_search_without_diacritics_finds_the_name(query):
    hong = _trainee()
    _trainee(family_name="Trần Văn", given_name="Hùng")
    assert list(trainee_search(query=query)) == [hong]


def test_d_with_stroke_folds_to_d():
    duc = _trainee(family_name="Bùi Đức", given_name="Đạt")
    assert list(trainee_search(query="bui duc dat")) == [duc]


def test_search_leaves_out_merged_records_and_filters_by_unit():
    unit = UnitFactory()
    kept = _trainee(unit=unit)
    old = _trainee(date_of_birth=datetime.date(1991, 1, 1))
    trainee_merge(duplicate=old, into=kept, by=None)
    assert list(trainee_search(query="hong")) == [kept]
    assert list(trainee_search(query="hong", unit_id=UnitFactory().pk)) == []


def test_the_list_orders_by_given_name_then_family_name():
    for family, given in [("Trần Thị", "Ưng"), ("Lê Văn", "Anh"), ("Nguyễn Văn", "Ánh"), ("Phạm Thị", "Ân")]:
        _trainee(family_name=family, given_name=given, date_of_birth=None)
    assert [t.given_name for t in trainee_search()] == ["Anh", "Ánh", "Ân", "Ưng"]


def test_merge_moves_enrolments_marks_the_old_record_and_deletes_nothing(director):
    course, other_course = make_course(), make_course()
    kept = _trainee(citizen_id=None)
    old = _trainee(date_of_birth=datetime.date(1990, 3, 15), citizen_id="079190001234", phone="0912345678")
    moved = Enrolment.objects.create(trainee=old, course=course)
    both_old = Enrolment.objects.create(trainee=old, course=other_course)
    both_kept = Enrolment.objects.create(trainee=kept, course=other_course)

    trainee_merge(duplicate=old, into=kept, by=director, reason="Trùng hồ sơ")

    old.refresh_from_db()
    kept.refresh_from_db()
    assert old.merged_into == kept
    assert kept.citizen_id == "079190001234" and kept.phone == "0912345678"
    assert Enrolment.objects.get(pk=moved.pk).trainee == kept
    assert Enrolment.objects.get(pk=both_old.pk).status == Enrolment.Status.WITHDRAWN
    assert Enrolment.objects.get(pk=both_kept.pk).trainee == kept
    assert Trainee.objects.count() == 2
    assert audit_for(old).first().action == "trainee.merged"
    assert audit_for(kept).filter(action="trainee.merged_in").exists()


def test_a_record_cannot_be_merged_into_itself():
    t = _trainee()
    with pytest.raises(TraineeError) as exc:
        trainee_merge(duplicate=t, into=t, by=None)
    assert exc.value.message == MERGE_SAME_RECORD


def test_create_splits_the_full_name_on_its_last_word(client, clerk):
    client.force_login(clerk)
    unit = UnitFactory()
    response = client.post(
        reverse("trainee_create"),
        {
            "full_name": "  Nguyễn   Thị Thanh  Hương ",
            "date_of_birth": "15/03/1990",
            "gender": "female",
            "ethnicity": "Kinh",
            "unit": unit.pk,
            "party_status": "none",
            "phone": "0912 345 678",
            "citizen_id": "079190001234",
        },
    )
    trainee = Trainee.objects.get()
    assert response.status_code == 302
    assert (trainee.family_name, trainee.given_name) == ("Nguyễn Thị Thanh", "Hương")
    assert trainee.search_name == "nguyen thi thanh huong"
    assert trainee.phone == "0912345678"
    assert audit_for(trainee).get().action == "trainee.created"


def test_create_flags_a_duplicate_name_and_birthday_until_confirmed(client, clerk):
    existing = _trainee()
    client.force_login(clerk)
    data = {"full_name": "Nguyễn Thị Hồng", "date_of_birth": "15/03/1990", "ethnicity": "Kinh", "party_status": "none"}
    response = client.post(reverse("trainee_create"), data)
    assert response.status_code == 200
    assert existing.full_name in response.content.decode()
    assert Trainee.objects.count() == 1
    response = client.post(reverse("trainee_create"), data | {"confirm_distinct": "on"})
    assert response.status_code == 302
    assert Trainee.objects.count() == 2


def test_create_refuses_a_citizen_id_already_on_file(client, clerk):
    _trainee(citizen_id="079190001234")
    client.force_login(clerk)
    data = {"full_name": "Lê Văn Tám", "ethnicity": "Kinh", "party_status": "none", "citizen_id": "079190001234"}
    response = client.post(reverse("trainee_create"), data)
    assert response.status_code == 200
    assert "Số CCCD này đã có trong hồ sơ của Nguyễn Thị Hồng" in response.content.decode()


def test_citizen_id_is_masked_in_the_list_and_whole_on_the_detail_page(client, clerk):
    trainee = _trainee(citizen_id="079190001234")
    client.force_login(clerk)
    listing = client.get(reverse("trainee_list")).content.decode()
    assert "079190001234" not in listing and "1234" in listing
    assert "079190001234" in client.get(reverse("trainee_detail", args=[trainee.pk])).content.decode()


def test_the_list_searches_and_runs_a_constant_number_of_queries(client, clerk, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(clerk)
    TraineeFactory.create_batch(3, family_name="Nguyễn Văn")
    client.get(reverse("trainee_list"), {"q": "nguyen"})  # warm-up: session, content types
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("trainee_list"), {"q": "nguyen"})
    assert response.context["page"].paginator.count == 3
    TraineeFactory.create_batch(40, family_name="Nguyễn Thị")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("trainee_list"), {"q": "nguyen"})
    assert response.context["page"].paginator.count == 43


def test_merge_page_merges(client, clerk):
    kept = _trainee()
    old = _trainee(date_of_birth=datetime.date(1990, 3, 15))
    client.force_login(clerk)
    assert client.get(reverse("trainee_detail", args=[kept.pk])).content.decode().count("trainees/%d/merge/" % old.pk)
    response = client.post(reverse("trainee_merge", args=[old.pk, kept.pk]), {"reason": "Trùng"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.merged_into == kept
    assert Course.objects.count() == 0


def test_saving_in_the_admin_recomputes_the_search_name(client, director):
    trainee = _trainee()
    director.is_superuser = True
    director.save()
    client.force_login(director)
    url = reverse("admin:trainees_trainee_change", args=[trainee.pk])
    data = {
        "family_name": "Đỗ Thị",
        "given_name": "Hằng",
        "ethnicity": "Kinh",
        "party_status": "none",
        "date_of_birth": "15/03/1990",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    trainee.refresh_from_db()
    assert trainee.search_name == "do thi hang"
    assert "Hằng" in client.get(reverse("admin:trainees_trainee_changelist"), {"q": "Đỗ thị HANG"}).content.decode()


def test_an_ineligible_submission_shows_the_rule_on_the_form(client, clerk):
    from tests.builders import awareness_programme

    course = make_course(programme=awareness_programme())
    member = _trainee(party_status="full", party_admitted_on=datetime.date(2010, 5, 19))
    client.force_login(clerk)
    response = client.post(reverse("enrolment_create"), {"course": course.pk, "trainee": member.pk})
    assert response.status_code == 200
    assert "đã là đảng viên — không thuộc đối tượng lớp nhận thức về Đảng" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_prefix_search_finds_names_starting_with_the_query():
    from trainees.records.selectors import trainee_search_prefix

    hong = _trainee()
    _trainee(family_name="Trần Nguyễn", given_name="Hồng", date_of_birth=None)
    assert list(trainee_search_prefix(query="Nguyen thi h")) == [hong]
