"""The programme kinds every center runs (DESIGN.md §1), with their usual topics (chuyên đề).

Installed by the data migration ``0002_programme_catalogue`` into every fresh database; staff then edit or
extend them from the browser. ``install_catalogue`` is idempotent: a programme whose code exists is left as
the staff edited it.
"""

from decimal import Decimal

# code, kind, name, days, periods, certificate, eligibility, months, min attendance %, topics [(title, periods)]
PROGRAMMES = [
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


def install_catalogue(programme_model, topic_model) -> int:
    """Create every programme of the catalogue that is missing (by code), with its topics.
    Works with historical models (data migration) and real ones (demo, tests). Returns how many were added."""
    added = 0
    for code, kind, name, days, periods, certificate, eligibility, months, attendance, topics in PROGRAMMES:
        if programme_model.objects.filter(code=code).exists():
            continue
        programme = programme_model.objects.create(
            code=code,
            kind=kind,
            name=name,
            days=days,
            periods=periods,
            gives_certificate=certificate,
            eligibility=eligibility,
            eligibility_months=months,
            min_attendance_percent=attendance,
            min_score=Decimal("5.0"),
            fair_from=Decimal("6.5"),
            good_from=Decimal("8.0"),
            excellent_from=Decimal("9.0"),
        )
        topic_model.objects.bulk_create(
            [
                topic_model(programme=programme, order=order, title=title, periods=p)
                for order, (title, p) in enumerate(topics, start=1)
            ]
        )
        added += 1
    return added
