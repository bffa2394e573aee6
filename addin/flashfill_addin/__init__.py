"""The Excel side of flashfill: worksheet functions and the ribbon buttons.

``FLASHFILL`` / ``FLASHFILL_EXPLAIN`` are the xlwings UDFs; ``main`` and
``main_formulas`` are what the add-in's ribbon buttons run
(``flashfill_addin.xlam`` calls ``flashfill_addin.main()`` for Flash Fill and
``flashfill_addin.main_formulas()`` for Flash Fill (formulas)).
"""

from .macro import fill_selection, fill_selection_with_formulas, main, main_formulas
from .udfs import FLASHFILL, FLASHFILL_EXPLAIN

__all__ = ["FLASHFILL", "FLASHFILL_EXPLAIN", "fill_selection", "fill_selection_with_formulas", "main", "main_formulas"]
