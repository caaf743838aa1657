"""The two kinds of center and the DEFAULTS each kind gives the profile.

A kind only fills in values (when the director picks or changes it on the profile form, or presses
“use the defaults of this kind”); every value stays editable and is stored on the profile. The sources of
each default are in docs/rules-2025.md. Nothing else in the code reads these numbers: the profile does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CenterKind(models.TextChoices):
    COMMUNE = "commune", _("Commune-level center (Quy định 360-QĐ/TW, 2025)")
    DISTRICT = "district", _("District-level center (Quy định 208-QĐ/TW, 2019)")


# Locality types, longest first so “thị xã” is not read as “xã”.
LOCALITY_TYPES = ["đặc khu", "thị trấn", "thị xã", "thành phố", "phường", "xã", "huyện", "quận"]
# The Party committee of a district-level locality is named after its type (Huyện ủy, Quận ủy, …).
DISTRICT_COMMITTEE = {"huyện": "huyện ủy", "quận": "quận ủy", "thị xã": "thị ủy", "thành phố": "thành ủy"}

KIND_DEFAULTS = {
    CenterKind.COMMUNE: {
        "legal_basis": "Quy định số 360-QĐ/TW ngày 29/08/2025 của Ban Bí thư",
        # Posts are set by the commune Party committee: no range by default.
        "staffing_min": None,
        "staffing_max": None,
        "deputy_max": 1,
        "staffing_rule": (
            "Giám đốc là Trưởng ban Tuyên giáo và Dân vận Đảng ủy (kiêm nhiệm), không quá 01 phó giám đốc, "
            "giảng viên và nhân viên; số lượng do Đảng ủy xã, phường, đặc khu quyết định."
        ),
    },
    CenterKind.DISTRICT: {
        "legal_basis": "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư",
        "staffing_min": 4,
        "staffing_max": 6,
        "deputy_max": None,
        "staffing_rule": (
            "Giám đốc là Trưởng ban Tuyên giáo cấp ủy cấp huyện (kiêm nhiệm), một số phó giám đốc và giảng "
            "viên chuyên trách; biên chế từ 4 đến 6 người."
        ),
    },
}


def split_locality(locality: str) -> tuple[str, str]:
    """“xã Châu Thành” → (“xã”, “Châu Thành”); a name without a known type → (“”, name)."""
    text = " ".join((locality or "").split())
    lower = text.lower()
    for kind in LOCALITY_TYPES:
        if lower.startswith(kind + " "):
            return kind, text[len(kind) + 1 :]
    return "", text


def kind_defaults(kind: str, *, locality: str = "") -> dict:
    """The values a center of ``kind`` hosted by ``locality`` (“xã Châu Thành”, “huyện Châu Thành”)
    starts from: the fixed ones of KIND_DEFAULTS, plus the name, header line, place name and served area
    derived from the locality when it is given."""
    values = dict(KIND_DEFAULTS[CenterKind(kind)])
    locality_type, locality_name = split_locality(locality)
    if not locality_name:
        return values
    full = f"{locality_type} {locality_name}".strip()
    if kind == CenterKind.DISTRICT and locality_type in DISTRICT_COMMITTEE:
        parent = f"{DISTRICT_COMMITTEE[locality_type]} {locality_name}"
    else:
        parent = f"Đảng ủy {full}"
    values.update(
        name=f"Trung tâm Chính trị {full}",
        parent_body=parent.upper(),
        place_name=locality_name,
        served_area=full,
    )
    return values
