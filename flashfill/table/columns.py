"""Which column is filled and which columns it is computed from.

The rule (documented in the README):

* The **target** is the one column that has at least one typed data cell and at
  least one blank data cell in a row that holds something else.  The header row (the
  first row) is not data; fields past the end of the header row (ragged rows) are not
  columns the rule picks.  When several columns qualify, nothing is guessed: the
  choice stops and names them, and ``--target`` picks one.
* The **inputs** are the header's columns to the left of the target that hold
  anything (a header or a data cell).  When the target is the first column, the
  inputs are all other header columns that hold anything.
* ``--target`` and ``--inputs`` override either choice; a column is named by its
  header text (exact, then case-insensitive) or by its letter (A, B, ..., AA).

Whether the learned program then explains the target by its inputs is decided after
learning (``flashfill.table.constant``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flashfill.table.errors import NotLearnedError, TableError


def letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index.

    >>> letter(0), letter(25), letter(26), letter(701), letter(702)
    ('A', 'Z', 'AA', 'ZZ', 'AAA')
    """
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def index_of_letter(name: str) -> int | None:
    """0-based index of a column letter, or None if ``name`` is not one.

    >>> index_of_letter("A"), index_of_letter("ab"), index_of_letter("A1")
    (0, 27, None)
    """
    if not name or not name.isascii() or not name.isalpha() or len(name) > 3:
        return None
    index = 0
    for ch in name.upper():
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


@dataclass
class ColumnStats:
    """What one column holds below the header."""

    header: str = ""
    typed: int = 0
    blank: int = 0
    filled_anything: bool = False
    in_header: bool = True

    @property
    def holds_anything(self) -> bool:
        return bool(self.header.strip()) or self.filled_anything


@dataclass
class Choice:
    """The target column and its input columns, as 0-based indexes."""

    target: int
    inputs: tuple[int, ...]
    notes: list[str] = field(default_factory=list)


def describe(index: int, headers: list[str]) -> str:
    """A column as a person reads it: letter and header, e.g. ``column C ("Initials")``."""
    header = headers[index].strip() if index < len(headers) else ""
    return f'column {letter(index)} ("{header}")' if header else f"column {letter(index)}"


def resolve(ref: str, headers: list[str], where: str) -> int:
    """Index of the column named ``ref`` by header text or letter; TableError if absent."""
    ref = ref.strip()
    for exact in (True, False):
        for i, header in enumerate(headers):
            if (header.strip() == ref) if exact else (header.strip().casefold() == ref.casefold()):
                return i
    index = index_of_letter(ref)
    if index is not None and index < max(len(headers), 1):
        return index
    known = ", ".join(f"{letter(i)} ({h.strip()!r})" for i, h in enumerate(headers) if h.strip())
    raise TableError(f"{where}: no column {ref!r}; columns are {known or 'unnamed'}")


def choose(stats: list[ColumnStats], where: str, target: str | None = None,
           inputs: list[str] | None = None, need_examples: bool = True, need_blanks: bool = True) -> Choice:
    """Apply the target-column rule (or the overrides) to the scanned column statistics.

    ``where`` names the file (and sheet) in messages.  With ``need_examples`` False
    (applying a saved program) the target only needs blank cells; with ``need_blanks``
    False (learning only) a named target may be fully typed.
    """
    headers = [s.header for s in stats]
    notes: list[str] = []
    if target is not None:
        t = resolve(target, headers, where)
    else:
        named = {resolve(ref, headers, where) for ref in inputs or ()}
        t = _auto_target(stats, where, need_examples, named)
    chosen = stats[t] if t < len(stats) else ColumnStats()
    if need_examples and chosen.typed == 0:
        raise NotLearnedError(
            f"{where}: {describe(t, headers)} has no typed cell to learn from; "
            "type the wanted output in two or three of its rows")
    if chosen.blank == 0 and need_blanks:
        raise TableError(f"{where}: every cell of {describe(t, headers)} is already typed; nothing to fill")
    if inputs:
        ins = tuple(resolve(ref, headers, where) for ref in inputs)
        if t in ins:
            raise TableError(f"{where}: {describe(t, headers)} cannot be both the target and an input")
    else:
        ins = tuple(i for i in range(t) if stats[i].holds_anything and stats[i].in_header)
        if not ins:
            ins = tuple(i for i, s in enumerate(stats) if i != t and s.holds_anything and s.in_header)
    if not ins:
        raise TableError(f"{where}: no input column next to {describe(t, headers)}")
    past = [i for i, s in enumerate(stats) if not s.in_header and s.filled_anything and i not in ins and i != t]
    if past:
        notes.append(f"some rows have more fields than the header row (up to column {letter(past[-1])}); "
                     "those fields are not used unless named with --inputs")
    return Choice(t, ins, notes)


def _auto_target(stats: list[ColumnStats], where: str, need_examples: bool, inputs: set[int]) -> int:
    headers = [s.header for s in stats]
    partly = [i for i, s in enumerate(stats)
              if s.in_header and i not in inputs and s.blank and (s.typed or not need_examples)]
    if len(partly) == 1:
        return partly[0]
    if partly:
        raise TableError(f"{where}: more than one column could be the one to fill: {candidates(stats, partly)}; "
                         f"pass --target with the one to fill (e.g. --target {letter(partly[-1])})")
    untyped = [i for i, s in enumerate(stats) if s.in_header and s.header.strip() and not s.filled_anything]
    if untyped:
        raise NotLearnedError(
            f"{where}: {describe(untyped[-1], headers)} has no typed cell to learn from; "
            "type the wanted output in two or three of its rows")
    raise TableError(
        f"{where}: no column to fill: the target is the column with some cells typed "
        "and some blank, and every column here is either fully typed or empty "
        "(pass --target COL to choose one)")


def candidates(stats: list[ColumnStats], columns: list[int]) -> str:
    """Columns that could be filled, with their counts, for a message.

    >>> candidates([ColumnStats("Email", 18, 2), ColumnStats("Notes", 3, 17), ColumnStats("Domain", 0, 20)], [0, 1, 2])
    'column A ("Email", 18 typed, 2 blank), column B ("Notes", 3 typed, 17 blank), column C ("Domain", empty)'
    """
    shown = []
    for i in columns:
        s = stats[i]
        counts = f"{s.typed} typed, {s.blank} blank" if s.typed else "empty"
        shown.append(f'column {letter(i)} ("{s.header.strip()}", {counts})' if s.header.strip()
                     else f"column {letter(i)} ({counts})")
    return ", ".join(shown)


def other_targets(stats: list[ColumnStats], target: int) -> list[int]:
    """The header's columns other than ``target`` that have blank cells to fill (typed or not yet)."""
    return [i for i, s in enumerate(stats)
            if i != target and s.in_header and (s.blank or (s.header.strip() and not s.filled_anything))]
