"""Collects the coordinator routes: importing each module registers its routes on `bp`."""

from intake.coordinator import (  # noqa: F401  (imported for their routes)
    booking_views,
    catalogue_views,
    contact_views,
    inbox_views,
    report_views,
    review_views,
    series_views,
    survey_views,
)
from intake.coordinator.blueprint import bp

__all__ = ["bp"]
