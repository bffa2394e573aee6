"""What the learner works out about the rows of the examples: texts in another case, the
descriptors pointing at each place, where a descriptor points, and where a piece of an
output occurs in the input. One learning run asks the same of every group of examples
and of every loop body it tries, so these are computed once per row and shared.
"""

from __future__ import annotations

from ..language.expressions import apply_case
from .position_sets import column_anchors, evaluate_in_row, position_set


class RowFacts:
    """Per row of the examples (each given a small id): cached facts for ``columns``.

    >>> from flashfill.learning.context import column_tokens
    >>> from flashfill.learning.traces import ColumnData
    >>> facts = RowFacts([ColumnData(column_tokens(["ab 12"]), 0, [])])
    >>> row = facts.id(("ab 12",))
    >>> facts.occurrences(row, 0, "", "12 ab", 0), facts.cased(row, 0, "upper")
    ([(3, 2)], 'AB 12')
    >>> all(facts.place_of(row, 0, d) == 3 for d in facts.place_set(row, 0, 3))
    True
    """

    def __init__(self, columns: list) -> None:
        self.columns = columns
        self.rows: list[tuple[str, ...]] = []
        self._ids: dict[tuple[str, ...], int] = {}
        self._cased: dict[tuple[int, int, str], str | None] = {}
        self._places: dict[tuple[int, int, int], frozenset] = {}
        self._anchors: dict[tuple[int, int], dict[int, frozenset]] = {}
        self._place_of: dict[tuple[int, int, tuple], int | None] = {}
        self._occurrences: dict[tuple, list[tuple[int, int]]] = {}
        #: Free for learners that keep facts of their own on rows (loop bodies).
        self.extra: dict = {}

    def id(self, row: tuple[str, ...]) -> int:
        """The id of ``row`` (a new one the first time it is seen)."""
        found = self._ids.get(row)
        if found is None:
            found = self._ids[row] = len(self.rows)
            self.rows.append(row)
        return found

    def cased(self, r: int, col: int, case: str) -> str | None:
        """Column ``col`` of row ``r`` with ``case`` applied, if that keeps its length."""
        key = (r, col, case)
        found = self._cased.get(key, self)
        if found is self:
            text = self.rows[r][col]
            changed = apply_case(text, case)
            found = self._cased[key] = changed if len(changed) == len(text) else None
        return found

    def place_set(self, r: int, col: int, t: int) -> frozenset:
        """The descriptors pointing at index t of column ``col`` of row ``r``, those anchored
        on the row's other columns included."""
        key = (r, col, t)
        found = self._places.get(key)
        if found is None:
            data = self.columns[col]
            row = self.rows[r]
            found = position_set(data.tokens.masks(row[col]), t, data.sets, data.special)
            if len(self.columns) > 1:
                anchors = self._anchors.get((r, col))
                if anchors is None:
                    anchors = self._anchors[(r, col)] = column_anchors(row, col)
                if t in anchors:
                    found = found | anchors[t]
            self._places[key] = found
        return found

    def place_of(self, r: int, col: int, d: tuple) -> int | None:
        """Where descriptor ``d`` points in column ``col`` of row ``r``: the index whose place
        set holds it, or None."""
        key = (r, col, d)
        found = self._place_of.get(key, -1)
        if found == -1:
            row = self.rows[r]
            found = self._place_of[key] = evaluate_in_row(d, self.columns[col].tokens.masks(row[col]), row, col)
        return found

    def occurrences(self, r: int, col: int, case: str, out: str, i: int) -> list[tuple[int, int]]:
        """(a, L): places a in column ``col`` of row ``r`` (with ``case``) where ``out`` from i
        on matches for L ≥ 1 characters."""
        key = (r, col, case, out, i)
        found = self._occurrences.get(key)
        if found is None:
            text = self.cased(r, col, case)
            found = []
            if text is not None and i < len(out):
                first = out[i]
                raw = self.rows[r][col]
                a = text.find(first)
                while a >= 0:
                    if case != "title" or a == 0 or not raw[a - 1].isalpha():
                        length = 1
                        while a + length < len(text) and i + length < len(out) and text[a + length] == out[i + length]:
                            length += 1
                        found.append((a, length))
                    a = text.find(first, a + 1)
            self._occurrences[key] = found
        return found
