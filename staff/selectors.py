import datetime
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Case, IntegerField, Max, Sum, Value, When
from django.utils import timezone

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


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str
    failures: int
    last_attempt: datetime.datetime
    locked_until: datetime.datetime


def current_lockouts() -> list[Lockout]:
    """Logins locked now: each (username, address) with AXES_FAILURE_LIMIT failures or more within the
    cool-off, newest first."""
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        Lockout(
            username=row["username"] or "",
            ip_address=row["ip_address"] or "",
            failures=row["failures"],
            last_attempt=row["last"],
            locked_until=row["last"] + cool_off,
        )
        for row in rows
    ]
