"""Excel formulas: the classic text functions wherever they are exact (so simple programs
work in Excel 2010–2019 too), and Excel 365's ``REGEXEXTRACT``/``REGEXTEST``/``REGEXREPLACE``
(PCRE2) only for token positions and runs and for numbers read from text; ``,`` between
arguments, as Excel shows them in English.

>>> from flashfill.codegen import ir
>>> formula(ir.Cased(ir.Whole(0), "upper"), ["A2"])
'=UPPER(A2)'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import ir
from .formula import Dialect, FormulaPrinter

EXCEL = Dialect(
    name="excel",
    separator=",",
    engine="pcre2",
    extract="REGEXEXTRACT({text}{sep}{pattern})",
    test="REGEXTEST({text}{sep}{pattern})",
    replace="REGEXREPLACE({text}{sep}{pattern}{sep}{replacement})",
)

#: Functions that exist only in Excel 365 (and Excel 2024 or later).
EXCEL_365_FUNCTIONS = frozenset({"REGEXEXTRACT", "REGEXREPLACE", "REGEXTEST"})


def formula(node: ir.Text, cells: Sequence[str]) -> str:
    """The formula computing ``node`` for the row whose input cells are ``cells``."""
    return FormulaPrinter(EXCEL, cells).formula(node)


def stored(formula: str) -> str:
    """The formula as an ``.xlsx`` file stores it: functions newer than Excel 2007 carry
    the ``_xlfn.`` prefix there (Excel shows them without it).

    >>> stored('=IFERROR(REGEXEXTRACT(A2,"REGEXTEST("),"")')
    '=IFERROR(_xlfn.REGEXEXTRACT(A2,"REGEXTEST("),"")'
    """
    parts = re.split(r'("(?:[^"]|"")*")', formula)
    names = "|".join(sorted(EXCEL_365_FUNCTIONS))
    return "".join(p if i % 2 else re.sub(rf"\b({names})\(", r"_xlfn.\1(", p) for i, p in enumerate(parts))
