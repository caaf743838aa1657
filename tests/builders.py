"""The one set of object-graph builders for every test (the factory_boy factories they use live in
``tests/factories.py``; the Excel workbooks for the import tests in ``tests/trainees/import_files.py``).

Every builder takes keyword arguments only (apart from the object it builds on, e.g. ``enrol(trainee, course)``)
and passes unknown keywords through to the model, so a test states only what matters to it."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from center.models import Center, GeneratedFile, Room, Unit
from center.text import fold, name_sort_key
from courses.models import Course, Programme, Session
from courses.services import SessionSpec
from staff.models import StaffMember
from tests.factories import (
    CenterFactory,
    CourseFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    StaffMemberFactory,
    TraineeFactory,
    UserFactory,
)
from trainees.models import Certificate, Enrolment, Trainee

_seq = itertools.count(1)

MORNING = (datetime.time(7, 30), datetime.time(11, 0))
AFTERNOON = (datetime.time(13, 30), datetime.time(17, 0))
UNIT_NAME = "Đảng ủy xã Phú Hưng"

# Where a course's dates fall when the test does not say: an open or planned course is ahead, a finished or
# cancelled one is behind, and one in progress started yesterday (so it has sessions past and to come).
FUTURE_START = datetime.date(2026, 12, 7)
PAST_START = datetime.date(2026, 11, 2)


# --- center ---------------------------------------------------------------------------------------------------


def make_center() -> Center:
    """The center's profile (one per installation): the existing one, or Châu Thành's."""
    return Center.objects.first() or CenterFactory()


def make_unit(name: str = UNIT_NAME) -> Unit:
    return Unit.objects.get_or_create(name=name)[0]


def make_room(*, name: str | None = None, capacity: int = 80, location: str = "Tầng 2") -> Room:
    return Room.objects.create(name=name or f"Hội trường {next(_seq)}", capacity=capacity, location=location)


def make_lecturer(full_name: str = "Trần Quốc Bảo", **fields) -> StaffMember:
    return StaffMember.objects.create(full_name=full_name, position=StaffMember.Position.LECTURER, **fields)


# The personas (see the fixtures in tests/conftest.py): username, given name, family name, role, staff position.
PERSONAS = {
    "director": ("giamdoc", "Thành", "Lê Văn", "director", "director"),
    "deputy": ("phogiamdoc", "Nhung", "Nguyễn Thị Hồng", "deputy", "deputy_director"),
    "clerk": ("canbo", "Đức", "Võ Minh", "clerk", "officer"),
    "lecturer": ("giangvien", "Bảo", "Trần Quốc", "lecturer", "lecturer"),
    "other_lecturer": ("giangvien2", "Hà", "Phạm Thị Thu", "lecturer", "lecturer"),
    "trainee": ("hocvien", "An", "Nguyễn Văn", "trainee", None),
    "other_trainee": ("hocvien2", "Bình", "Trần Thị", "trainee", None),
    "outsider": ("nguoingoai", None, None, None, None),
}


def make_persona(name: str):
    """The login of one persona (``PERSONAS``), with its staff record for staff roles."""
    username, first_name, last_name, role, position = PERSONAS[name]
    if role is None:
        return UserFactory(username=username)
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, roles=[role])
    if position:
        StaffMemberFactory(user=user, full_name=f"{last_name} {first_name}", position=position)
    return user


# --- programmes, courses, sessions ----------------------------------------------------------------------------


def make_programme(*, eligibility=Programme.Eligibility.ANYONE, months: int | None = None, **fields) -> Programme:
    """A new-Party-member programme (5 days, 80 % attendance and 5.0 to complete) open to anyone."""
    defaults = {
        "kind": Programme.Kind.NEW_MEMBER,
        "name": "Lý luận chính trị cho đảng viên mới",
        "days": 5,
        "min_attendance_percent": 80,
        "min_score": Decimal("5.0"),
    }
    return ProgrammeFactory(**(defaults | fields), eligibility=eligibility, eligibility_months=months)


def awareness_programme() -> Programme:
    """ "Bồi dưỡng nhận thức về Đảng": only for people who are not Party members yet."""
    return make_programme(
        eligibility=Programme.Eligibility.NOT_PARTY_MEMBER,
        kind=Programme.Kind.PARTY_AWARENESS,
        name="Bồi dưỡng nhận thức về Đảng",
    )


def new_member_programme() -> Programme:
    """ "Lý luận chính trị cho đảng viên mới" with its 10 topics, from the data migration."""
    return Programme.objects.get(code="DVM")


def make_course(
    *,
    programme: Programme | None = None,
    status: str = Course.Status.OPEN,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    sessions: int = 0,
    lecturer: StaffMember | None = None,
    room: Room | None = None,
    capacity: int = 30,
    enrolment_open: bool = True,
    **fields,
) -> Course:
    """A course with ``sessions`` half-day sessions (morning, afternoon, next morning…) from its first day.

    Dates follow the status unless given (see ``FUTURE_START``); the course lasts at least 5 days and long
    enough for its sessions."""
    if start_date is None:
        if status == Course.Status.IN_PROGRESS:
            start_date = timezone.localdate() - datetime.timedelta(days=1)
        elif status in (Course.Status.FINISHED, Course.Status.CANCELLED):
            start_date = PAST_START
        else:
            start_date = FUTURE_START
    if end_date is None:
        end_date = start_date + datetime.timedelta(days=max(4, (sessions - 1) // 2))
    course = CourseFactory(
        programme=programme or make_programme(),
        status=status,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        room=room,
        enrolment_open=enrolment_open,
        **fields,
    )
    for i in range(sessions):
        morning = i % 2 == 0
        start, end = MORNING if morning else AFTERNOON
        SessionFactory(
            course=course,
            date=start_date + datetime.timedelta(days=i // 2),
            part_of_day=Session.PartOfDay.MORNING if morning else Session.PartOfDay.AFTERNOON,
            start_time=start,
            end_time=end,
            title=f"Chuyên đề {i + 1}: Những vấn đề cơ bản về Đảng Cộng sản Việt Nam",
            lecturer=lecturer,
            room=room,
        )
    return course


def add_session(course: Course, *, periods: int, day: int = 0, part: str = "morning", **fields) -> Session:
    """A half-day session of ``course`` of ``periods`` teaching periods (tiết), ``day`` days after its start."""
    start, end = MORNING if part == "morning" else AFTERNOON
    return SessionFactory(
        course=course,
        date=course.start_date + datetime.timedelta(days=day),
        part_of_day=part,
        start_time=start,
        end_time=end,
        periods=periods,
        **fields,
    )


def spec(day: datetime.date, part="morning", times=None, **kwargs) -> SessionSpec:
    """The input of ``session_schedule`` for one half-day."""
    start, end = times or (MORNING if part == "morning" else AFTERNOON)
    return SessionSpec(date=day, part_of_day=part, start_time=start, end_time=end, title="Chuyên đề", **kwargs)


# --- trainees and enrolments ----------------------------------------------------------------------------------


def make_trainee(*, unit: Unit | None = None, **fields) -> Trainee:
    """A trainee of Đảng ủy xã Phú Hưng (names, birth date and gender from ``TraineeFactory`` unless given)."""
    return TraineeFactory(unit=unit or make_unit(), **fields)


def make_trainee_user(username: str, password: str | None = None):
    """A login in the trainee group (no Trainee record attached)."""
    user = get_user_model().objects.create_user(username=username, password=password)
    user.groups.add(Group.objects.get(name="trainee"))
    return user


def enrol(trainee: Trainee, course: Course, *, status: str = Enrolment.Status.APPROVED, **fields) -> Enrolment:
    """``trainee`` in ``course``, approved unless ``status`` says otherwise, sent by the trainee's unit."""
    return EnrolmentFactory(trainee=trainee, course=course, status=status, **fields)


