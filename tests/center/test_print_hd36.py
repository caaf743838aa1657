"""Printed documents follow Hướng dẫn 36-HD/VPTW: font sizes, A4 margins, page numbers from page 2 at the top.

Sizes are read from the PDF itself (the font size times the text matrix of each run, via pypdf), positions
from poppler's word boxes (`pdftotext -bbox`)."""

import io
import re
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, make_course

MM = 25.4 / 72


def _runs(content: bytes, page: int = 0) -> list[tuple[float, str, str]]:
    """(size in pt, font name, text) of every text run drawn on ``page``."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((round(size * abs(tm[3] * cm[3] or 1), 1), (font or {}).get("/BaseFont", ""), text.strip()))

    PdfReader(io.BytesIO(content)).pages[page].extract_text(visitor_text=visit)
    return runs


def _run(runs, startswith):
    return next((size, font) for size, font, text in runs if text.startswith(startswith))


def _words(content: bytes, tmp_path) -> list[list[tuple[float, float, float, float, str]]]:
    path = tmp_path / "d.pdf"
    path.write_bytes(content)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append(
            [
                (float(a) * MM, float(b) * MM, float(c) * MM, float(d) * MM, w)
                for a, b, c, d, w in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
                )
            ]
        )
    return pages


@pytest.fixture
def decision_pdf(client, director, center):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-2026-08")
    completed(course, 30, by=director)  # enough for the attached list to need a second page
    client.force_login(director)
    response = client.get(reverse("results_completion_decision_pdf", args=[course.pk]))
    assert response.status_code == 200
    return response.content


def test_the_decision_uses_the_hd36_sizes_and_fonts(decision_pdf):
    runs = _runs(decision_pdf)
    expected = {
        "HUYỆN ỦY CHÂU THÀNH": (14.0, "Doc-Serif"),  # parent body: 14 upright
        "TRUNG TÂM CHÍNH TRỊ": (14.0, "Doc-Serif-Bold"),  # issuing body: 14 bold
        "Số": (14.0, "Doc-Serif"),
        "Châu Thành, ngày": (14.0, "Doc-Serif-Italic"),  # place and date: 14 italic
        "ĐẢNG CỘNG SẢN VIỆT NAM": (15.0, "Doc-Serif-Bold"),
        "QUYẾT ĐỊNH": (15.0, "Doc-Serif-Bold"),  # document type 15 bold
        "về việc công nhận": (14.0, "Doc-Serif-Bold"),  # subject line 14 bold, lower case
        "- Căn cứ": (14.0, "Doc-Serif"),  # body 14
    }
    for start, (size, font) in expected.items():
        got_size, got_font = _run(runs, start)
        assert got_size == size, (start, got_size)
        assert got_font.split("+")[-1] == font, (start, got_font)


def test_a4_margins_and_page_numbers_from_page_two_at_the_top(decision_pdf, tmp_path):
    reader = PdfReader(io.BytesIO(decision_pdf))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert round(float(box.width) * MM) == 210 and round(float(box.height) * MM) == 297
    pages = _words(decision_pdf, tmp_path)
    first = pages[0]
    # Page 1: no page number; text starts 20–25 mm from the top and 30–35 mm from the left; ends ≥ 15 mm
    # before the right edge.
    assert not [w for w in first if w[1] < 20 and w[4].isdigit()]
    assert 20 - 0.01 <= min(w[1] for w in first) <= 25
    assert 30 - 0.01 <= min(w[0] for w in first) <= 35
    assert 210 - max(w[2] for w in first) >= 15 - 0.05
    # Page 2: the number alone, centred in the top margin.
    numbers = [w for w in pages[1] if w[1] < 20]
    assert [w[4] for w in numbers] == ["2"]
    centre = (numbers[0][0] + numbers[0][2]) / 2
    assert abs(centre - (30 + (210 - 30 - 15) / 2)) < 3
    assert all(297 - w[3] >= 20 - 0.01 for page in pages for w in page)  # bottom margin


def test_the_rule_under_the_national_line_is_as_long_as_the_line(decision_pdf, tmp_path):
    from PIL import Image

    path = tmp_path / "d.pdf"
    path.write_bytes(decision_pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    px, per_mm = image.load(), 200 / 25.4
    words = [w for w in _words(decision_pdf, tmp_path)[0] if w[4] in ("ĐẢNG", "NAM") and w[0] > 100]
    left, right, bottom = words[0][0], words[-1][2], words[0][3]
    longest = (0, 0, 0)
    for y in range(int(bottom * per_mm), int((bottom + 4) * per_mm)):
        x0 = None
        for x in range(int((left - 10) * per_mm), int((right + 10) * per_mm)):
            if px[x, y] < 128:
                x0 = x if x0 is None else x0
                if x - x0 > longest[0]:
                    longest = (x - x0, x0, x)
            else:
                x0 = None
    assert abs(longest[1] / per_mm - left) < 1 and abs(longest[2] / per_mm - right) < 1
