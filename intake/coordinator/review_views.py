"""Reviewing one company: its answers, a radar chart, and decisions on each suggestion."""