def completed(course: Course, count: int, *, by=None) -> list[Enrolment]:
    """``count`` new trainees whose completion of ``course`` the director (``by``) confirmed, with a score."""
    return [
        enrol(
            make_trainee(),
            course,
            score=Decimal("8.5"),
            grade=Enrolment.Grade.GOOD,
            completion=Enrolment.Completion.COMPLETED,
            completion_confirmed_by=by,
            completion_confirmed_at=timezone.now(),
        )
        for _ in range(count)
    ]


def make_certificate(
    enrolment: Enrolment, *, status: str = Certificate.Status.VALID, replaces: Certificate | None = None
) -> Certificate:
    """A certificate row as ``certificate_issue`` would leave it (without rendering the PDF), with the next
    register number of 2026 taken from the same counter the service uses; ``replaces`` makes it a reissue."""
    from trainees.certificates.services import _reserve_numbers

    with transaction.atomic():
        n = _reserve_numbers(year=2026, count=1)[0]
    return Certificate.objects.create(
        enrolment=enrolment,
        year=2026,
        number=n,
        register_number=f"{n}/GCN-TTCT",
        issued_on=datetime.date(2026, 11, 20),
        signer_name="Lê Văn Thành",
        signer_title="Giám đốc",
        verification_code=f"PT{next(_seq):06d}",
        status=status,
        replaces=replaces,
    )


