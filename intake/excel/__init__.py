"""Excel (.xlsx) reading and writing shared by the coordinator's exports and imports.

Everything that puts text from users into a spreadsheet goes through
:func:`intake.excel.cells.safe_cell`, so that a company name such as ``=cmd|...`` can never
become a live formula in the funder's copy of Excel.
"""

from intake.excel.cells import safe_cell, write_table

__all__ = ["safe_cell", "write_table"]
