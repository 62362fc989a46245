"""Matching: suggests workshop series, coaches and comparable earlier cases for a company.

Framework-free: plain dicts in the shape of the interchange format (docs/matching.md) in,
the match-output dict out.  `from matching import Matcher`.
"""

from matching.model import Matcher, MatcherNotFittedError
from matching.records import AREAS

# The questionnaire's six area keys (`competence` and `sustainability` are optional).
areas: tuple[str, ...] = AREAS

__all__ = ["Matcher", "MatcherNotFittedError", "areas"]
