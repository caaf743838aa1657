"""The 2026 programme catalogue (issue 12): its programmes, topics and periods; how an existing install's
catalogue is brought to it; the sessions' periods."""

import datetime

import pytest

from center.audit import audit_for
from courses import catalogue
from courses.models import Course, Programme, Session, Topic, default_periods
from courses.services import session_schedule
from tests.builders import make_course, make_trainee, spec
from trainees.enrolment import services as enrolment_svc

pytestmark = pytest.mark.django_db

AWARENESS_LESSONS = [
    "Khái quát lịch sử Đảng Cộng sản Việt Nam",
    "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
    "Nội dung cơ bản của Điều lệ Đảng",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam",
]


def _topics(code):
    return list(Topic.objects.filter(programme__code=code).order_by("order").values_list("title", "periods"))


def test_awareness_of_the_party_has_the_five_lessons_of_hd_61_in_50_periods():
    programme = Programme.objects.get(code="NTVD")
    topics = _topics("NTVD")
    assert [t for t, _ in topics[:5]] == [f"Bài {n}. {title}" for n, title in enumerate(AWARENESS_LESSONS, 1)]
    assert topics[1][1] == 10  # bài 2
    assert sum(p for _, p in topics) == programme.periods == 50
    assert programme.days == 5  # 10 half-days
    assert {t for t, _ in topics[5:]} == {"Thảo luận", "Tham quan thực tế", "Ôn tập", "Viết bài thu hoạch"}
    assert programme.min_education_grade == 9  # THCS
    assert programme.name == "Bồi dưỡng nhận thức về Đảng"


def test_new_members_have_the_current_ten_topics():
    titles = [t for t, _ in _topics("DVM")]
    assert len(titles) == 10
    assert "Nguyên tắc tổ chức, hoạt động của Đảng và công tác xây dựng Đảng ở cơ sở" in titles
    # đại đoàn kết, dân chủ xã hội chủ nghĩa and Nhà nước pháp quyền are one topic
    (union,) = [t for t in titles if "đại đoàn kết" in t]
    assert "dân chủ xã hội chủ nghĩa" in union and "Nhà nước pháp quyền" in union
    assert not any("Nhà nước pháp quyền" in t for t in titles if t != union)


def test_every_programme_s_topics_add_up_to_its_periods_and_use_the_default_bands():
    for entry in catalogue.entries():
        programme = Programme.objects.get(code=entry["code"])
        assert sum(p for _, p in _topics(entry["code"])) == programme.periods, entry["code"]
        bands = (programme.min_score, programme.fair_from, programme.good_from, programme.excellent_from)
        assert tuple(str(b) for b in bands) == ("5.0", "7.0", "8.0", "9.0"), entry["code"]


def test_the_qd_360_families_are_there_and_elementary_theory_is_switched_off_for_a_commune_center():
    kinds = set(Programme.objects.filter(is_active=True).values_list("kind", flat=True))
    assert {
        "party_work",
        "propaganda_mass",
        "front_unions",
        "thematic",
        "knowledge_update",
        "party_history",
        "reporters",
    } <= kinds
    elementary = Programme.objects.get(code="SC-LLCT")
    assert elementary.name == "Sơ cấp lý luận chính trị" and not elementary.is_active


def _install_2019():
    Topic.objects.all().delete()
    Programme.objects.all().delete()
    catalogue.install_catalogue(Programme, Topic, catalogue=catalogue.PROGRAMMES_2019, commune=False)


def test_an_untouched_2019_catalogue_is_replaced_but_edited_or_used_programmes_are_kept():
    _install_2019()
    edited = Programme.objects.get(code="DVM")
    edited.days = 7
    edited.save()
    used = Programme.objects.get(code="NVCTD")
    make_course(programme=used)
    result = catalogue.upgrade_catalogue(Programme, Topic, Course, commune=True)
    assert set(result["updated"]) >= {"NTVD", "SC-LLCT", "CNKT", "LSD", "BCV", "NQ"}
    assert {"DVM", "NVCTD"} <= set(result["kept"])
    assert result["added"] == 3  # the new QĐ 360 families
    assert Programme.objects.get(code="NTVD").periods == 50
    assert Programme.objects.get(code="NTVD").fair_from == 7
    assert not Programme.objects.get(code="SC-LLCT").is_active
    kept = Programme.objects.get(code="DVM")
    assert (kept.days, kept.fair_from, len(_topics("DVM"))) == (7, 6.5, 10)
    assert _topics("DVM")[1][0] == "Độc lập dân tộc và chủ nghĩa xã hội ở Việt Nam"  # the old topics stay
    assert Programme.objects.get(code="NVCTD").fair_from == 6.5
    # Running it again changes nothing.
    again = catalogue.upgrade_catalogue(Programme, Topic, Course, commune=True)
    assert again["updated"] == [] and again["added"] == 0


def test_a_district_center_keeps_elementary_theory_switched_on():
    _install_2019()
    catalogue.upgrade_catalogue(Programme, Topic, Course, commune=False)
    assert Programme.objects.get(code="SC-LLCT").is_active


def test_a_session_s_periods_come_from_its_times_or_its_shorter_topic_and_can_be_given(director):
    morning = (datetime.time(7, 30), datetime.time(11, 0))
    assert default_periods(start=morning[0], end=morning[1]) == 5
    assert default_periods(start=datetime.time(19, 0), end=datetime.time(20, 30)) == 2
    course = make_course(programme=Programme.objects.get(code="NTVD"))
    lesson_1, lesson_2 = course.programme.topics.all()[:2]
    day = course.start_date
    session_schedule(course=course, spec=spec(day, topic=lesson_1), by=director)
    session_schedule(course=course, spec=spec(day, "afternoon", topic=lesson_2), by=director)
    session_schedule(course=course, spec=spec(day + datetime.timedelta(days=1), periods=3), by=director)
    assert list(Session.objects.filter(course=course).values_list("periods", flat=True)) == [5, 5, 3]


def test_awareness_needs_lower_secondary_education_or_a_recorded_exception(director):
    course = make_course(programme=Programme.objects.get(code="NTVD"))
    for level, ok in [("9/12", True), ("12/12", True), ("Đại học", True), ("THCS", True), ("7/10", True)]:
        assert (
            enrolment_svc.education_problem(trainee=make_trainee(education_level=level), programme=course.programme)
            == ""
        ) is ok, level
    low = make_trainee(education_level="7/12")
    assert "7/12" in enrolment_svc.eligibility_problem(trainee=low, course=course)
    missing = str(enrolment_svc.RULE_EDUCATION_MISSING % {"grade": 9})
    assert enrolment_svc.eligibility_problem(trainee=make_trainee(education_level=""), course=course) == missing
    with pytest.raises(enrolment_svc.NotEligible):
        enrolment_svc.enrolment_submit(trainee=low, course=course, by=director)
    enrolment = enrolment_svc.enrolment_submit(
        trainee=low, course=course, by=director, override_reason="Già làng, người có uy tín ở ấp"
    )
    assert enrolment.eligibility_override == "Già làng, người có uy tín ở ấp"
    entry = next(a for a in audit_for(enrolment) if a.action == "enrolment.eligibility_overridden")
    assert entry.reason == "Già làng, người có uy tín ở ấp"
