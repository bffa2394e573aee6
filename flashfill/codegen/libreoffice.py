"""LibreOffice Calc formulas: the classic text functions, and ``REGEX`` (ICU regular
expressions) for token positions and runs and for numbers read from text; ``;`` between
arguments, as Calc shows them.

>>> from flashfill.codegen import ir
>>> formula(ir.FirstMatch(0, ()), ["A2"]).startswith("=IFERROR(REGEX(A2;")
True
"""

from __future__ import annotations

from collections.abc import Sequence

from . import ir
from .formula import Dialect, FormulaPrinter

LIBREOFFICE = Dialect(
    name="libreoffice",
    separator=";",
    engine="icu",
    extract="REGEX({text}{sep}{pattern})",
    test="NOT(ISNA(REGEX({text}{sep}{pattern})))",
    replace='REGEX({text}{sep}{pattern}{sep}{replacement}{sep}"g")',
)


def formula(node: ir.Text, cells: Sequence[str]) -> str:
    """The formula computing ``node`` for the row whose input cells are ``cells``."""
    return FormulaPrinter(LIBREOFFICE, cells).formula(node)
