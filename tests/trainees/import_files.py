"""Excel lists like the ones units send, for the import tests and the import benchmark."""

import io

from openpyxl import Workbook

FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Minh", "Huỳnh Thị", "Võ Quốc", "Đặng Thị", "Bùi Đức", "Hồ Thị"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Đức", "Hòa", "Hương", "Khánh", "Lan", "Ơn", "Thảo", "Ưng", "Ánh", "Yến"]
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Đảng viên/ngày vào Đảng", "SĐT", "CCCD"]


def trainee_rows(count: int, *, unit_name: str = "", seed: int = 0) -> list[list]:
    rows = []
    for i in range(count):
        n = i + seed
        family = FAMILY[n % len(FAMILY)]
        rows.append(
            [
                i + 1,
                f"{family} {GIVEN[(n // len(FAMILY)) % len(GIVEN)]}",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{1970 + n % 35}",
                "Nữ" if family.endswith("Thị") else "Nam",
                unit_name,
                "Chi hội trưởng Chi hội Nông dân",
                "",
                f"09{n:08d}",
                f"0791{n:08d}",
            ]
        )
    return rows


def workbook_bytes(rows: list[list], *, header=HEADER, title_rows: int = 0) -> bytes:
    wb = Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["DANH SÁCH CÁN BỘ CỬ ĐI HỌC"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
