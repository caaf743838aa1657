"""The programme kinds every center runs, with their usual topics (chuyên đề) and periods.

``PROGRAMMES`` is the current catalogue (issue 12: HD 61-HD/BTGTW 2022, the 10 chuyên đề for new Party
members, the QĐ 360 families; docs/rules-2025.md says where each entry comes from). ``PROGRAMMES_2019`` is the
catalogue installs made before it, kept verbatim: ``upgrade_catalogue`` only replaces a programme that still
holds exactly those values and has no course (docs/rules-2025.md, "The programme catalogue").
Staff then edit or extend the programmes from the browser.
"""

from decimal import Decimal

# code, kind, name, days, periods, certificate, eligibility, months, min attendance %, topics [(title, periods)]
PROGRAMMES_2019 = [
    (
        "SC-LLCT",
        "elementary_theory",
        "Sơ cấp lý luận chính trị – hành chính",
        24,
        192,
        True,
        "anyone",
        None,
        80,
        [
            ("Những vấn đề cơ bản của chủ nghĩa Mác – Lênin", 12),
            ("Những vấn đề cơ bản của tư tưởng Hồ Chí Minh", 8),
            ("Khái quát lịch sử Đảng Cộng sản Việt Nam", 12),
            ("Nội dung cơ bản của Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội", 8),
            ("Đường lối phát triển kinh tế của Đảng và Nhà nước", 12),
            ("Đường lối phát triển văn hóa, xã hội, con người Việt Nam", 8),
            ("Đường lối quốc phòng, an ninh và đối ngoại", 8),
            ("Hệ thống chính trị ở cơ sở", 12),
            ("Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam", 8),
            ("Tổ chức và hoạt động của Đảng ở cơ sở", 12),
            ("Công tác dân vận và Mặt trận, đoàn thể ở cơ sở", 12),
            ("Quản lý hành chính nhà nước ở cơ sở", 12),
            ("Một số kỹ năng lãnh đạo, quản lý ở cơ sở", 12),
            ("Công tác kiểm tra, giám sát và thi hành kỷ luật của Đảng ở cơ sở", 12),
            ("Phát triển kinh tế – xã hội ở địa phương", 12),
            ("Lịch sử Đảng bộ địa phương", 8),
            ("Chuyên đề thực tế tại địa phương", 16),
            ("Ôn tập và kiểm tra cuối khóa", 8),
        ],
    ),
    (
        "NTVD",
        "party_awareness",
        "Bồi dưỡng nhận thức về Đảng (đối tượng kết nạp Đảng)",
        5,
        40,
        True,
        "not_party_member",
        None,
        80,
        [
            ("Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh – nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng", 8),
            ("Khái quát lịch sử Đảng Cộng sản Việt Nam", 8),
            ("Mục tiêu, lý tưởng và đường lối của Đảng Cộng sản Việt Nam", 8),
            ("Tổ chức và hoạt động của Đảng Cộng sản Việt Nam", 8),
            ("Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam", 8),
        ],
    ),
    (
        "DVM",
        "new_member",
        "Lý luận chính trị cho đảng viên mới",
        5,
        40,
        True,
        "new_party_member",
        12,
        80,
        [
            ("Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh – nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng", 4),
            ("Độc lập dân tộc và chủ nghĩa xã hội ở Việt Nam", 4),
            ("Đường lối phát triển kinh tế, đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước", 4),
            ("Phát triển văn hóa, xây dựng con người, thực hiện tiến bộ và công bằng xã hội", 4),
            ("Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc Việt Nam xã hội chủ nghĩa", 4),
            ("Đường lối đối ngoại, hội nhập quốc tế", 4),
            ("Phát huy dân chủ xã hội chủ nghĩa và sức mạnh đại đoàn kết toàn dân tộc", 4),
            ("Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam của Nhân dân, do Nhân dân, vì Nhân dân", 4),
            ("Xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh", 4),
            ("Phấn đấu, rèn luyện, nâng cao chất lượng đảng viên", 4),
        ],
    ),
    (
        "NVCTD",
        "party_work",
        "Nghiệp vụ công tác Đảng cho bí thư, phó bí thư chi bộ và cấp ủy viên cơ sở",
        3,
        24,
        True,
        "committee_member",
        None,
        80,
        [
            ("Chức năng, nhiệm vụ của tổ chức cơ sở đảng và chi bộ", 4),
            ("Nâng cao chất lượng sinh hoạt chi bộ", 4),
            ("Nghiệp vụ công tác tổ chức, cán bộ và quản lý đảng viên", 4),
            ("Nghiệp vụ công tác kiểm tra, giám sát của chi bộ", 4),
            ("Công tác tuyên giáo và dân vận ở cơ sở", 4),
            ("Nghiệp vụ công tác văn phòng cấp ủy cơ sở", 4),
        ],
    ),
    (
        "CNKT",
        "knowledge_update",
        "Cập nhật kiến thức về xây dựng Đảng, quản lý nhà nước, Mặt trận và đoàn thể",
        2,
        16,
        True,
        "anyone",
        None,
        80,
        [
            ("Những điểm mới về công tác xây dựng Đảng và hệ thống chính trị", 4),
            ("Những điểm mới trong quản lý nhà nước ở cơ sở", 4),
            ("Công tác Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội ở cơ sở", 4),
            ("Kỹ năng xử lý tình huống ở cơ sở", 4),
        ],
    ),
    (
        "NQ",
        "resolution",
        "Học tập, quán triệt nghị quyết, chính sách, pháp luật",
        2,
        16,
        False,
        "party_member",
        None,
        80,
        [
            ("Nội dung cơ bản của nghị quyết", 8),
            ("Chương trình hành động, kế hoạch thực hiện nghị quyết ở địa phương", 4),
            ("Chính sách, pháp luật mới liên quan", 4),
        ],
    ),
    (
        "LSD",
        "party_history",
        "Lịch sử Đảng và lịch sử Đảng bộ địa phương",
        2,
        16,
        True,
        "anyone",
        None,
        80,
        [
            ("Khái quát lịch sử Đảng Cộng sản Việt Nam", 4),
            ("Lịch sử Đảng bộ địa phương qua các thời kỳ", 4),
            ("Truyền thống cách mạng của địa phương", 4),
            ("Giáo dục truyền thống cho thế hệ trẻ", 4),
        ],
    ),
    (
        "BCV",
        "reporters",
        "Thông tin thời sự cho báo cáo viên, tuyên truyền viên",
        1,
        8,
        False,
        "anyone",
        None,
        100,
        [
            ("Tình hình thời sự trong nước và quốc tế nổi bật", 4),
            ("Định hướng công tác tuyên truyền, báo cáo viên", 4),
        ],
    ),
]


