"""factory_boy factories with realistic Vietnamese data. Apps' work adds factories here."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from center.models import Center, Room, Unit
from staff.models import StaffMember

PASSWORD = "Mật-khẩu-thử-1"

FAMILY_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Minh", "Huỳnh Thị", "Võ Quốc", "Đặng Thị", "Bùi Đức"]
GIVEN_NAMES = ["An", "Bình", "Châu", "Dũng", "Đức", "Hòa", "Hương", "Khánh", "Lan", "Ơn", "Thảo", "Ưng"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = factory.Iterator(GIVEN_NAMES)
    last_name = factory.Iterator(FAMILY_NAMES)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
            self.is_staff = bool(set(extracted) & {"director", "deputy", "clerk"})
        if create:
            self.save()


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center

    # A profile made before 2025 (QĐ 208): the suite checks that such a center prints as before.
    kind = Center.Kind.DISTRICT
    name = "Trung tâm Chính trị huyện Châu Thành"
    short_name = "TTCT Châu Thành"
    parent_body = "HUYỆN ỦY CHÂU THÀNH"
    place_name = "Châu Thành"
    document_code = "TTCT"
    director_name = "Lê Văn Thành"
    legal_basis = ""
    staffing_min = 4
    staffing_max = 6
    deputy_max = None


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đảng ủy xã Phú Hưng {n}")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Phòng học {n}")
    capacity = 60


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    full_name = factory.Sequence(lambda n: f"{FAMILY_NAMES[n % 8]} {GIVEN_NAMES[n % 12]}")
    position = StaffMember.Position.LECTURER
    is_established = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme with no topics (the catalogue's real ones come from the data migration:
    ``Programme.objects.get(code="DVM")`` is "Lý luận chính trị cho đảng viên mới" with its 10 topics)."""

    class Meta:
        model = "courses.Programme"

    kind = "knowledge_update"
    name = factory.Sequence(lambda n: f"Cập nhật kiến thức chuyên đề {n}")
    code = factory.Sequence(lambda n: f"TEST-{n}")
    days = 2


class CourseFactory(factory.django.DjangoModelFactory):
    """A course of 5 days from 02/12/2026 (pass ``programme=``, ``start_date=``… to change)."""

    class Meta:
        model = "courses.Course"

    code = factory.Sequence(lambda n: f"LOP.{n:03d}")
    title = factory.Sequence(lambda n: f"Lớp bồi dưỡng lý luận chính trị khóa {n}, năm 2026")
    programme = factory.SubFactory(ProgrammeFactory)
    start_date = datetime.date(2026, 12, 2)
    end_date = factory.LazyAttribute(lambda c: c.start_date + datetime.timedelta(days=4))
    capacity = 50
    status = "open"


class SessionFactory(factory.django.DjangoModelFactory):
    """A morning session on the course's first day (no lecturer or room unless given)."""

    class Meta:
        model = "courses.Session"

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyAttribute(lambda s: s.course.start_date)
    part_of_day = "morning"
    start_time = datetime.time(7, 30)
    end_time = datetime.time(11, 0)
    title = factory.Sequence(lambda n: f"Chuyên đề {n}")


def date_of_birth(n: int) -> datetime.date:
    return datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28)


class TraineeFactory(factory.django.DjangoModelFactory):
    """A trainee with the derived search/sort columns filled as ``trainee_save`` does."""

    class Meta:
        model = "trainees.Trainee"

    family_name = factory.Sequence(lambda n: FAMILY_NAMES[n % len(FAMILY_NAMES)])
    given_name = factory.Sequence(lambda n: GIVEN_NAMES[(n // len(FAMILY_NAMES)) % len(GIVEN_NAMES)])
    date_of_birth = factory.Sequence(date_of_birth)
    gender = factory.LazyAttribute(lambda t: "female" if t.family_name.endswith("Thị") else "male")
    unit = factory.SubFactory(UnitFactory)
    position = "Bí thư Chi đoàn"
    search_name = factory.LazyAttribute(lambda t: _fold(f"{t.family_name} {t.given_name}"))
    sort_key = factory.LazyAttribute(lambda t: _name_sort_key(t.given_name, t.family_name))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment; pass ``course=`` (courses come from the courses area's builders)."""

    class Meta:
        model = "trainees.Enrolment"

    trainee = factory.SubFactory(TraineeFactory)
    sending_unit = factory.LazyAttribute(lambda e: e.trainee.unit)
    nomination_number = factory.Sequence(lambda n: f"{100 + n}-CV/ĐU")
    status = "pending"


def _fold(value):
    from center.text import fold

    return fold(value)


def _name_sort_key(given, family):
    from center.text import name_sort_key

    return name_sort_key(given, family)
