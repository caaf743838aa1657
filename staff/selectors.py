from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

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


POSITION_ORDER = list(StaffMember.Position.values)


def staff_list():
    """Established staff first, then by position (director … reporter), then names in Vietnamese order."""
    rank = Case(*[When(position=p, then=Value(i)) for i, p in enumerate(POSITION_ORDER)], output_field=IntegerField())
    return StaffMember.objects.select_related("user").order_by("-is_established", rank, "sort_key")
