"""Excel formulas: the classic text functions wherever they are exact (so simple programs
work in Excel 2010–2019 too), and Excel 365's ``REGEXEXTRACT``/``REGEXTEST`` (PCRE2) only
for token positions and runs; ``,`` between arguments, as Excel shows them in English.

>>> from flashfill.codegen import ir
>>> formula(ir.Cased(ir.Whole(0), "upper"), ["A2"])
'=UPPER(A2)'
"""

from __future__ import annotations

from collections.abc import Sequence

from . import ir
from .formula import Dialect, FormulaPrinter

EXCEL = Dialect(
    name="excel",
    separator=",",
    engine="pcre2",
    extract="REGEXEXTRACT({text}{sep}{pattern})",
    test="REGEXTEST({text}{sep}{pattern})",
)

#: Functions that exist only in Excel 365 (and Excel 2024 or later).
EXCEL_365_FUNCTIONS = frozenset({"REGEXEXTRACT", "REGEXTEST"})


def formula(node: ir.Text, cells: Sequence[str]) -> str:
    """The formula computing ``node`` for the row whose input cells are ``cells``."""
    return FormulaPrinter(EXCEL, cells).formula(node)
