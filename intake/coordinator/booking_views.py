"""Booking and following a company: enrolments, coach, stages, de minimis ledger."""
