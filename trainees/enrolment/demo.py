"""Demo trainees and enrolments: about 150 cadres from the demo units, enrolled in the demo courses.

Courses are read from the database (courses.demo made them). Finished and in-progress courses get
approved enrolments of eligible trainees; open courses get some approved and a queue of pending ones
for the director (plus one waitlisted and one rejected); planned courses none yet. Pending,
approved, rejected and waitlisted enrolments of courses still running go through the services, so their
history is real; enrolments of finished courses are written directly (the services refuse a finished
course) with their history entry."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from center.audit import audit_record
from center.models import Unit
from courses.models import Course
from trainees.enrolment import services as svc
from trainees.models import Enrolment, Trainee
from trainees.records.services import trainee_derive

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_MALE = ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Hoàng", "Công", "Tấn", "Văn Bảo", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Thị Thu", "Ngọc", "Thị Mỹ", "Thị Kim", "Thanh", "Thị Hồng", "Bích", "Thị Ngọc"]
GIVEN_MALE = [
    "An",
    "Bảo",
    "Cường",
    "Dũng",
    "Đạt",
    "Định",
    "Hải",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Khánh",
    "Lâm",
    "Lộc",
    "Long",
    "Nam",
    "Nghĩa",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Vinh",
    "Ơn",
]
GIVEN_FEMALE = [
    "Ánh",
    "Bích",
    "Châu",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Trang",
    "Tuyết",
    "Uyên",
    "Vân",
    "Yến",
    "Ưng",
]
POSITIONS = [
    "Bí thư Chi bộ ấp",
    "Phó Bí thư Chi bộ ấp",
    "Trưởng ấp",
    "Chi hội trưởng Chi hội Nông dân",
    "Chi hội trưởng Chi hội Phụ nữ",
    "Bí thư Chi đoàn",
    "Công chức Văn phòng – Thống kê",
    "Công chức Địa chính – Xây dựng",
    "Giáo viên",
    "Nhân viên y tế",
    "Đoàn viên",
    "Cán bộ Mặt trận ấp",
]
COUNT = 150
HOMETOWNS = ["Phú Hưng", "An Hòa", "Hòa Lợi", "Song Lộc", "Lương Hòa", "Đa Lộc", "Hưng Mỹ", "Long Hòa"]
RELIGIONS = ["Phật giáo", "Phật giáo", "Công giáo", "Cao Đài", "Phật giáo Hòa Hảo"]


def _trainees(rng: random.Random, units: list, today: datetime.date) -> list[Trainee]:
    people = []
    seen = set()
    # Place of origin and religion from their own generator, so the rest of the demo stays as it was.
    origin = random.Random(707)
    while len(people) < COUNT:
        female = rng.random() < 0.45
        family = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)}"
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        if family.split()[-1] == given:  # "Đỗ Văn Bảo" + "Bảo" would print "Đỗ Văn Bảo Bảo"
            family = family.rsplit(" ", 1)[0]
        if (family, given) in seen:
            continue
        seen.add((family, given))
        n = len(people)
        roll = rng.random()
        if roll < 0.4:
            status, admitted = Trainee.PartyStatus.NONE, None
        elif roll < 0.62:  # admitted within the last 14 months: new members
            status = Trainee.PartyStatus.PROBATIONARY
            admitted = today - datetime.timedelta(days=rng.randrange(20, 420))
            if (today - admitted).days > 365:
                status = Trainee.PartyStatus.FULL
        else:
            status = Trainee.PartyStatus.FULL
            admitted = today - datetime.timedelta(days=rng.randrange(3 * 365, 25 * 365))
        trainee = Trainee(
            family_name=family,
            given_name=given,
            date_of_birth=datetime.date(1968 + rng.randrange(36), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            gender=Trainee.Gender.FEMALE if female else Trainee.Gender.MALE,
            ethnicity="Kinh" if rng.random() < 0.93 else rng.choice(["Khmer", "Hoa"]),
            hometown=f"xã {origin.choice(HOMETOWNS)}, tỉnh Vĩnh Long",
            religion=origin.choice(RELIGIONS) if origin.random() < 0.25 else "",
            unit=units[n % len(units)],
            position=rng.choice(POSITIONS),
            party_status=status,
            party_admitted_on=admitted,
            is_committee_member=status == Trainee.PartyStatus.FULL and rng.random() < 0.35,
            education_level=rng.choice(["12/12", "12/12", "Đại học", "Cao đẳng", "9/12"]),
            theory_level=rng.choice(["", "", "Sơ cấp", "Trung cấp"]),
            phone=f"09{rng.randrange(10**8):08d}",
            # 086: the province code of Vĩnh Long in citizen ID numbers.
            citizen_id=f"0860{rng.randrange(10**8):08d}" if rng.random() < 0.7 else None,
        )
        people.append(trainee_derive(trainee))
    Trainee.objects.bulk_create(people)
    return list(Trainee.objects.select_related("unit").order_by("pk"))


def seed(*, stdout=None) -> dict:
    rng = random.Random(2026)
    today = timezone.localdate()
    User = get_user_model()
    director = User.objects.filter(username="giamdoc").first()
    clerk = User.objects.filter(username="canbo").first() or director
    units = list(Unit.objects.filter(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.CELL, Unit.Kind.ORGANISATION]))
    if not units:
        units = list(Unit.objects.all())
    trainees = _trainees(rng, units or [None], today)
    for trainee in trainees:
        audit_record(subject=trainee, action="trainee.created", by=clerk)

    counts = {"trainees": len(trainees), "approved": 0, "pending": 0, "waitlisted": 0, "rejected": 0}
    courses = Course.objects.select_related("programme").order_by("start_date", "code")
    # Who already attends each programme: nobody is sent to the same programme twice (approving that would
    # need the director's explicit confirmation).
    attending: dict = {}
    for course in courses:
        if course.status == Course.Status.CANCELLED:
            continue
        eligible = [
            t
            for t in trainees
            if not svc.eligibility_problem(trainee=t, course=course)
            and not (t.party_admitted_on and t.party_admitted_on > course.start_date)
            and t.pk not in attending.get(course.programme_id, set())
        ]
        rng.shuffle(eligible)
        number = f"{rng.randrange(20, 300)}-CV/ĐU"
        if course.status == Course.Status.FINISHED:
            picked = eligible[: min(course.capacity, rng.randrange(18, 32))]
            attending.setdefault(course.programme_id, set()).update(t.pk for t in picked)
            decided = timezone.make_aware(datetime.datetime.combine(course.start_date, datetime.time(8)))
            made = Enrolment.objects.bulk_create(
                [
                    Enrolment(
                        trainee=t,
                        course=course,
                        sending_unit=t.unit,
                        nomination_number=number,
                        status=Enrolment.Status.APPROVED,
                        submitted_by=clerk,
                        decided_by=director,
                        decided_at=decided - datetime.timedelta(days=7),
                    )
                    for t in picked
                ]
            )
            for enrolment in made:
                audit_record(subject=enrolment, action="enrolment.approved", by=director)
            counts["approved"] += len(made)
            continue
        if course.status == Course.Status.IN_PROGRESS:
            plan = {"approve": min(course.capacity, rng.randrange(18, 28)), "pending": 0}
        elif course.enrolment_open:
            plan = {"approve": min(course.capacity - 2, 8), "pending": 14}
        else:
            continue  # planned, enrolment not open yet
        # Enrolment of a running course is closed: its trainees were entered by the director.
        submitter = clerk if course.enrolment_open else director
        for i, trainee in enumerate(eligible[: plan["approve"] + plan["pending"]]):
            enrolment = svc.enrolment_submit(
                trainee=trainee, course=course, by=submitter, sending_unit=trainee.unit, nomination_number=number
            )
            attending.setdefault(course.programme_id, set()).add(trainee.pk)
            if i < plan["approve"] and director:
                svc.enrolment_approve(enrolment=enrolment, by=director)
                counts["approved"] += 1
            else:
                counts["pending"] += 1
        if course.enrolment_open and director and len(eligible) > plan["approve"] + plan["pending"] + 2:
            extra = eligible[plan["approve"] + plan["pending"] :]
            waiting = svc.enrolment_submit(trainee=extra[0], course=course, by=clerk, nomination_number=number)
            svc.enrolment_waitlist(enrolment=waiting, by=director, reason="Chờ đơn vị khác rút bớt người")
            refused = svc.enrolment_submit(trainee=extra[1], course=course, by=clerk, nomination_number=number)
            svc.enrolment_reject(enrolment=refused, by=director, reason="Đơn vị đã cử đủ số lượng phân bổ")
            counts["waitlisted"] += 1
            counts["rejected"] += 1
    if stdout:
        stdout.write(
            f"  {counts['trainees']} trainees; enrolments: {counts['approved']} approved, {counts['pending']} pending, "
            f"{counts['waitlisted']} waitlisted, {counts['rejected']} rejected"
        )
    return counts
