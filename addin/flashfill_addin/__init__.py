"""The Excel side of flashfill: worksheet functions and the ribbon button.

``FLASHFILL`` / ``FLASHFILL_EXPLAIN`` are the xlwings UDFs; ``main`` is what the
add-in's ribbon button runs (``flashfill_addin.xlam`` calls
``flashfill_addin.main()``).
"""

from .macro import fill_selection, main
from .udfs import FLASHFILL, FLASHFILL_EXPLAIN

__all__ = ["FLASHFILL", "FLASHFILL_EXPLAIN", "fill_selection", "main"]
