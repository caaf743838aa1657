"""Builders for the trainee-portal tests: a course with sessions around "now", trainees with logins,
enrolments and certificates. Plain functions so they do not depend on other areas' factories."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from center.models import Room, Unit
from center.text import fold, name_sort_key
from courses.models import Course, Programme, Session
from staff.models import StaffMember
from trainees.models import Certificate, Enrolment, Trainee

_seq = itertools.count(1)


def make_course(*, sessions_from: datetime.date | None = None, sessions: int = 4, **kwargs) -> Course:
    n = next(_seq)
    programme = Programme.objects.create(
        kind=Programme.Kind.NEW_MEMBER, name="Lý luận chính trị cho đảng viên mới", code=f"PT-DVM-{n}", days=5
    )
    start = sessions_from or timezone.localdate() - datetime.timedelta(days=1)
    room = Room.objects.create(name=f"Hội trường {n}", capacity=80, location="Tầng 2")
    lecturer = StaffMember.objects.create(full_name="Trần Quốc Bảo", position=StaffMember.Position.LECTURER)
    course = Course.objects.create(
        code=kwargs.pop("code", f"PT-{n:03d}"),
        title=kwargs.pop("title", f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa {n}"),
        programme=programme,
        start_date=start,
        end_date=start + datetime.timedelta(days=max(sessions // 2, 1)),
        capacity=80,
        room=room,
        status=kwargs.pop("status", Course.Status.IN_PROGRESS),
        **kwargs,
    )
    for i in range(sessions):
        morning = i % 2 == 0
        Session.objects.create(
            course=course,
            date=start + datetime.timedelta(days=i // 2),
            part_of_day=Session.PartOfDay.MORNING if morning else Session.PartOfDay.AFTERNOON,
            start_time=datetime.time(7, 30) if morning else datetime.time(13, 30),
            end_time=datetime.time(11, 0) if morning else datetime.time(17, 0),
            title=f"Chuyên đề {i + 1}: Những vấn đề cơ bản về Đảng Cộng sản Việt Nam",
            lecturer=lecturer,
            room=room,
        )
    return course


def make_trainee(*, given_name="An", family_name="Nguyễn Văn", user=None, **kwargs) -> Trainee:
    unit, _created = Unit.objects.get_or_create(name="Đảng ủy xã Phú Hưng")
    return Trainee.objects.create(
        family_name=family_name,
        given_name=given_name,
        unit=unit,
        user=user,
        search_name=fold(f"{family_name} {given_name}"),
        sort_key=name_sort_key(given_name, family_name),
        **kwargs,
    )


def make_trainee_user(username: str, password: str | None = None):
    user = get_user_model().objects.create_user(username=username, password=password)
    user.groups.add(Group.objects.get(name="trainee"))
    return user


def enrol(trainee: Trainee, course: Course, status=Enrolment.Status.APPROVED, **kwargs) -> Enrolment:
    return Enrolment.objects.create(trainee=trainee, course=course, status=status, **kwargs)


def make_certificate(enrolment: Enrolment, *, status=Certificate.Status.VALID) -> Certificate:
    n = next(_seq)
    return Certificate.objects.create(
        enrolment=enrolment,
        year=2026,
        number=n,
        register_number=f"{n}/GCN-TTCT",
        issued_on=datetime.date(2026, 11, 20),
        signer_name="Lê Văn Thành",
        signer_title="Giám đốc",
        verification_code=f"PT{n:06d}",
        status=status,
    )
