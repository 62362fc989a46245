"""Matching: suggests workshop series, coaches and comparable earlier cases for a company.

Framework-free: plain dicts in the shape of the interchange format (docs/matching.md) in,
the match-output dict out.  `from matching import Matcher`.

`need(maturity, priority)` and `main_area(answers)` are the one definition of how much an
area needs help, shared with the app's "area of greatest need".  `render(reason, lang)`
turns a reason (data) into a sentence in Swedish or English.
"""

from matching.model import Matcher, MatcherNotFittedError
from matching.phrases import render, render_result
from matching.records import AREAS, main_area, need

# The questionnaire's six area keys (`competence` and `sustainability` are optional).
areas: tuple[str, ...] = AREAS

__all__ = ["Matcher", "MatcherNotFittedError", "areas", "main_area", "need", "render",
           "render_result"]
