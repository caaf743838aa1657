"""Vietnamese wording around a course's title.

Course titles already start with "Lớp …" ("Lớp bồi dưỡng kết nạp Đảng đợt 1"), so a sentence that puts
"lớp" in front of the title prints "lớp Lớp …". Sentences put ``course_phrase`` where the course goes
("… vào %(course)s" → "… vào lớp bồi dưỡng kết nạp Đảng đợt 1"); ``course_name`` is the title after a
"Lớp:" label.
"""

import re

_CLASS_WORD = re.compile(r"^\s*lớp\s+", re.IGNORECASE)


def _title(course_or_title) -> str:
    title = course_or_title if isinstance(course_or_title, str) else getattr(course_or_title, "title", "")
    return (title or "").strip()


def course_phrase(course_or_title) -> str:
    """The course inside a sentence: a leading "Lớp" in lower case ("… vào lớp bồi dưỡng …"); a title
    that is not a "Lớp" (e.g. "Hội nghị …") stays as it is, so nothing is put in front of it."""
    title = _title(course_or_title)
    match = _CLASS_WORD.match(title)
    return f"lớp {title[match.end() :]}" if match else title


def course_name(course_or_title) -> str:
    """The title after a "Lớp:" label, without repeating the word: "Bồi dưỡng …"."""
    rest = _CLASS_WORD.sub("", _title(course_or_title))
    return rest[:1].upper() + rest[1:]
