"""Demo data for the center itself: its profile, the communes and agencies it serves, its rooms."""

from center.models import Center, Room, Unit

UNITS = [
    ("Đảng ủy xã Tân Phú", Unit.Kind.COMMUNE),
    ("Đảng ủy xã An Hiệp", Unit.Kind.COMMUNE),
    ("Đảng ủy xã Phú Túc", Unit.Kind.COMMUNE),
    ("Đảng ủy xã Tường Đa", Unit.Kind.COMMUNE),
    ("Đảng ủy xã Hữu Định", Unit.Kind.COMMUNE),
    ("Đảng ủy xã Quới Sơn", Unit.Kind.COMMUNE),
    ("Đảng ủy phường Châu Thành", Unit.Kind.COMMUNE),
    ("Chi bộ Trường THPT Châu Thành A", Unit.Kind.CELL),
    ("Chi bộ Trạm Y tế xã Tân Phú", Unit.Kind.CELL),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phú", Unit.Kind.ORGANISATION),
    ("Hội Liên hiệp Phụ nữ xã An Hiệp", Unit.Kind.ORGANISATION),
    ("Đoàn Thanh niên xã Phú Túc", Unit.Kind.ORGANISATION),
    ("Văn phòng Đảng ủy xã Tân Phú", Unit.Kind.AGENCY),
]

ROOMS = [
    ("Hội trường A", 120, "Tầng 1, nhà A"),
    ("Phòng học 1", 60, "Tầng 2, nhà A"),
    ("Phòng học 2", 45, "Tầng 2, nhà A"),
    ("Phòng học 3", 35, "Tầng 3, nhà A"),
]


def seed(*, stdout=None) -> dict:
    center = Center.objects.create(
        name="Trung tâm Chính trị huyện Châu Thành",
        short_name="TTCT Châu Thành",
        parent_body="HUYỆN ỦY CHÂU THÀNH",
        place_name="Châu Thành",
        address="Số 12, đường 30/4, thị trấn Châu Thành, tỉnh Bến Tre",
        phone="0275 3860 123",
        email="ttct.chauthanh@example.vn",
        document_code="TTCT",
        legal_basis="Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư",
        director_name="Lê Văn Thành",
        director_title="GIÁM ĐỐC",
    )
    for name, kind in UNITS:
        Unit.objects.create(name=name, kind=kind)
    Room.objects.bulk_create([Room(name=n, capacity=c, location=loc) for n, c, loc in ROOMS])
    return {"center": center, "units": len(UNITS), "rooms": len(ROOMS)}
