"""Demo programmes, courses and sessions: a year of the center's teaching, dated around today so that
some courses are finished, one is in progress and others are planned or open for enrolment.

Programmes come from the data migration (re-installed here if missing). Sessions go through the
scheduling service, so the demo has no clashes: each session gets the first demo lecturer who is free."""

import datetime

from django.contrib.auth import get_user_model

from center.models import Room, Unit
from courses import plans
from courses.catalogue import install_catalogue
from courses.models import Course, PlanLine, Programme, Topic, TrainingPlan
from courses.services import ScheduleError, plan_sessions, sessions_schedule
from staff.models import StaffMember

S = Course.Status
# A commune-level center's year (QĐ 360): no sơ cấp class (not one of its tasks), Party and new-member
# classes, Party work for cell secretaries, resolutions, local Party history, speakers' briefings.
# code prefix, programme code, course number, start offset in days from today, room, status, weekdays, units
COURSES = [
    ("NQ", 1, -300, "Hội trường A", S.FINISHED, range(5), 7),
    ("NTVD", 1, -240, "Phòng học 1", S.FINISHED, range(6), 2),
    ("DVM", 1, -200, "Phòng học 1", S.FINISHED, range(6), 3),
    ("NVCTD", 1, -150, "Phòng học 2", S.FINISHED, range(5), 4),
    ("BCV", 1, -120, "Hội trường A", S.FINISHED, range(5), 7),
    ("LSD", 1, -90, "Phòng học 2", S.FINISHED, range(5), 2),
    ("CNKT", 1, -60, "Hội trường A", S.FINISHED, range(5), 7),
    ("DVM", 2, -35, "Phòng học 1", S.FINISHED, range(6), 3),
    ("DVM", 3, -4, "Hội trường A", S.IN_PROGRESS, range(6), 4),
    ("NTVD", 2, -2, "Phòng học 2", S.IN_PROGRESS, range(7), 2),
    ("DVM", 4, 21, "Phòng học 1", S.OPEN, range(5), 3),
    ("CNKT", 2, 40, "Phòng học 3", S.OPEN, range(5), 5),
    ("NVCTD", 2, 70, "Phòng học 2", S.PLANNED, range(5), 3),
    ("NTVD", 3, 100, "Phòng học 2", S.PLANNED, range(5), 2),
]
TITLES = {
    "SC-LLCT": "Lớp sơ cấp lý luận chính trị khóa {n}, năm {y}",
    "NTVD": "Lớp bồi dưỡng nhận thức về Đảng khóa {n}, năm {y}",
    "DVM": "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa {n}, năm {y}",
    "NVCTD": "Lớp bồi dưỡng nghiệp vụ công tác Đảng cho bí thư, phó bí thư chi bộ khóa {n}, năm {y}",
    "CNKT": "Lớp cập nhật kiến thức cho cán bộ cơ sở khóa {n}, năm {y}",
    "NQ": "Hội nghị học tập, quán triệt nghị quyết khóa {n}, năm {y}",
    "LSD": "Lớp bồi dưỡng lịch sử Đảng bộ địa phương khóa {n}, năm {y}",
    "BCV": "Hội nghị thông tin thời sự cho báo cáo viên khóa {n}, năm {y}",
}
LECTURERS = ["giangvien1", "giangvien2", "thinhgiang", "phogiamdoc", "giamdoc"]


def _free_lecturer_schedule(course, specs, lecturers, start_index) -> int:
    """Schedule each session with the first free lecturer, rotating so the teaching is shared."""
    count = 0
    for i, spec in enumerate(specs):
        for k in range(len(lecturers)):
            spec.lecturer = lecturers[(start_index + i + k) % len(lecturers)]
            try:
                sessions_schedule(course=course, specs=[spec], by=None)
            except ScheduleError:
                continue
            count += 1
            break
    return count


