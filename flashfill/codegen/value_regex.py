r"""The language's value grammar (its number and date regexes) respelled for the regex
engines the exports run on, so that an export reads exactly the texts the language reads.

The language writes these patterns for the ``regex`` module, where groups may share a
name: they are then one group, set by whichever alternative matched. Python's ``re``
wants distinct names and the spreadsheets' regexes (ICU, PCRE2) are read here by group
number, so `respell` gives every group its own name (``Y``, ``Y_2``, …) or number, and
every back-reference the group it meant (the last one of that name opened before it).
Whoever reads a match takes, for each name, the one of its groups that is set.

>>> spelled = respell(r"(?P<d>[0-9])(?P<s>-)(?P=s)|(?P<d>x)")
>>> spelled.python, spelled.names
('(?P<d>[0-9])(?P<s>-)(?P=s)|(?P<d_2>x)', {'d': ('d', 'd_2'), 's': ('s',)})
>>> spelled.numbered, spelled.numbers
('([0-9])(-)(?:\\2)|(x)', {'d': (1, 3), 's': (2,)})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Respelled:
    """One pattern with distinct group names (``python``) and with numbered groups only
    (``numbered``); ``names``/``numbers`` map each of the language's names to its groups."""

    python: str
    numbered: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: dict[str, tuple[int, ...]] = field(default_factory=dict)


_NAMED = re.compile(r"\(\?P<(\w+)>")
_BACK = re.compile(r"\(\?P=(\w+)\)")


def respell(pattern: str) -> Respelled:
    """The pattern with its groups told apart (see the module's docstring)."""
    python, numbered = [], []
    names: dict[str, list[str]] = {}
    numbers: dict[str, list[int]] = {}
    latest: dict[str, tuple[str, int]] = {}
    count, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            piece = pattern[i:i + 2]
            python.append(piece)
            numbered.append(piece)
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a "]" right after "[" is a member
                python.append("[]")
                numbered.append("[]")
                i += 2
                continue
        elif ch == "(":
            named, back = _NAMED.match(pattern, i), _BACK.match(pattern, i)
            if named:
                name = named.group(1)
                count += 1
                spelled = name if name not in names else f"{name}_{len(names[name]) + 1}"
                names.setdefault(name, []).append(spelled)
                numbers.setdefault(name, []).append(count)
                latest[name] = (spelled, count)
                python.append(f"(?P<{spelled}>")
                numbered.append("(")
                i = named.end()
                continue
            if back:
                spelled, number = latest[back.group(1)]
                python.append(f"(?P={spelled})")
                numbered.append(f"(?:\\{number})")
                i = back.end()
                continue
            if pattern[i + 1:i + 2] != "?":
                raise ValueError(f"an unnamed group in a value pattern: {pattern!r}")
        python.append(ch)
        numbered.append(ch)
        i += 1
    return Respelled("".join(python), "".join(numbered),
                     {k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in numbers.items()})
