"""How a course is named in running text: never "lớp Lớp"."""

import pytest
from django.contrib.messages import get_messages

from trainees.wording import course_name, course_phrase

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("title", "phrase", "name"),
    [
        (
            "Lớp bồi dưỡng nhận thức về Đảng khóa 1",
            "lớp bồi dưỡng nhận thức về Đảng khóa 1",
            "Bồi dưỡng nhận thức về Đảng khóa 1",
        ),
        ("lớp sơ cấp LLCT", "lớp sơ cấp LLCT", "Sơ cấp LLCT"),
        ("Hội nghị học tập nghị quyết", "Hội nghị học tập nghị quyết", "Hội nghị học tập nghị quyết"),
        ("Lớp học chính trị", "lớp học chính trị", "Học chính trị"),
    ],
)
def test_course_phrase_never_doubles_the_word_lop(title, phrase, name):
    assert course_phrase(title) == phrase
    assert course_name(title) == name


# --- 7. the register: the full name in one cell on screen ------------------------------------------------
