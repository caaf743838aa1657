"""Courses with approved and pending trainees for the printed-documents tests and the benchmark.

Built with the ORM directly (bulk inserts), so a 300-trainee course takes a fraction of a second."""

import datetime
import itertools

from center.models import Center, Room, Unit
from center.text import fold, name_sort_key
from courses.models import Course, Programme, Session
from staff.models import StaffMember
from tests.center.test_collation import ORDERED
from trainees.models import Enrolment, Trainee

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Âu", "Ông"]
MIDDLES = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Đức", "Thị Mỹ", "Hoàng"]
UNITS = [
    "Đảng ủy xã Phú Hưng",
    "Đảng ủy xã An Hòa",
    "Đảng ủy thị trấn Châu Thành",
    "Chi bộ Trường THPT Ưng Văn Khiêm",
    "Đảng ủy xã Ẩn Lộc",
    "Ủy ban Mặt trận Tổ quốc xã Bình Đức",
]
POSITIONS = ["Bí thư chi bộ", "Phó Chủ tịch UBND xã", "Chi hội trưởng Hội Nông dân", "Công chức Văn phòng", ""]


def names(count: int) -> list[tuple[str, str]]:
    """``count`` distinct (family and middle, given) names: the collation test's list first, then more."""
    out = list(dict.fromkeys(ORDERED))
    givens = list(dict.fromkeys(g for _f, g in ORDERED))
    for family, middle, given in itertools.product(FAMILIES, MIDDLES, givens):
        if len(out) >= count:
            break
        name = (f"{family} {middle}", given)
        if name not in out:
            out.append(name)
    return out[:count]


def center() -> Center:
    return Center.objects.first() or Center.objects.create(
        name="Trung tâm Chính trị huyện Châu Thành",
        short_name="TTCT Châu Thành",
        parent_body="Huyện ủy Châu Thành",
        place_name="Châu Thành",
        document_code="TTCT",
        director_name="Lê Văn Thành",
    )


def course_with_trainees(
    *, approved: int, pending: int = 0, sessions: int = 10, code: str = "ĐVM-2026-02", start=None
) -> Course:
    """A course of the new-Party-member programme with ``approved`` + ``pending`` enrolments (names in a
    scrambled insertion order, so the database has to sort them) and ``sessions`` half-day sessions."""
    center()
    start = start or datetime.date(2026, 12, 2)
    programme, _ = Programme.objects.get_or_create(
        code=f"P-{code}",
        defaults={"kind": "new_member", "name": "Lý luận chính trị cho đảng viên mới", "days": 5, "periods": 40},
    )
    room, _ = Room.objects.get_or_create(name="Hội trường A", defaults={"capacity": 400})
    teacher = StaffMember.objects.create(full_name="Trần Quốc Bảo", position="lecturer")
    course = Course.objects.create(
        code=code,
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 2, năm 2026",
        programme=programme,
        start_date=start,
        end_date=start + datetime.timedelta(days=max((sessions + 1) // 2 - 1, 0)),
        room=room,
        capacity=max(approved + pending, 1),
        homeroom_teacher=teacher,
        status="in_progress",
    )
    units = [Unit.objects.get_or_create(name=name)[0] for name in UNITS]
    people = names(approved + pending)
    scrambled = people[1::2][::-1] + people[0::2]
    trainees = Trainee.objects.bulk_create(
        Trainee(
            family_name=family,
            given_name=given,
            date_of_birth=datetime.date(1970 + i % 35, 1 + i % 12, 1 + i % 28),
            gender="female" if "Thị" in family else "male",
            unit=units[i % len(units)],
            position=POSITIONS[i % len(POSITIONS)],
            search_name=fold(f"{family} {given}"),
            sort_key=name_sort_key(given, family),
        )
        for i, (family, given) in enumerate(scrambled)
    )
    pending_names = set(people[approved:])
    Enrolment.objects.bulk_create(
        Enrolment(
            trainee=t,
            course=course,
            sending_unit=t.unit,
            nomination_number=f"{100 + i}-CV/ĐU",
            nomination_date=datetime.date(2026, 11, 1 + i % 20),
            status="pending" if (t.family_name, t.given_name) in pending_names else "approved",
        )
        for i, t in enumerate(trainees)
    )
    slots = [
        ("morning", datetime.time(7, 30), datetime.time(11, 0)),
        ("afternoon", datetime.time(13, 30), datetime.time(17, 0)),
    ]
    Session.objects.bulk_create(
        Session(
            course=course,
            date=start + datetime.timedelta(days=i // 2),
            part_of_day=slots[i % 2][0],
            start_time=slots[i % 2][1],
            end_time=slots[i % 2][2],
            title=f"Chuyên đề {i + 1}",
            lecturer=teacher,
        )
        for i in range(sessions)
    )
    return course


def expected_order(course: Course, status: str = "approved") -> list[tuple[str, str]]:
    rows = Enrolment.objects.filter(course=course, status=status).values_list(
        "trainee__family_name", "trainee__given_name", "trainee__pk"
    )
    return [(f, g) for f, g, _pk in sorted(rows, key=lambda r: (name_sort_key(r[1], r[0]), r[2]))]
