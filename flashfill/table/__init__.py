"""Spreadsheet files for flashfill: read CSV and XLSX tables, choose the column to fill,
learn from its typed cells and write a filled copy atomically.

``fill(path)`` is the whole pipeline; ``learn_table`` and ``apply`` are its halves.
"""

from flashfill.table.errors import EXIT_BAD_INPUT, EXIT_NOT_LEARNED, EXIT_OK, NotLearnedError, TableError
from flashfill.table.fill import Columns, Destination, Learning, apply, fill, learn_table, open_table, saved_text
from flashfill.table.report import Report

__all__ = [
    "EXIT_BAD_INPUT", "EXIT_NOT_LEARNED", "EXIT_OK", "Columns", "Destination", "Learning", "NotLearnedError",
    "Report", "TableError", "apply", "fill", "learn_table", "open_table", "saved_text",
]
