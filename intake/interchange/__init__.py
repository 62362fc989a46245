"""Validation of the interchange files (catalogue import, match profiles), as pure functions.

The format is a public contract (interchange v1); this package reads it and writes it and
knows nothing of the database or the web app: callers pass in the codes already stored.
"""

from .catalogue import (
    FORMAT,
    READABLE_FORMATS,
    ValidatedCatalogue,
    catalogue_json_chunks,
    catalogue_to_json,
    validate_catalogue,
)
from .errors import InterchangeError
from .jsonfile import load_json
from .profile import validate_profile

__all__ = [
    "FORMAT",
    "READABLE_FORMATS",
    "InterchangeError",
    "ValidatedCatalogue",
    "catalogue_json_chunks",
    "catalogue_to_json",
    "load_json",
    "validate_catalogue",
    "validate_profile",
]
