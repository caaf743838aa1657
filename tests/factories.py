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

    name = "Trung tâm Chính trị huyện Châu Thành"
    short_name = "TTCT Châu Thành"
    parent_body = "HUYỆN ỦY CHÂU THÀNH"
    place_name = "Châu Thành"
    document_code = "TTCT"
    director_name = "Lê Văn Thành"


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


def date_of_birth(n: int) -> datetime.date:
    return datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28)