# The catalogue of 2026. Keys left out take the model's defaults.
DISCUSSION = "Thảo luận"
PROGRAMMES = [
    {
        "code": "SC-LLCT",
        "kind": "elementary_theory",
        "name": "Sơ cấp lý luận chính trị",
        "days": 24,
        "periods": 192,
        "eligibility": "anyone",
        # Not a task of a commune-level center (QĐ 360): installed switched off there.
        "commune_active": False,
        # It awards the bằng sơ cấp lý luận chính trị (HD 11-HD/BTGTW, 2021), not a giấy chứng nhận.
        "award": "elementary_diploma",
        "topics": PROGRAMMES_2019[0][9],
    },
    {
        "code": "NTVD",
        "kind": "party_awareness",
        "name": "Bồi dưỡng nhận thức về Đảng",
        "days": 5,
        "periods": 50,
        "eligibility": "not_party_member",
        "min_education_grade": 9,
        # The certificate counts for 60 months (docs/rules-2025.md, "Certificate validity").
        "certificate_validity_months": 60,
        "topics": [
            ("Bài 1. Khái quát lịch sử Đảng Cộng sản Việt Nam", 5),
            ("Bài 2. Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội", 10),
            ("Bài 3. Nội dung cơ bản của Điều lệ Đảng", 5),
            ("Bài 4. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 5),
            ("Bài 5. Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam", 5),
            (DISCUSSION, 5),
            ("Tham quan thực tế", 5),
            ("Ôn tập", 5),
            ("Viết bài thu hoạch", 5),
        ],
    },
    {
        "code": "DVM",
        "kind": "new_member",
        "name": "Lý luận chính trị cho đảng viên mới",
        "days": 5,
        "periods": 40,
        "eligibility": "new_party_member",
        "eligibility_months": 12,
        "topics": [
            (
                "Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh – nền tảng tư tưởng, kim chỉ nam cho hành động của "
                "Đảng và cách mạng Việt Nam",
                4,
            ),
            ("Độc lập dân tộc gắn liền với chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam", 4),
            (
                "Phát huy sức mạnh đại đoàn kết toàn dân tộc, dân chủ xã hội chủ nghĩa, xây dựng và hoàn thiện Nhà "
                "nước pháp quyền xã hội chủ nghĩa",
                4,
            ),
            ("Đường lối phát triển kinh tế – xã hội của Đảng", 4),
            (
                "Phát triển giáo dục và đào tạo, khoa học và công nghệ; xây dựng và phát triển văn hóa, con người "
                "Việt Nam; bảo vệ môi trường và quản lý phát triển xã hội",
                4,
            ),
            (
                "Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc, giữ vững môi trường hòa bình, bảo đảm "
                "ổn định chính trị, trật tự, an toàn xã hội",
                4,
            ),
            ("Chủ động và tích cực hội nhập quốc tế", 4),
            ("Nguyên tắc tổ chức, hoạt động của Đảng và công tác xây dựng Đảng ở cơ sở", 4),
            ("Tăng cường xây dựng, chỉnh đốn Đảng", 4),
            ("Phấn đấu, rèn luyện để xứng đáng là đảng viên Đảng Cộng sản Việt Nam", 4),
        ],
    },
    {
        "code": "NVCTD",
        "kind": "party_work",
        "name": "Nghiệp vụ công tác Đảng cho bí thư, phó bí thư chi bộ và cấp ủy viên cơ sở",
        "days": 3,
        "periods": 24,
        "eligibility": "committee_member",
        "topics": PROGRAMMES_2019[3][9],
    },
    {
        "code": "NVTGDV",
        "kind": "propaganda_mass",
        "name": "Nghiệp vụ công tác tuyên giáo và dân vận ở cơ sở",
        "days": 2,
        "periods": 16,
        "eligibility": "anyone",
        "topics": [
            ("Nghiệp vụ công tác tuyên truyền, giáo dục chính trị tư tưởng ở cơ sở", 4),
            ("Công tác nắm bắt, định hướng dư luận xã hội", 4),
            ("Nghiệp vụ công tác dân vận ở cơ sở", 4),
            ("Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng", 4),
        ],
    },
    {
        "code": "MTDT",
        "kind": "front_unions",
        "name": "Lý luận chính trị và nghiệp vụ cho cán bộ Mặt trận Tổ quốc và các đoàn thể",
        "days": 2,
        "periods": 16,
        "eligibility": "anyone",
        "topics": [
            ("Chủ trương của Đảng về công tác Mặt trận và đoàn thể chính trị – xã hội", 4),
            ("Nghiệp vụ công tác Mặt trận Tổ quốc ở cơ sở", 4),
            ("Nghiệp vụ công tác đoàn thể chính trị – xã hội ở cơ sở", 4),
            ("Giám sát và phản biện xã hội, tham gia góp ý xây dựng Đảng, xây dựng chính quyền", 4),
        ],
    },
    {
        "code": "CD",
        "kind": "thematic",
        "name": "Bồi dưỡng chuyên đề",
        "days": 1,
        "periods": 8,
        "gives_certificate": False,
        "eligibility": "anyone",
        "topics": [("Nội dung chuyên đề", 8)],
    },
    {
        "code": "CNKT",
        "kind": "knowledge_update",
        "name": "Cập nhật kiến thức và kỹ năng về xây dựng Đảng, quản lý nhà nước, Mặt trận và đoàn thể",
        "days": 2,
        "periods": 16,
        "eligibility": "anyone",
        "topics": PROGRAMMES_2019[4][9],
    },
    {
        "code": "NQ",
        "kind": "resolution",
        "name": "Học tập, quán triệt nghị quyết, chính sách, pháp luật",
        "days": 2,
        "periods": 16,
        "gives_certificate": False,
        "eligibility": "party_member",
        "topics": PROGRAMMES_2019[5][9],
    },
    {
        "code": "LSD",
        "kind": "party_history",
        "name": "Lịch sử Đảng và lịch sử Đảng bộ địa phương",
        "days": 2,
        "periods": 16,
        "eligibility": "anyone",
        "topics": PROGRAMMES_2019[6][9],
    },
    {
        "code": "BCV",
        "kind": "reporters",
        "name": "Thông tin thời sự cho báo cáo viên, tuyên truyền viên",
        "days": 1,
        "periods": 8,
        "gives_certificate": False,
        "eligibility": "anyone",
        "min_attendance_percent": 100,
        "topics": PROGRAMMES_2019[7][9],
    },
]

# QĐ 1147 defaults for every programme of the catalogue (docs/rules-2025.md, "Assessment").
DEFAULTS = {
    "gives_certificate": True,
    "eligibility_months": None,
    "min_attendance_percent": 80,
    "min_score": Decimal("5.0"),
    "fair_from": Decimal("7.0"),
    "good_from": Decimal("8.0"),
    "excellent_from": Decimal("9.0"),
    "min_education_grade": None,
    "award": "certificate",
    "certificate_validity_months": None,
}
# The fields a 2019 catalogue row is compared on (``_unchanged_2019``): those the 2019 catalogue had.
FIELDS_2019 = [
    "kind",
    "name",
    "days",
    "periods",
    "eligibility",
    "gives_certificate",
    "eligibility_months",
    "min_attendance_percent",
    "min_score",
    "fair_from",
    "good_from",
    "excellent_from",
]
FIELDS = ["kind", "name", "days", "periods", *DEFAULTS]


def _as_dict(row) -> dict:
    code, kind, name, days, periods, certificate, eligibility, months, attendance, topics = row
    return {
        "code": code,
        "kind": kind,
        "name": name,
        "days": days,
        "periods": periods,
        "gives_certificate": certificate,
        "eligibility": eligibility,
        "eligibility_months": months,
        "min_attendance_percent": attendance,
        "min_score": Decimal("5.0"),
        "fair_from": Decimal("6.5"),
        "good_from": Decimal("8.0"),
        "excellent_from": Decimal("9.0"),
        "topics": topics,
    }


def entries(catalogue=None) -> list[dict]:
    """The catalogue as complete dicts (every field filled in)."""
    if catalogue is None:
        return [{**DEFAULTS, **entry} for entry in PROGRAMMES]
    return [_as_dict(row) for row in catalogue]


def _values(entry: dict, model) -> dict:
    names = {f.name for f in model._meta.get_fields()}
    values = {k: entry[k] for k in [*FIELDS, "eligibility"] if k in entry and k in names}
    return values


def _create(entry: dict, programme_model, topic_model, *, active: bool = True):
    programme = programme_model.objects.create(code=entry["code"], is_active=active, **_values(entry, programme_model))
    topic_model.objects.bulk_create(
        [
            topic_model(programme=programme, order=order, title=title, periods=p)
            for order, (title, p) in enumerate(entry["topics"], start=1)
        ]
    )
    return programme


def install_catalogue(programme_model, topic_model, *, catalogue=None, commune: bool = True) -> int:
    """Create every programme of the catalogue that is missing (by code), with its topics. ``commune``:
    the center is commune-level (QĐ 360), so programmes marked ``commune_active: False`` come switched off.
    Works with historical models (data migration) and real ones (demo, tests). Returns how many were added."""
    added = 0
    for entry in entries(catalogue):
        if programme_model.objects.filter(code=entry["code"]).exists():
            continue
        _create(entry, programme_model, topic_model, active=not commune or entry.get("commune_active", True))
        added += 1
    return added


def _unchanged_2019(programme, topic_model) -> bool:
    old = {e["code"]: e for e in entries(PROGRAMMES_2019)}.get(programme.code)
    if old is None or not programme.is_active or programme.description:
        return False
    if any(getattr(programme, k) != old[k] for k in FIELDS_2019):
        return False
    topics = list(
        topic_model.objects.filter(programme=programme).order_by("order").values_list("order", "title", "periods")
    )
    return topics == [(n, t, p) for n, (t, p) in enumerate(old["topics"], start=1)]


def upgrade_catalogue(programme_model, topic_model, course_model, *, commune: bool = True) -> dict:
    """Bring an install to the current catalogue: add the missing programmes, and replace a programme that
    still holds the 2019 catalogue's values exactly (fields and topics) and has no course at all. A programme
    the center edited, or that any course uses (its schedules, rosters and certificates name its topics),
    is never touched. Returns {"added": n, "updated": [codes], "kept": [codes]}."""
    result = {"added": 0, "updated": [], "kept": []}
    for entry in entries():
        programme = programme_model.objects.filter(code=entry["code"]).first()
        active = not commune or entry.get("commune_active", True)
        if programme is None:
            _create(entry, programme_model, topic_model, active=active)
            result["added"] += 1
            continue
        if not _unchanged_2019(programme, topic_model) or course_model.objects.filter(programme=programme).exists():
            result["kept"].append(entry["code"])
            continue
        for name, value in _values(entry, programme_model).items():
            setattr(programme, name, value)
        programme.is_active = active
        programme.save()
        topic_model.objects.filter(programme=programme).delete()
        topic_model.objects.bulk_create(
            [
                topic_model(programme=programme, order=order, title=title, periods=p)
                for order, (title, p) in enumerate(entry["topics"], start=1)
            ]
        )
        result["updated"].append(entry["code"])
    return result


def apply_catalogue_awards(programme_model) -> list[str]:
    """Give the catalogue's programmes what they award and how long their certificates count (fields added
    after the catalogue was installed): a programme still under its catalogue code and kind gets the entry's
    values where it still has the fields' defaults. Returns the codes changed."""
    changed = []
    for entry in entries():
        values = {k: entry[k] for k in ("award", "certificate_validity_months") if entry[k] != DEFAULTS[k]}
        if not values:
            continue
        count = programme_model.objects.filter(
            code=entry["code"],
            kind=entry["kind"],
            award=DEFAULTS["award"],
            certificate_validity_months__isnull=True,
        ).update(**values)
        if count:
            changed.append(entry["code"])
    return changed
