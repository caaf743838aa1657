"""Vietnamese wording around a course's title.

Course titles already start with "Lớp …" ("Lớp bồi dưỡng kết nạp Đảng đợt 1"), so a sentence that puts
"lớp" in front of the title prints "lớp Lớp …". ``course_phrase`` gives the title as it reads inside a
sentence ("… vào lớp bồi dưỡng kết nạp Đảng đợt 1"), ``course_name`` the title after a "Lớp:" label.
"""

import re

_CLASS_WORD = re.compile(r"^\s*lớp\s+", re.IGNORECASE)


def _title(course_or_title) -> str:
    title = course_or_title if isinstance(course_or_title, str) else getattr(course_or_title, "title", "")
    return (title or "").strip()


def course_phrase(course_or_title) -> str:
    """The course inside a sentence, always starting with a lower-case "lớp": "lớp bồi dưỡng …"."""
    title = _title(course_or_title)
    rest = _CLASS_WORD.sub("", title)
    return f"lớp {rest}" if rest else "lớp"


def course_name(course_or_title) -> str:
    """The title after a "Lớp:" label, without repeating the word: "Bồi dưỡng …"."""
    rest = _CLASS_WORD.sub("", _title(course_or_title))
    return rest[:1].upper() + rest[1:]
