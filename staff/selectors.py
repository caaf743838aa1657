from dataclasses import dataclass

from center.models import Center
from staff.models import StaffMember


@dataclass(frozen=True)
class Staffing:
    established: int
    minimum: int
    maximum: int

    @property
    def within_rule(self) -> bool:
        return self.minimum <= self.established <= self.maximum


def staffing_summary(center: Center) -> Staffing:
    """Established posts held by active staff, against the center's staffing rule (4–6 by default)."""
    count = StaffMember.objects.filter(is_active=True, is_established=True).count()
    return Staffing(established=count, minimum=center.staffing_min, maximum=center.staffing_max)


def staff_list():
    return StaffMember.objects.select_related("user").order_by("-is_established", "position", "full_name")
