"""The figures of a period: classes, learners enrolled and completed, certificates, broken down by programme,
sending unit, target group (Party member or not), sex and ethnicity. A fixed number of queries, whatever the
number of classes: each breakdown is one grouped query.

What counts: a class belongs to the period when it starts in it (cancelled classes never count); its learners
are its approved enrolments, "completed" those the director confirmed as completed; certificates count when
issued in the period (reissues left out: they replace a certificate already counted)."""

import calendar
import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Course
from trainees.models import Certificate, Enrolment, Trainee

KINDS = {
    "year": gettext_lazy("Year"),
    "half": gettext_lazy("Half-year"),
    "quarter": gettext_lazy("Quarter"),
    "custom": gettext_lazy("From … to …"),
}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str
    kind: str = "year"
    number: int = 0  # the half (1–2) or quarter (1–4)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), _("Year %(year)s") % {"year": year})

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        start = datetime.date(year, 1 if half == 1 else 7, 1)
        end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
        label = (_("First half of %(year)s") if half == 1 else _("Second half of %(year)s")) % {"year": year}
        return cls(start, end, label, "half", half)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        month = 3 * quarter - 2
        end_month = month + 2
        end = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
        label = _("Quarter %(quarter)s of %(year)s") % {"quarter": ["I", "II", "III", "IV"][quarter - 1], "year": year}
        return cls(datetime.date(year, month, 1), end, label, "quarter", quarter)

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> "Period":
        label = _("From %(start)s to %(end)s") % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        return cls(start, end, label, "custom")


@dataclass
class Row:
    """One line of a breakdown."""

    label: str
    classes: int = 0
    enrolled: int = 0
    completed: int = 0
    certificates: int = 0
    # Learners whose completion the director has confirmed (completed or not): the rate is taken over them, so a
    # class still running or not yet begun does not pull it down.
    decided: int = 0

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.decided) if self.decided else None


@dataclass
class Statistics:
    period: Period
    total: Row
    finished_classes: int
    by_programme: list[Row] = field(default_factory=list)
    by_unit: list[Row] = field(default_factory=list)
    by_group: list[Row] = field(default_factory=list)
    by_sex: list[Row] = field(default_factory=list)
    by_ethnicity: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)

    @property
    def breakdowns(self) -> list[tuple[str, list[Row]]]:
        return [
            (_("By programme"), self.by_programme),
            (_("By sending unit"), self.by_unit),
            (_("By target group"), self.by_group),
            (_("By sex"), self.by_sex),
            (_("By ethnicity"), self.by_ethnicity),
        ]


def _courses(period: Period):
    return Course.objects.filter(start_date__range=(period.start, period.end)).exclude(status=Course.Status.CANCELLED)


def _enrolments(period: Period):
    return Enrolment.objects.filter(
        course__start_date__range=(period.start, period.end), status=Enrolment.Status.APPROVED
    ).exclude(course__status=Course.Status.CANCELLED)


COMPLETED = Q(completion=Enrolment.Completion.COMPLETED, completion_confirmed_at__isnull=False)
DECIDED = Q(completion_confirmed_at__isnull=False) & ~Q(completion="")


def _grouped(period: Period, key, labels) -> list[Row]:
    """Enrolled and completed learners grouped by ``key`` (an expression on Enrolment); rows in the order of
    ``labels`` (a mapping of key → label, or a callable), then by enrolment count."""
    rows = (
        _enrolments(period)
        .annotate(group=key)
        .values("group")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=COMPLETED), decided=Count("pk", filter=DECIDED))
        .order_by()
    )
    out = [
        Row(label=labels(row["group"]), enrolled=row["enrolled"], completed=row["completed"], decided=row["decided"])
        for row in rows
    ]
    return sorted(out, key=lambda r: (-r.enrolled, r.label))


def statistics(period: Period) -> Statistics:
    """Every figure of ``period`` (eight queries)."""
    courses = list(
        _courses(period)
        .values("programme_id", "programme__name")
        .annotate(n=Count("pk"), finished=Count("pk", filter=Q(status=Course.Status.FINISHED)))
        .order_by()
    )
    certificates = (
        Certificate.objects.filter(issued_on__range=(period.start, period.end), replaces__isnull=True)
        .values("enrolment__course__programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    certificates_by_programme = {row["enrolment__course__programme_id"]: row["n"] for row in certificates}
    learners = {
        row["course__programme_id"]: row
        for row in _enrolments(period)
        .values("course__programme_id", "course__programme__name")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=COMPLETED), decided=Count("pk", filter=DECIDED))
        .order_by()
    }
    programmes: dict[int, Row] = OrderedDict()
    for row in courses:
        programmes[row["programme_id"]] = Row(label=row["programme__name"], classes=row["n"])
    for programme_id, row in learners.items():
        target = programmes.setdefault(programme_id, Row(label=row["course__programme__name"]))
        target.enrolled, target.completed, target.decided = row["enrolled"], row["completed"], row["decided"]
    for programme_id, count in certificates_by_programme.items():
        if programme_id in programmes:
            programmes[programme_id].certificates = count
    by_programme = sorted(programmes.values(), key=lambda r: (-r.enrolled, r.label))
    total = Row(
        label=_("Total"),
        classes=sum(r.classes for r in by_programme),
        enrolled=sum(r.enrolled for r in by_programme),
        completed=sum(r.completed for r in by_programme),
        decided=sum(r.decided for r in by_programme),
        certificates=sum(certificates_by_programme.values()),
    )
    groups = {
        Trainee.PartyStatus.FULL: _("Party members"),
        Trainee.PartyStatus.PROBATIONARY: _("Probationary Party members"),
        Trainee.PartyStatus.NONE: _("Not Party members"),
    }
    sexes = {Trainee.Gender.MALE: _("Male"), Trainee.Gender.FEMALE: _("Female")}
    months = {
        row["month"]: row
        for row in _enrolments(period)
        .annotate(month=ExtractMonth("course__start_date"))
        .values("month")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=COMPLETED), decided=Count("pk", filter=DECIDED))
        .order_by()
    }
    by_month = []
    if (period.end - period.start).days <= 370:
        month, year = period.start.month, period.start.year
        while datetime.date(year, month, 1) <= period.end:
            row = months.get(month, {"enrolled": 0, "completed": 0, "decided": 0})
            by_month.append(
                Row(
                    label=f"{month:02d}/{year}",
                    enrolled=row["enrolled"],
                    completed=row["completed"],
                    decided=row["decided"],
                )
            )
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return Statistics(
        period=period,
        total=total,
        finished_classes=sum(row["finished"] for row in courses),
        by_programme=by_programme,
        by_unit=_grouped(
            period, Coalesce("sending_unit__name", "trainee__unit__name"), lambda name: name or _("No unit")
        ),
        by_group=_grouped(period, F("trainee__party_status"), lambda s: groups.get(s, s)),
        by_sex=_grouped(period, F("trainee__gender"), lambda s: sexes.get(s) or _("Not given")),
        by_ethnicity=_grouped(period, F("trainee__ethnicity"), lambda s: s or _("Not given")),
        by_month=by_month,
    )
