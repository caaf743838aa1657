"""Demo data for the center itself: its profile, the communes and units it serves, its rooms."""

from center.kinds import kind_defaults
from center.models import Center, Room, Unit

# A commune-level center of 2026 (QĐ 360-QĐ/TW) in xã Long Hồ, tỉnh Vĩnh Long (the province that took in
# Bến Tre and Trà Vinh on 01/07/2025). It serves its own commune and the neighbouring xã Phú Quới; both
# communes exist after the 2025 mergers (sources in docs/rules-2025.md).
LOCALITY = "xã Long Hồ"
PROVINCE = "Vĩnh Long"
SERVED = ["xã Long Hồ", "xã Phú Quới"]

UNITS = [
    ("Đảng ủy xã Long Hồ", Unit.Kind.COMMUNE),
    ("Đảng ủy xã Phú Quới", Unit.Kind.COMMUNE),
    ("Chi bộ Công an xã Long Hồ", Unit.Kind.CELL),
    ("Chi bộ Quân sự xã Long Hồ", Unit.Kind.CELL),
    ("Chi bộ Trạm Y tế xã Long Hồ", Unit.Kind.CELL),
    ("Chi bộ Trạm Y tế xã Phú Quới", Unit.Kind.CELL),
    ("Chi bộ Công an xã Phú Quới", Unit.Kind.CELL),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Long Hồ", Unit.Kind.ORGANISATION),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Phú Quới", Unit.Kind.ORGANISATION),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Long Hồ", Unit.Kind.ORGANISATION),
    ("Văn phòng Đảng ủy xã Long Hồ", Unit.Kind.AGENCY),
    ("Ủy ban nhân dân xã Phú Quới", Unit.Kind.AGENCY),
]

ROOMS = [
    ("Hội trường A", 120, "Tầng 1, nhà A"),
    ("Phòng học 1", 60, "Tầng 2, nhà A"),
    ("Phòng học 2", 45, "Tầng 2, nhà A"),
    ("Phòng học 3", 35, "Tầng 3, nhà A"),
]


def seed(*, stdout=None) -> dict:
    defaults = kind_defaults(Center.Kind.COMMUNE, locality=LOCALITY)
    center = Center.objects.create(
        kind=Center.Kind.COMMUNE,
        locality=LOCALITY,
        province=PROVINCE,
        name=defaults["name"],
        short_name="TTCT Long Hồ",
        parent_body=defaults["parent_body"],
        place_name=defaults["place_name"],
        served_area="\n".join(SERVED),
        address=f"Khu hành chính {LOCALITY}, tỉnh {PROVINCE}",
        phone="0270 3850 123",
        email="ttct.longho@example.vn",
        document_code="TTCT",
        legal_basis=defaults["legal_basis"],
        staffing_rule=defaults["staffing_rule"],
        staffing_min=defaults["staffing_min"],
        staffing_max=defaults["staffing_max"],
        deputy_max=defaults["deputy_max"],
        director_name="Lê Văn Thành",
        director_title="GIÁM ĐỐC",
    )
    for name, kind in UNITS:
        Unit.objects.create(name=name, kind=kind)
    Room.objects.bulk_create([Room(name=n, capacity=c, location=loc) for n, c, loc in ROOMS])
    return {"center": center, "units": len(UNITS), "rooms": len(ROOMS)}
