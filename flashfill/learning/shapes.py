"""A whole-trace preference from the unlabeled rows (BlinkFill): a trace whose outputs
on the sampled rows look like the examples' outputs is likelier than one whose
outputs do not ("1" → "1" reads the number, not the cell, when rows are " 42 ").

An output's shape is its runs of letters, numbers and spaces with every other
character kept: "Mar 7, 2021" and "Dec 31, 1985" have one shape, "1,234.5" and "3"
too, " 42 " and "1" do not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import regex

#: What a trace loses per sampled row (as a fraction of the sample) whose output has a
#: shape no example's output has.
UNLIKE = 1.0

#: A number, its separators, decimals and sign included, is one run of a shape: a
#: negative number is written like a positive one. A dash after a letter or digit
#: separates ("2021-03-07", "555-1234"), it is no sign.
_NUMBER = regex.compile(r"(?<![0-9\p{L}])-?[0-9]+(?:[.,][0-9]+)*")


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """The runs of letters (a), numbers (9) and spaces of a text, other characters kept.

    >>> shape("Mar 7, 2021"), shape(" 42 "), shape("stackoverflow.com"), shape("$1,234.50")
    ('a 9, 9', ' 9 ', 'a.a', '$9')
    >>> shape("-0.001"), shape("2021-03-07"), shape("x-5")
    ('9', '9-9-9', 'a-9')
    """
    out: list[str] = []
    for ch in _NUMBER.sub("9", text):
        mark = "a" if ch.isalpha() else "9" if ch.isdigit() else " " if ch.isspace() else ch
        if not out or out[-1] != mark or mark not in "a9 ":
            out.append(mark)
    return "".join(out)


def unlike_penalty(run: Callable, rows: Sequence[tuple[str, ...]], outputs: Sequence[str]) -> float:
    """``UNLIKE`` times the share of sampled rows on which ``run`` gives an output whose
    shape none of ``outputs`` (the examples') has; rows where it gives none are left to
    the positions' own preferences."""
    if not rows:
        return 0.0
    shapes = {shape(out) for out in outputs}
    unlike = 0
    for row in rows:
        got = run(row, 0)
        if got is not None and shape(got) not in shapes:
            unlike += 1
    return UNLIKE * unlike / len(rows)


def least_unlike(learner, ranked: list[tuple[float, list]], whole: Callable) -> tuple[float, list]:
    """The best of traces (score, atoms), ranked best first by ``whole(score, atoms)``, once
    those whose outputs on the sampled rows look unlike the examples' pay for it; a
    trace is run only while it can still win, none when the runner-up cannot."""
    rows = learner.columns[0].ranker.rows if learner.columns else []
    totals = [whole(score, atoms) for score, atoms in ranked]
    if not rows or len(ranked) == 1 or totals[1] <= totals[0] - UNLIKE:
        return ranked[0]
    outputs = [ex.output for ex in learner.examples]
    best, best_total = ranked[0], None
    for (score, atoms), total in zip(ranked, totals):
        if best_total is not None and total <= best_total:
            break
        total -= unlike_penalty(learner.build(atoms).evaluator(), rows, outputs)
        if best_total is None or total > best_total:
            best, best_total = (score, atoms), total
    return best
