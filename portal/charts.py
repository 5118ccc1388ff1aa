"""Charts as inline SVG drawn on the server: no JavaScript, nothing from another host, and the strict
CSP holds (SVG presentation attributes are not inline styles). Each chart carries a title and a
description for screen readers; pages show the same figures in a table beside it.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe palette (Okabe–Ito), dark enough against white for 3:1 non-text contrast.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56544D", "#8F6A00"]


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


# Width of a character at font-size 12, generous, so that a label never runs into the next one.
CHAR_WIDTH = 7.2


def _legend(series: list[Series], x: float, y: float) -> SafeString:
    items = []
    offset = x
    for index, item in enumerate(series):
        if index:
            offset += 16 + len(series[index - 1].label) * CHAR_WIDTH + 20
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                offset,
                y - 10,
                PALETTE[index % len(PALETTE)],
                offset + 16,
                y,
                item.label,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every part went through format_html


def bar_chart(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    maximum: float | None = None,
    unit: str = "",
) -> SafeString:
    """Grouped horizontal bars: one group per category, one bar per series."""
    bar, gap, label_width, width = 12, 10, 220, 720
    group_height = bar * len(series) + gap
    height = 40 + group_height * max(len(categories), 1) + 10
    top = maximum or max((v for s in series for v in s.values), default=0) or 1
    scale = (width - label_width - 60) / top
    parts = []
    for row, category in enumerate(categories):
        y = 40 + row * group_height
        lines = _wrap(category, int((label_width - 12) / CHAR_WIDTH))
        first = y + bar * len(series) / 2 + 4 - (len(lines) - 1) * 7
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                label_width - 8,
                f"{first:.1f}",
                format_html_join(
                    "",
                    '<tspan x="{}" dy="{}">{}</tspan>',
                    ((label_width - 8, "0" if number == 0 else "14", line) for number, line in enumerate(lines)),
                ),
            )
        )
        for index, item in enumerate(series):
            value = item.values[row]
            by = y + index * bar
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}{}</title></rect>'
                    '<text x="{}" y="{}" font-size="10">{}{}</text>',
                    label_width,
                    by,
                    f"{value * scale:.1f}",
                    bar - 2,
                    PALETTE[index % len(PALETTE)],
                    category,
                    item.label,
                    _fmt(value),
                    unit,
                    f"{label_width + value * scale + 4:.1f}",
                    by + bar - 3,
                    _fmt(value),
                    unit,
                )
            )
    return _svg(width, height, title, description, _legend(series, label_width, 20), parts)


def _svg(width, height, title, description, legend, parts) -> SafeString:
    """The chart's frame: its size, and the title and description a screen reader reads for it."""
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}{}</svg>',
        width,
        height,
        _id(title),
        _id(title),
        _id(title),
        title,
        _id(title),
        description,
        legend,
        mark_safe("".join(parts)),  # noqa: S308 - built with format_html
    )


def line_chart(*, title: str, description: str, labels: list[str], series: list[Series]) -> SafeString:
    """Lines over time (e.g. participants per month), with the first and last labels on the axis."""
    width, height, left, bottom = 720, 260, 50, 30
    top_value = max((v for s in series for v in s.values), default=0) or 1
    count = max(len(labels), 1)
    step = (width - left - 20) / max(count - 1, 1)
    scale = (height - bottom - 40) / top_value
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#56544D"></line>',
            left,
            height - bottom,
            width - 20,
            height - bottom,
        ),
        format_html('<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>', left - 6, 44, _fmt(top_value)),
    ]
    for index, item in enumerate(series):
        points = " ".join(f"{left + i * step:.1f},{height - bottom - v * scale:.1f}" for i, v in enumerate(item.values))
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"></polyline>',
                points,
                PALETTE[index % len(PALETTE)],
            )
        )
    if labels:
        parts.append(
            format_html_join(
                "",
                '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
                [(f"{left + i * step:.1f}", height - 10, labels[i]) for i in sorted({0, count // 2, count - 1})],
            )
        )
    return _svg(width, height, title, description, _legend(series, left, 20), parts)


def _fmt(value: float) -> str:
    """A figure as the reader writes it: "12,5" in Swedish, "12.5" in English."""
    return number_format(value, decimal_pos=0 if float(value).is_integer() else 1)


def _wrap(text: str, width: int, most: int = 2) -> list[str]:
    """A label in at most `most` lines of `width` characters, broken between words; the rest shortened
    with an ellipsis (the bars' tooltips and the table beside the chart have the whole text)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines] or [""]


def _id(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40]
