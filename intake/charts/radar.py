"""Radar (spider) charts drawn as SVG on the server: no JavaScript, no charting library, no CDN.

Used on the review page to set a company's maturity and urgency per area beside the mean of its
comparable earlier cases. The chart is an image for assistive technology (`role="img"` with a
`<title>` and a `<desc>` that names every value); the series differ by line pattern and marker
shape, not only by colour (solid with circles, dashed with squares, dotted with diamonds), and the
legend draws the same pattern. The page also shows the numbers in a table, the accessible source
of truth. Colours come from classes in app.css (the CSP forbids inline styles); dash patterns are
SVG presentation attributes so they hold even without the stylesheet.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 560         # viewBox units: room either side of the plot for the axis labels
PLOT_HEIGHT = 330
CX, CY = WIDTH / 2, PLOT_HEIGHT / 2
RADIUS = 115
LABEL_WRAP = 18     # characters per line of an axis label
LEGEND_ROW = 22
# (dash pattern, marker shape) per series index; colour is a third, redundant cue.
STYLES = (("", "circle"), ("7 4", "square"), ("2 3", "diamond"))


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: its legend label and one value per axis (None: not answered)."""

    label: str
    values: Sequence[float | None]


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _point(index: int, count: int, value: float, scale_max: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * max(0.0, min(value, scale_max)) / scale_max
    return CX + r * math.cos(angle), CY + r * math.sin(angle)


def _marker(shape: str, x: float, y: float, css: str) -> str:
    if shape == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    return (f'<polygon class="{css}" points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} '
            f'{x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"/>')


def _axis_label(index: int, count: int, label: str) -> str:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    x = CX + (RADIUS + 14) * math.cos(angle)
    y = CY + (RADIUS + 14) * math.sin(angle)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
    # A long word stays whole ("Kompetensförsörjning"): a word broken in two reads as two.
    lines = textwrap.wrap(label, LABEL_WRAP, break_long_words=False) or [""]
    if math.sin(angle) < -0.3:  # above the centre: grow upwards
        y -= 14 * (len(lines) - 1)
    elif abs(math.sin(angle)) <= 0.3:
        y -= 7 * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 14}">{escape(line)}</tspan>'
        for i, line in enumerate(lines))
    return (f'<text class="radar-axis-label" x="{x:.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{anchor}">{spans}</text>')


def _series(index: int, count_axes: int, series: RadarSeries, scale_max: float) -> list[str]:
    dash, shape = STYLES[index % len(STYLES)]
    css = f"radar-series radar-series-{index}"
    points = [(i, _point(i, count_axes, v, scale_max))
              for i, v in enumerate(series.values) if v is not None]
    if not points:
        return []
    coords = " ".join(f"{x:.1f},{y:.1f}" for _, (x, y) in points)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    shape_tag = "polygon" if len(points) > 2 else "polyline"
    parts = [f'<g class="{css}">',
             f'<{shape_tag} class="radar-line" points="{coords}" fill="none"{dash_attr}/>']
    parts += [_marker(shape, x, y, "radar-marker") for _, (x, y) in points]
    parts.append("</g>")
    return parts


def _legend(series: Sequence[RadarSeries], top: float) -> list[str]:
    parts = ['<g class="radar-legend">']
    for index, item in enumerate(series):
        dash, shape = STYLES[index % len(STYLES)]
        y = top + index * LEGEND_ROW
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts += [
            f'<g class="radar-series radar-series-{index}">',
            f'<line class="radar-line" x1="20" y1="{y:.1f}" x2="60" y2="{y:.1f}"{dash_attr}/>',
            _marker(shape, 40, y, "radar-marker"),
            "</g>",
            f'<text class="radar-legend-label" x="70" y="{y + 4:.1f}">{escape(item.label)}</text>',
        ]
    parts.append("</g>")
    return parts


def radar_chart(chart_id: str, title: str, description: str, axes: Sequence[str],
                series: Sequence[RadarSeries], scale_max: float = 5) -> Markup:
    """The SVG markup of a radar chart; `chart_id` must be unique on the page.

    `description` should say what the chart shows in words; the values of every series are
    appended to it so that a screen reader gets the whole content.
    """
    count = len(axes)
    values_text = "; ".join(
        f"{item.label}: " + ", ".join(
            f"{axis} {_fmt(v) if v is not None else '–'}" for axis, v in zip(axes, item.values,
                                                                          strict=False))
        for item in series)
    height = PLOT_HEIGHT + 10 + LEGEND_ROW * len(series)
    parts = [
        f'<svg class="radar-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)} {escape(values_text)}</desc>',
    ]
    if count >= 3:
        parts.append('<g class="radar-grid" aria-hidden="true">')
        for ring in range(1, int(scale_max) + 1):
            ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (
                _point(i, count, ring, scale_max) for i in range(count)))
            parts.append(f'<polygon class="radar-ring" points="{ring_points}" fill="none"/>')
            x, y = _point(0, count, ring, scale_max)
            parts.append(f'<text class="radar-scale" x="{x + 4:.1f}" y="{y + 4:.1f}">{ring}</text>')
        for i in range(count):
            x, y = _point(i, count, scale_max, scale_max)
            parts.append(f'<line class="radar-spoke" x1="{CX}" y1="{CY}" '
                         f'x2="{x:.1f}" y2="{y:.1f}"/>')
        parts += [_axis_label(i, count, label) for i, label in enumerate(axes)]
        parts.append("</g>")
        for index, item in enumerate(series):
            parts += _series(index, count, item, scale_max)
    parts += _legend(series, PLOT_HEIGHT + 10)
    parts.append("</svg>")
    return Markup("".join(parts))
