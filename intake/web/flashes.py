"""Messages shown where the person is working: a decision's confirmation on its card, a
booking's in the booking panel, rather than at the top of a long page.

A message for a place carries the place's anchor in its category ("success|booking"); the page
top shows the others, and `templates/_macros/flashes.html` shows these at their place.
"""

from flask import flash

SEPARATOR = "|"


def flash_at(anchor: str, message, category: str = "success") -> None:
    flash(message, f"{category}{SEPARATOR}{anchor}")
