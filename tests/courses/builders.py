"""Small builders for the courses tests (factories live in tests/factories.py)."""

import datetime

from courses.models import Programme
from courses.services import SessionSpec

MORNING = (datetime.time(7, 30), datetime.time(11, 0))
AFTERNOON = (datetime.time(13, 30), datetime.time(17, 0))


def new_member_programme() -> Programme:
    """ "Lý luận chính trị cho đảng viên mới" with its 10 topics, from the data migration."""
    return Programme.objects.get(code="DVM")


def spec(day: datetime.date, part="morning", times=None, **kwargs) -> SessionSpec:
    start, end = times or (MORNING if part == "morning" else AFTERNOON)
    return SessionSpec(date=day, part_of_day=part, start_time=start, end_time=end, title="Chuyên đề", **kwargs)