# --- a large course, in bulk (printed documents and benchmarks) -----------------------------------------------

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
    from tests.center.test_collation import ORDERED

    out = list(dict.fromkeys(ORDERED))
    givens = list(dict.fromkeys(g for _f, g in ORDERED))
    for family, middle, given in itertools.product(FAMILIES, MIDDLES, givens):
        if len(out) >= count:
            break
        name = (f"{family} {middle}", given)
        if name not in out:
            out.append(name)
    return out[:count]


def course_with_trainees(
    *, approved: int, pending: int = 0, sessions: int = 10, code: str = "ĐVM-2026-02", start=None
) -> Course:
    """A course of the new-Party-member programme with ``approved`` + ``pending`` enrolments (names in a
    scrambled insertion order, so the database has to sort them) and ``sessions`` half-day sessions.

    Built with bulk inserts, so a 300-trainee course takes a fraction of a second."""
    make_center()
    start = start or datetime.date(2026, 12, 2)
    room = Room.objects.get_or_create(name="Hội trường A", defaults={"capacity": 400})[0]
    teacher = make_lecturer()
    course = make_course(
        code=code,
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 2, năm 2026",
        programme=make_programme(code=f"P-{code}", periods=40),
        status=Course.Status.IN_PROGRESS,
        start_date=start,
        end_date=start + datetime.timedelta(days=max((sessions + 1) // 2 - 1, 0)),
        room=room,
        capacity=max(approved + pending, 1),
        homeroom_teacher=teacher,
        enrolment_open=False,
    )
    units = [make_unit(name) for name in UNITS]
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
    Session.objects.bulk_create(
        Session(
            course=course,
            date=start + datetime.timedelta(days=i // 2),
            part_of_day="morning" if i % 2 == 0 else "afternoon",
            start_time=(MORNING if i % 2 == 0 else AFTERNOON)[0],
            end_time=(MORNING if i % 2 == 0 else AFTERNOON)[1],
            title=f"Chuyên đề {i + 1}",
            lecturer=teacher,
        )
        for i in range(sessions)
    )
    return course


def expected_order(course: Course, status: str = "approved") -> list[tuple[str, str]]:
    """The (family, given) names of ``course``'s enrolments in Vietnamese alphabetical order."""
    rows = Enrolment.objects.filter(course=course, status=status).values_list(
        "trainee__family_name", "trainee__given_name", "trainee__pk"
    )
    return [(f, g) for f, g, _pk in sorted(rows, key=lambda r: (name_sort_key(r[1], r[0]), r[2]))]


def make_generated_file(*, owner, status: str = GeneratedFile.Status.READY, **fields) -> GeneratedFile:
    """A file made in the background for ``owner``: by default a small ready ZIP kept for a day."""
    content = fields.pop("content", b"PK\x05\x06" + b"\x00" * 18)  # an empty ZIP archive
    values = {
        "kind": "certificates_zip",
        "title": "GCN LOP.001",
        "params": {"course": 0},
        "filename": "GCN LOP.001.zip",
        "content_type": "application/zip",
        "expires_at": timezone.now() + datetime.timedelta(days=1),
        **fields,
    }
    if status == GeneratedFile.Status.READY:
        values.update(content=content, size=len(content))
    return GeneratedFile.objects.create(owner=owner, status=status, **values)
