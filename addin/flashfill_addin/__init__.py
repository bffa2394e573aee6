"""The Excel side of flashfill: worksheet functions and the ribbon buttons.

``FLASHFILL`` / ``FLASHFILL_EXPLAIN`` / ``FLASHFILL_FORMULA`` are the xlwings UDFs
(xlwings registers the functions this package holds); ``main`` and
``main_formulas`` are what the add-in's ribbon buttons run
(``flashfill_addin.xlam`` calls ``flashfill_addin.main()`` for Flash Fill and
``flashfill_addin.main_formulas()`` for Flash Fill (formulas)).
"""

from .macro import fill_selection, fill_selection_with_formulas, main, main_formulas
from .udfs import FLASHFILL, FLASHFILL_EXPLAIN, FLASHFILL_FORMULA

__all__ = [
    "FLASHFILL",
    "FLASHFILL_EXPLAIN",
    "FLASHFILL_FORMULA",
    "fill_selection",
    "fill_selection_with_formulas",
    "main",
    "main_formulas",
]