def seed(*, stdout=None) -> dict:
    install_catalogue(Programme, Topic)
    today = datetime.date.today()
    programmes = {p.code: p for p in Programme.objects.prefetch_related("topics")}
    rooms = {r.name: r for r in Room.objects.all()}
    units = list(Unit.objects.filter(kind=Unit.Kind.COMMUNE)) or list(Unit.objects.all())
    staff = {m.user.username: m for m in StaffMember.objects.select_related("user").exclude(user=None)}
    lecturers = [staff[u] for u in LECTURERS if u in staff]
    reporter = StaffMember.objects.filter(position=StaffMember.Position.REPORTER).first()
    if reporter:
        lecturers.append(reporter)
    courses, sessions = [], 0
    for index, (code, number, offset, room_name, status, weekdays, unit_count) in enumerate(COURSES):
        programme = programmes[code]
        start = today + datetime.timedelta(days=offset)
        # Weekend starts move to Monday (unless the course also runs at weekends).
        while start.weekday() not in weekdays:
            start += datetime.timedelta(days=1)
        # Enough days for the programme's length on the chosen weekdays.
        end, taught = start, 1
        while taught < programme.days:
            end += datetime.timedelta(days=1)
            if end.weekday() in weekdays:
                taught += 1
        course = Course.objects.create(
            code=f"{code}.{start.year}.{number:02d}",
            title=TITLES[code].format(n=number, y=start.year),
            programme=programme,
            start_date=start,
            end_date=end,
            room=rooms.get(room_name),
            capacity=min(rooms[room_name].capacity, 40 + 10 * (index % 4)) if room_name in rooms else 40,
            homeroom_teacher=lecturers[index % len(lecturers)] if lecturers else None,
        )
        course.units.set(units[index % max(len(units), 1) :][:unit_count] or units[:unit_count])
        specs = plan_sessions(
            course=course,
            date_from=start,
            date_to=end,
            parts=["morning", "afternoon"],
            weekdays=list(weekdays),
            room=course.room,
        )
        # A half-day teaches about four periods: a topic of 12 periods takes three sessions in a row.
        topics = [t for t in programme.topics.all() for _ in range(max(1, t.periods // 4))]
        for i, spec in enumerate(specs):
            if i < len(topics):
                spec.topic = topics[i]
            else:
                spec.title = "Ôn tập, trao đổi và kiểm tra cuối khóa"
        sessions += _free_lecturer_schedule(course, specs, lecturers, index)
        course.status = status
        course.enrolment_open = status == S.OPEN
        course.save(update_fields=["status", "enrolment_open"])
        courses.append(course)
    plan_lines = _plan_of_the_year(courses)
    return {"programmes": len(programmes), "courses": len(courses), "sessions": sessions, "plan lines": plan_lines}


def _plan_of_the_year(courses) -> int:
    """The 2026 plan, approved in December 2025: a line per programme and quarter of the year's courses, each
    course linked to its line, and one more class planned for the fourth quarter that has not opened yet."""
    year = 2026
    director = get_user_model().objects.filter(username="giamdoc").first()
    plan = TrainingPlan.objects.create(
        year=year,
        note=(
            "Bồi dưỡng lý luận chính trị, nghiệp vụ cho cán bộ, đảng viên, đoàn viên, hội viên trên địa bàn xã; "
            "100% đảng viên mới kết nạp trong năm được học lý luận chính trị cho đảng viên mới."
        ),
    )
    lines = {}
    for course in courses:
        if course.start_date.year != year:
            continue
        quarter = (course.start_date.month - 1) // 3 + 1
        line = lines.get((course.programme_id, quarter))
        if line is None:
            line = lines[(course.programme_id, quarter)] = PlanLine(
                plan=plan, programme=course.programme, quarter=quarter, classes=0, learners=0
            )
        line.classes += 1
        line.learners += 25  # the minimum class size a commune center plans for
    extra = next((line for (_programme, quarter), line in lines.items() if quarter == 4), None)
    if extra is not None:
        extra.classes += 1
        extra.learners += 25
    for line in lines.values():
        line.target_groups = _TARGETS.get(line.programme.kind, "")
        line.save()
    for course in courses:
        quarter = (course.start_date.month - 1) // 3 + 1
        if course.start_date.year == year:
            course.plan_line = lines[(course.programme_id, quarter)]
            course.save(update_fields=["plan_line"])
    plans.plan_approve(plan=plan, by=director, issued_on=datetime.date(year - 1, 12, 18))
    return len(lines)


_TARGETS = {
    "party_awareness": "Quần chúng ưu tú",
    "new_member": "Đảng viên mới",
    "party_work": "Bí thư, phó bí thư chi bộ, cấp ủy viên",
    "knowledge_update": "Cán bộ, công chức xã",
    "resolution": "Cán bộ, đảng viên",
    "party_history": "Cán bộ, đảng viên, đoàn viên",
    "reporters": "Báo cáo viên, tuyên truyền viên",
}
