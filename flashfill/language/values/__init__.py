"""Values (FlashFill++): dates, times and numbers parsed from a substring of the row and
written in a learned way. One module per job: names, parsing, patterns, rounding, atoms."""

from .atoms import VALUE_ATOMS, FormatDate, FormatNumber
from .date_patterns import render, patterns_at
from .moments import Moment, find_moments, parse_moment
from .number_format import NumberFormat, formats_writing
from .number_parsing import find_numbers, parse_number

__all__ = [
    "FormatDate", "FormatNumber", "Moment", "NumberFormat", "VALUE_ATOMS", "find_moments", "find_numbers",
    "formats_writing", "parse_moment", "parse_number", "patterns_at", "render",
]
