"""Charts drawn on the server as SVG: the same markup on a page, in print and in a WeasyPrint PDF, with no script
(the Content-Security-Policy allows none inline) and no network. Every chart also has its numbers in a table next
to it, for those who print in black and white or use a screen reader; the SVG carries a title and a description.

Two kinds are enough for the center's figures: horizontal bars (one value per label, e.g. learners by programme)
and grouped columns (two or three series per label, e.g. enrolled and completed by month)."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours that keep 3:1 contrast against white and stay apart in greyscale.
PALETTE = ["#b02a37", "#1f5f99", "#5c8a2e", "#8a5a00"]
FONT = "Liberation Sans, Arial, sans-serif"
# Charts inside a printed document use the document's own typeface (print-doc.css bundles it for WeasyPrint).
DOCUMENT_FONT = "Doc Serif, Liberation Serif, Times New Roman, serif"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]


def _number(value) -> str:
    return f"{value:,}".replace(",", ".")


def _shorten(label: str, length: int) -> str:
    return label if len(label) <= length else label[: max(length - 1, 1)].rstrip() + "…"


def bar_chart(
    rows: list[tuple[str, int]], *, title: str, width: int = 520, bar: int = 22, font: str = FONT
) -> SafeString:
    """Horizontal bars, one per (label, value), longest label first column; values written at the bar's end."""
    label_width = min(max((len(label) for label, _ in rows), default=10) * 6 + 10, width // 2)
    fits = (label_width - 10) // 6  # characters that fit left of the bars; longer labels are shortened with "…"
    height = len(rows) * (bar + 8) + 36
    top = max((value for _, value in rows), default=0) or 1
    span = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{font}" font-size="12">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(f"{label}: {_number(value)}" for label, value in rows)) + "</desc>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 28 + index * (bar + 8)
        length = round(span * value / top)
        shown = escape(_shorten(label, fits))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar * 0.7:.1f}" text-anchor="end">{shown}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + length + 4}" y="{y + bar * 0.7:.1f}">{_number(value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()


def column_chart(
    labels: list[str],
    series: list[Series],
    *,
    title: str,
    width: int = 520,
    height: int = 260,
    font: str = FONT,
) -> SafeString:
    """Grouped columns: for each label, one column per series; a legend under the title."""
    top = max((value for s in series for value in s.values), default=0) or 1
    left, bottom, plot_top = 36, 28, 48
    plot_height = height - bottom - plot_top
    group = (width - left) / max(len(labels), 1)
    column = max(min(group / (len(series) + 1), 28), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{font}" font-size="11">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{label}: " + ", ".join(f"{s.name} {_number(s.values[i])}" for s in series)
                for i, label in enumerate(labels)
            )
        )
        + "</desc>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, s in enumerate(series):
        x = left + index * 150
        parts.append(
            f'<rect x="{x}" y="26" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="36">{escape(s.name)}</text>'
        )
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="#555"/>')
    parts.append(f'<text x="{left - 4}" y="{plot_top + 4}" text-anchor="end">{_number(top)}</text>')
    parts.append(f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>')
    for i, label in enumerate(labels):
        x0 = left + i * group + (group - column * len(series)) / 2
        for index, s in enumerate(series):
            value = s.values[i]
            h = round(plot_height * value / top)
            x = x0 + index * column
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h}" width="{column - 1:.1f}" height="{max(h, 0)}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            )
            if value:
                parts.append(
                    f'<text x="{x + column / 2:.1f}" y="{base - h - 3}" text-anchor="middle" font-size="9">'
                    f"{_number(value)}</text>"
                )
        parts.append(
            f'<text x="{left + i * group + group / 2:.1f}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()
