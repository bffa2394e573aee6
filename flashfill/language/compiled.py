"""Programs compiled to flat Python code: one loop over the rows, no closure call per atom.

The closures of ``evaluator()`` cost a call per atom and a list join per row; for a
program run on a million rows that is most of the time.  Here a Switch is written
out as straight-line code inside one loop over the rows and compiled once: a
constant becomes a name, a whole run of a special character a membership test, a
whole run of a class one search (``re`` on ASCII text, see ``ascii_runs``), any
other SubStr its two position calls and a slice.  The source holds only names and
fixed structure: every value it uses (texts, patterns, closures) is passed in its
namespace, so no text from a program is ever parsed as code.  Semantics are the
interpreter's exactly: same atoms, same order, ⊥ at the first atom that is ⊥.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .ascii_runs import Search, ascii_run_search
from .conditionals import Switch
from .expressions import Concatenate, ConstStr, Row, SubStr

ManyFn = Callable[[Iterable[Row]], "list[str | None]"]
"""Runs a program on many rows: one output (or None) per row, in order."""

_CASE_METHODS = {"": "", "lower": ".lower()", "upper": ".upper()", "title": ".title()"}


class _Source:
    """Generated lines, and the namespace holding the values the lines refer to by name."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"__builtins__": {}}
        self.lines: list[str] = []

    def name(self, value: Any) -> str:
        """A fresh global name bound to ``value``."""
        key = f"_v{len(self.namespace)}"
        self.namespace[key] = value
        return key

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


Exit = Callable[[_Source, int, str], None]
"""Writes the statements that end the evaluation of one row with a value expression."""


def compile_switch(switch: Switch) -> ManyFn:
    """``many(rows)``: the outputs of ``switch.evaluator()(row, 0)`` for each row, in one call."""
    src = _Source()
    src.emit(0, "def many(rows):")
    src.emit(1, "out = []")
    src.emit(1, "append = out.append")
    src.emit(1, "for row in rows:")
    _switch(src, switch, 2, _append)
    src.emit(1, "return out")
    exec(compile("\n".join(src.lines), "<flashfill program>", "exec"), src.namespace)
    return src.namespace["many"]


def _append(src: _Source, depth: int, value: str) -> None:
    src.emit(depth, f"append({value})")
    src.emit(depth, "continue")


def _switch(src: _Source, switch: Switch, depth: int, exit: Exit) -> None:
    """The first case whose guard holds decides; a guard without disjuncts always holds."""
    for guard, trace in switch.cases:
        if not guard.disjuncts:
            _trace(src, trace, depth, exit)
            return
        src.emit(depth, f"if {src.name(guard.evaluator())}(row):")
        _trace(src, trace, depth + 1, exit)
    exit(src, depth, "None")


def _trace(src: _Source, trace: Concatenate, depth: int, exit: Exit) -> None:
    """The atoms in order, each ending the row with None when it is ⊥, then their join."""
    loaded: set[int] = set()
    flagged = {a.column for a in trace.atoms if isinstance(a, SubStr) and _ascii_search(a) is not None}
    pieces: list[str] = []
    for k, atom in enumerate(trace.atoms):
        if isinstance(atom, ConstStr):
            pieces.append(src.name(atom.text))
            continue
        if not isinstance(atom, SubStr) or atom.reads_other_columns():
            src.emit(depth, f"p{k} = {src.name(atom.evaluator())}(row, 0)")
            _none_if(src, depth, f"p{k} is None", exit)
            pieces.append(f"p{k}")
            continue
        if atom.column not in loaded:
            src.emit(depth, f"s{atom.column} = row[{atom.column}]")
            if atom.column in flagged:
                src.emit(depth, f"k{atom.column} = 1 if s{atom.column}.isascii() else 0")
            loaded.add(atom.column)
        pieces.append(_substr(src, atom, k, depth, exit))
    exit(src, depth, _joined(pieces))


def _ascii_search(atom: SubStr) -> Search | None:
    """The ``re`` search for the atom's whole run on ASCII text, when it has one."""
    run = atom.whole_run()
    return ascii_run_search(*run) if run is not None else None


def _substr(src: _Source, atom: SubStr, k: int, depth: int, exit: Exit) -> str:
    """Emits the code of the k-th atom, a SubStr of the column loaded as ``s<column>``; returns
    the expression of its value.

    A whole run of a special character is the character itself, found or not; a whole
    run of a class is one search: with ``re`` when the column's flag ``k<column>`` says
    the text is ASCII (the run is then the match's group 1), else the ``regex`` search
    (group 0).
    """
    text, flag = f"s{atom.column}", f"k{atom.column}"
    finished = _CASE_METHODS[atom.case] + (f".rjust({src.name(atom.pad)}, {src.name('0')})" if atom.pad else "")
    run = atom.whole_run()
    if run is not None and run[0].kind == "char":
        _none_if(src, depth, f"{src.name(run[0].value)} not in {text}", exit)
        finish = atom.finisher()
        return src.name(finish(run[0].value) if finish else run[0].value)
    search = atom.run_search()
    if search is not None:
        fast = _ascii_search(atom)
        slow = f"{src.name(search.search)}({text})"
        src.emit(depth, f"m{k} = {src.name(fast)}({text}) if {flag} else {slow}" if fast else f"m{k} = {slow}")
        _none_if(src, depth, f"m{k} is None", exit)
        return f"m{k}[{flag if fast else 0}]{finished}"
    src.emit(depth, f"a{k} = {src.name(atom.start.evaluator())}({text}, 0)")
    _none_if(src, depth, f"a{k} is None", exit)
    src.emit(depth, f"b{k} = {src.name(atom.end.evaluator())}({text}, 0)")
    _none_if(src, depth, f"b{k} is None or a{k} > b{k}", exit)
    return f"{text}[a{k}:b{k}]{finished}"


def _none_if(src: _Source, depth: int, condition: str, exit: Exit) -> None:
    src.emit(depth, f"if {condition}:")
    exit(src, depth + 1, "None")


def _joined(pieces: list[str]) -> str:
    """An expression joining the pieces (an f-string: the fastest join of a few strings)."""
    if not pieces:
        return "''"
    if len(pieces) == 1:
        return pieces[0]
    return 'f"' + "".join("{" + p + "}" for p in pieces) + '"'
