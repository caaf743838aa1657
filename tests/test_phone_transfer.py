"""A phone's first visit (login page, then My timetable) downloads at most 250 kB, counted in bytes as the
server sends them (tests/phone_visit.py; `python -m tests.bench phone` prints the breakdown)."""

import pytest

from tests.factories import PASSWORD
from tests.phone_visit import BUDGET, first_visit, report, trainee_with_a_timetable

pytestmark = pytest.mark.django_db


def test_a_phones_first_visit_stays_within_the_budget(client):
    trainee_with_a_timetable("hocvien", PASSWORD)
    transfers = first_visit(client, username="hocvien", password=PASSWORD)
    urls = [t.url for t in transfers]
    assert "/me/" in urls and any(u.endswith(".woff2") for u in urls), "the visit must reach the timetable"
    assert sum(t.sent for t in transfers) <= BUDGET, report(transfers)


def test_no_font_it_downloads_carries_icons_the_portal_does_not_use(client):
    from django.contrib.staticfiles import finders
    from fontTools.ttLib import TTFont

    from tests.center.test_front_end import icons_tool

    tool = icons_tool()
    trainee_with_a_timetable("hocvien", PASSWORD)
    fonts = [t.url for t in first_visit(client, username="hocvien", password=PASSWORD) if t.url.endswith(".woff2")]
    assert fonts
    wanted = {tool.icon_codepoints()[name] for name in tool.used_icons()}
    for url in fonts:
        path = finders.find(url.removeprefix("/static/"))
        assert set(TTFont(path).getBestCmap()) == wanted, f"{url} is not the icons the portal uses"
