"""Reading query parameters that people (and scripts) type into addresses: anything unusable is treated as
absent, never passed to the database as it is (a huge number overflows the column, a NUL byte breaks a
PostgreSQL query, a date in year 9999 has no next week)."""

import datetime
import re

# The dates a page may show: wide enough for any real course or document, far from the calendar's ends.
FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2199, 12, 31)

_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only; below the 64-bit limit of an id column


def id_param(value) -> int | None:
    """A positive id from a query parameter, or None."""
    if value is None or not _ID.fullmatch(str(value)):
        return None
    number = int(value)
    return number or None


def year_param(value) -> int | None:
    """A year (FIRST_DATE … LAST_DATE) from a query parameter, or None."""
    number = id_param(value)
    return number if number is not None and FIRST_DATE.year <= number <= LAST_DATE.year else None


def date_param(value) -> datetime.date | None:
    """An ISO date (yyyy-mm-dd) within FIRST_DATE … LAST_DATE from a query parameter, or None."""
    if not value or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(value)):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_DATE <= day <= LAST_DATE else None


def text_param(value, *, max_length: int = 200) -> str:
    """Free text (a search) from a query parameter: without control or invisible characters (NUL among
    them), trimmed to ``max_length``."""
    from center.text import normalize_text

    return normalize_text(str(value or ""))[:max_length]
