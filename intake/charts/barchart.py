"""Horizontal bar charts drawn as SVG on the server: no JavaScript, no charting library, no CDN.

The chart is an image for assistive technology (`role="img"` with a title and a description
naming every value), every bar carries its number in text (colour never carries meaning on its
own), and a target is a dashed marker with its value written out. Each row is the label, the
value's text, then the bar: no marker can cross the text. Callers also show the numbers in a
table, which is the accessible source of truth; the chart is the quick glance.
Colours come from classes styled in app.css: the CSP forbids inline styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Narrow on purpose: on a 360 px phone the chart scales down little and its text stays legible.
WIDTH = 400
ROW_HEIGHT = 64
LINE_HEIGHT = 18
BAR_HEIGHT = 18
PADDING = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, an optional target and the text written beside it."""

    label: str
    value: float
    target: float | None = None
    text: str | None = None


def _fmt(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar],
              *, against_target: bool = False) -> Markup:
    """The SVG markup of a horizontal bar chart; `chart_id` must be unique on the page.

    With `against_target`, each bar is drawn as progress towards its own target (the target
    marks the full width, or less when it is passed), so indicators of very different sizes
    can share one chart; otherwise all bars share one scale.
    """
    ident = escape(chart_id)
    shared_max = max([1.0, *(b.value for b in bars), *(b.target or 0 for b in bars)])
    plot = WIDTH - 2 * PADDING
    height = PADDING * 2 + ROW_HEIGHT * max(len(bars), 1)
    parts = [
        f'<svg class="barchart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        top = PADDING + index * ROW_HEIGHT
        bar_top = top + 2 * LINE_HEIGHT + 4
        scale_max = (max(1.0, bar.value, bar.target or 0) if against_target else shared_max)
        width = round(plot * max(bar.value, 0) / scale_max, 1)
        parts.append(
            f'<text class="barchart-label" x="{PADDING}" y="{top + LINE_HEIGHT - 4}">'
            f"{escape(bar.label)}</text>"
        )
        parts.append(
            f'<rect class="barchart-track" x="{PADDING}" y="{bar_top}" width="{plot}" '
            f'height="{BAR_HEIGHT}"/>'
        )
        if width > 0:
            parts.append(
                f'<rect class="barchart-bar" x="{PADDING}" y="{bar_top}" width="{width}" '
                f'height="{BAR_HEIGHT}"/>'
            )
        if bar.target:
            x = round(PADDING + plot * bar.target / scale_max, 1)
            parts.append(
                f'<line class="barchart-target" x1="{x}" x2="{x}" y1="{bar_top - 3}" '
                f'y2="{bar_top + BAR_HEIGHT + 3}"/>'
            )
        text = bar.text if bar.text is not None else _fmt(bar.value)
        parts.append(
            f'<text class="barchart-value" x="{PADDING}" y="{top + 2 * LINE_HEIGHT - 2}">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
