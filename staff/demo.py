"""Demo staff: the director, a deputy, full-time lecturers, a clerk and guest lecturers, with logins."""

from django.contrib.auth import get_user_model

from center.models import Center
from center.roles import Role
from staff.models import StaffMember
from staff.services import staff_role_set

# The demo password; printed by `make run`. Never used outside demo data.
DEMO_PASSWORD = "demo12345"

P = StaffMember.Position
PEOPLE = [
    # username, full name, position, established, theory level, degree, pedagogy, role
    ("giamdoc", "Lê Văn Thành", P.DIRECTOR, True, "advanced", "Thạc sĩ Xây dựng Đảng", True, Role.DIRECTOR),
    (
        "phogiamdoc",
        "Nguyễn Thị Hồng Nhung",
        P.DEPUTY_DIRECTOR,
        True,
        "advanced",
        "Cử nhân Chính trị",
        True,
        Role.DEPUTY,
    ),
    ("giangvien1", "Trần Quốc Bảo", P.LECTURER, True, "advanced", "Thạc sĩ Triết học", True, Role.LECTURER),
    ("giangvien2", "Phạm Thị Thu Hà", P.LECTURER, True, "bachelor", "Cử nhân Lịch sử Đảng", True, Role.LECTURER),
    ("canbo", "Võ Minh Đức", P.OFFICER, True, "intermediate", "Cử nhân Quản trị văn phòng", False, Role.CLERK),
    (
        "thinhgiang",
        "Huỳnh Văn Ơn",
        P.GUEST_LECTURER,
        False,
        "advanced",
        "Thạc sĩ Chính trị học",
        True,
        Role.LECTURER,
    ),
]

# Under QĐ 360 the director is the commune committee's head of propaganda and mass mobilisation, concurrently.
WORKPLACES = {
    "giamdoc": "Ban Tuyên giáo và Dân vận Đảng ủy xã Long Hồ (kiêm nhiệm)",
    "thinhgiang": "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long",
}


def seed(*, stdout=None) -> dict:
    User = get_user_model()
    members = {}
    for username, name, position, established, level, degree, pedagogy, role in PEOPLE:
        family, given = name.rsplit(" ", 1)
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=given,
            last_name=family,
            email=f"{username}@example.vn",
        )
        staff_role_set(user=user, role=role)
        members[username] = StaffMember.objects.create(
            user=user,
            full_name=name,
            position=position,
            is_established=established,
            theory_level=level,
            degree=degree,
            has_pedagogy_certificate=pedagogy,
            email=user.email,
            workplace=WORKPLACES.get(username, ""),
        )
    StaffMember.objects.create(
        full_name="Đặng Thị Ánh Tuyết",
        position=P.REPORTER,
        theory_level="advanced",
        degree="Báo cáo viên Đảng ủy xã",
        workplace="Văn phòng Đảng ủy xã Long Hồ",
    )
    center = Center.load()
    # The deputy decides enrolments; the director signs (no signing delegate in the demo: try it on the profile).
    center.approval_delegate = members["phogiamdoc"].user
    center.save(update_fields=["approval_delegate"])
    return {"staff": len(PEOPLE) + 1, "logins": [(u, r) for u, *_rest, r in PEOPLE], "password": DEMO_PASSWORD}
