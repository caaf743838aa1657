import datetime
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Case, Count, IntegerField, Max, Q, Sum, Value, When
from django.utils import timezone

from center.models import Center
from staff.models import StaffMember


@dataclass(frozen=True)
class Staffing:
    established: int
    minimum: int | None
    maximum: int | None
    deputies: int = 0
    deputy_max: int | None = None
    rule: str = ""

    @property
    def has_range(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    @property
    def within_rule(self) -> bool:
        low = self.minimum if self.minimum is not None else 0
        return low <= self.established and (self.maximum is None or self.established <= self.maximum)

    @property
    def too_many_deputies(self) -> bool:
        return self.deputy_max is not None and self.deputies > self.deputy_max


def staffing_summary(center: Center) -> Staffing:
    """Established posts and deputy directors held by active staff, against the profile's staffing rule
    (its range of posts and its limit of deputies; either may be blank)."""
    active = StaffMember.objects.filter(is_active=True)
    counts = active.aggregate(
        established=Count("pk", filter=Q(is_established=True)),
        deputies=Count("pk", filter=Q(position=StaffMember.Position.DEPUTY_DIRECTOR)),
    )
    return Staffing(
        established=counts["established"],
        minimum=center.staffing_min,
        maximum=center.staffing_max,
        deputies=counts["deputies"],
        deputy_max=center.deputy_max,
        rule=center.staffing_rule,
    )


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
