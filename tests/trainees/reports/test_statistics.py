"""Statistics of a period: figures of a seeded year, hand-counted; breakdowns; a fixed number of queries; Excel;
the charts drawn as SVG with their numbers."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Course
from tests.builders import make_course
from trainees.reports.selectors import Period, statistics

pytestmark = pytest.mark.django_db


def test_the_figures_of_a_seeded_year_are_exact(year_2026):
    stats = statistics(Period.year(2026))

    t = stats.total
    assert (t.classes, stats.finished_classes, t.enrolled, t.completed, t.certificates) == (3, 2, 6, 3, 2)
    # Over the learners whose completion was decided: 3 completed of the 4 in finished classes (A1's three, B1's
    # one); the two of A2, still running, do not count yet.
    assert t.completion_rate == 75
    programmes = {r.label: (r.classes, r.enrolled, r.completed, r.certificates) for r in stats.by_programme}
    assert programmes == {"Chương trình A": (2, 5, 2, 2), "Chương trình B": (1, 1, 1, 0)}
    assert {r.label: (r.enrolled, r.completed) for r in stats.by_unit} == {"Xã Một": (4, 3), "Xã Hai": (2, 0)}
    groups = {r.label: r.enrolled for r in stats.by_group}
    assert groups == {"Đảng viên chính thức": 3, "Đảng viên dự bị": 1, "Chưa là đảng viên": 2}
    assert {r.label: r.enrolled for r in stats.by_sex} == {"Nữ": 3, "Nam": 2, "Chưa ghi": 1}
    assert {r.label: r.enrolled for r in stats.by_ethnicity} == {"Kinh": 4, "Khmer": 1, "Chưa ghi": 1}
    months = {r.label: (r.enrolled, r.completed) for r in stats.by_month}
    assert len(months) == 12
    assert months["01/2026"] == (3, 2) and months["03/2026"] == (2, 0) and months["07/2026"] == (1, 1)
    assert months["02/2026"] == (0, 0)


def test_a_quarter_and_a_half_year_count_only_their_classes(year_2026):
    assert statistics(Period.quarter(2026, 1)).total.enrolled == 5
    assert statistics(Period.half(2026, 2)).total.enrolled == 1
    custom = statistics(Period.custom(datetime.date(2026, 3, 1), datetime.date(2026, 7, 31)))
    assert (custom.total.classes, custom.total.enrolled) == (2, 3)


def test_the_statistics_run_a_fixed_number_of_queries(year_2026, django_assert_num_queries):
    with django_assert_num_queries(8):
        statistics(Period.year(2026))
    make_course(code="A9", status=Course.Status.FINISHED, start_date=datetime.date(2026, 9, 1))
    with django_assert_num_queries(8):
        statistics(Period.year(2026))


def test_the_page_draws_the_charts_and_exports_to_excel(client, clerk, year_2026):
    client.force_login(clerk)
    page = client.get(reverse("statistics"), {"period": "year", "year": 2026}).content.decode()
    assert page.count("<svg") == 2 and "<title>Học viên theo chương trình</title>" in page
    assert "Chương trình A: 5" in page  # the chart's description carries its numbers
    response = client.get(reverse("statistics_xlsx"), {"period": "half", "year": 2026, "number": 1})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Thống kê đào tạo, bồi dưỡng: 6 tháng đầu năm 2026"
    assert ["Chương trình A", 2, 5, 2, 67, None] in [
        list(v) for v in values
    ]  # 2 of the 3 decided; certificates: November


def test_bad_periods_fall_back_to_this_year_with_a_message(client, clerk):
    client.force_login(clerk)
    year = timezone.localdate().year
    for query in (
        {"period": "custom", "start": "31/12/2026", "end": "01/01/2026"},
        {"period": "quarter", "number": "9"},
        {"period": "custom", "start": "01/01/2000", "end": "%00"},
    ):
        response = client.get(reverse("statistics"), query)
        assert response.status_code == 200
        assert response.context["period"].start == datetime.date(year, 1, 1)
        assert list(response.context["messages"])
