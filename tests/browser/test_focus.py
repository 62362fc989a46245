"""The focus indicator reaches 3:1 against what is around it (WCAG 1.4.11), on the white page
and in the blue header."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def focus_colours(page, selector: str) -> tuple:
    page.focus(selector)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    style = page.evaluate("""s => { const e = document.activeElement;
        const cs = getComputedStyle(e);
        let bg = 'rgb(255, 255, 255)';
        for (let a = e; a; a = a.parentElement) {
          const c = getComputedStyle(a).backgroundColor;
          if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
        }
        return [cs.outlineStyle, cs.outlineColor, cs.boxShadow, bg]; }""", selector)
    return style


@pytest.mark.parametrize("selector", ["#name", "header a[hreflang]", "main button[type=submit]"])
def test_focus_ring_contrast(page, selector):
    page.goto("/company/register")
    outline_style, outline, shadow, background = focus_colours(page, selector)
    assert outline_style != "none"
    rings = [_rgb(outline)] + ([_rgb(shadow)] if shadow and shadow != "none" else [])
    best = max(contrast(ring, _rgb(background)) for ring in rings)
    assert best >= 3, f"{selector}: focus ring {best:.2f}:1 against {background}"
