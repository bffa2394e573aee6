"""The first or last whole run of a class token in ASCII text, found with ``re``.

Token patterns use the ``regex`` module for its Unicode classes, but on ASCII text
(most spreadsheet cells) the standard ``re`` module finds a run about three times
faster.  Within ASCII a class is just a set of characters; the set is read off the
``regex`` class itself, one character at a time, so both modules agree by
construction on every ASCII string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import regex

from .tokens import Token

_SINGLE_CHARACTER = r"\[[^\[\]]+\]|\\[pP]\{\w+\}|\\[sSdDwW]"
_MAXIMAL_RUN = re.compile(rf"\(\?<!(?P<c>{_SINGLE_CHARACTER})\)(?P=c)\+\(\?!(?P=c)\)")
"""How a class token's run pattern reads: ``(?<!C)C+(?!C)``, a maximal stretch of class C."""


Search = Callable[[str], "re.Match[str] | None"]


@lru_cache(maxsize=256)
def ascii_run_search(token: Token, count: int) -> Search | None:
    """A search whose match, on ASCII text, has as group 1 the first (count 1) or last
    (count -1) whole run of ``token``, as ``regex`` finds it.  None when the token is
    not a plain character class (its runs are not maximal stretches of one class).
    """
    shape = _MAXIMAL_RUN.fullmatch(token.run) if token.kind == "class" else None
    if shape is None:
        return None
    one = regex.compile(shape["c"], regex.V0)
    members = [chr(i) for i in range(128) if one.fullmatch(chr(i))]
    if not members:
        return None
    cls = "[" + "".join(f"\\x{ord(ch):02x}" for ch in members) + "]"
    if count == 1:
        return re.compile(rf"({cls}+)").search
    return re.compile(rf"(?s:.*)(?<!{cls})({cls}+)").match
