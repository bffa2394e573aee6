"""The string-transformation language: syntax tree, semantics, words, JSON form."""

from .conditionals import Guard, Match, Switch
from .expressions import Concatenate, ConstStr, Loop, SubStr, apply_case
from .positions import ColumnPos, CPos, Pos, Shift, TokenSeq
from .program import Program, as_row
from .tokens import END, FIXED_TOKENS, START, Token
from .values import FormatDate, FormatNumber, NumberFormat

__all__ = [
    "CPos", "ColumnPos", "Concatenate", "ConstStr", "END", "FIXED_TOKENS", "FormatDate", "FormatNumber", "Guard",
    "Loop", "Match", "NumberFormat", "Pos", "Program", "START", "Shift", "SubStr", "Switch", "Token", "TokenSeq",
    "apply_case", "as_row",
]
