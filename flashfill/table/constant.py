"""Whether a learned program computes its column from the inputs or only writes fixed text.

A column of notes typed in a few rows ("call back") is not a transformation of the
other columns: the program learned from it is made of constants, and filling would
make up the same note for every other row.  Such a program (or one that explains most
of its examples by constants) never fills silently: the fill stops unless the user
asks for constants explicitly.  Programs whose structure is unknown (stand-ins in
tests) count as computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Constancy:
    """How many of the examples the program answers with fixed text, and which texts."""

    fixed: int
    examples: int
    texts: tuple[str, ...]

    @property
    def unexplained(self) -> bool:
        """True when fixed text answers most examples (all of them for a program of constants only)."""
        return self.fixed * 2 > self.examples


def fixed_cases(program: Any) -> list[bool] | None:
    """For each case of the program, whether its output is fixed text (reads no input); None if unknown.

    >>> from flashfill.language.conditionals import Guard, Switch
    >>> from flashfill.language.expressions import Concatenate, ConstStr
    >>> from flashfill.language.program import Program
    >>> fixed_cases(Program(Switch(((Guard(), Concatenate((ConstStr("call back"),))),)), columns=1))
    [True]
    """
    switch = getattr(program, "switch", None)
    cases = getattr(switch, "cases", None)
    if cases is None:
        return None
    return [not trace.columns_used() for _, trace in cases]


def constancy(program: Any, examples: Sequence[tuple[Sequence[str], str]]) -> Constancy | None:
    """How the program answers the typed ``examples`` ((inputs, output) pairs); None if it cannot tell."""
    fixed = fixed_cases(program)
    if fixed is None:
        return None
    route = program.switch.router()
    texts: dict[str, None] = {}
    count = 0
    for inputs, output in examples:
        case = route(tuple(inputs))
        if case is not None and fixed[case]:
            count += 1
            texts[output] = None
    return Constancy(count, len(examples), tuple(texts))


def always_fixed(program: Any) -> bool:
    """True when every case of the program writes fixed text (whatever its guards read)."""
    fixed = fixed_cases(program)
    return bool(fixed) and all(fixed)
