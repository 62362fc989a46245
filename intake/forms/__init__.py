"""Forms, fields and choice lists shared by several audiences (company, coordinator, admin).

A form used by one blueprint only lives beside its views; what two blueprints need lives here,
so that blueprints never import each other.
"""
