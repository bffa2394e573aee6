"""Tokens: the units a position is described by ("the end of the 2nd number").

A token has *runs* in a string: a class token ``C+`` runs over each maximal stretch
of characters of class C, a special-character token over each occurrence of its
character, a literal token over each occurrence of its text, and StartTok/EndTok
over the empty string at either end. Two zero-width patterns say where a run ends
and where one starts; the learner and the evaluator both use them, so the
positions a learned program names are exactly the ones it evaluates to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

# name -> (character class as a regex, word for one run, word for the class)
_CLASSES: dict[str, tuple[str, str]] = {
    "digits": (r"\p{Nd}", "number"),
    "letters": (r"[\p{L}\p{M}]", "word"),
    "alphanumeric": (r"[\p{L}\p{M}\p{Nd}]", "alphanumeric run"),
    "upper": (r"[\p{Lu}\p{M}]", "run of capitals"),
    "lower": (r"[\p{Ll}\p{M}]", "run of lowercase letters"),
    "whitespace": (r"\s", "space"),
    "non-digits": (r"\P{Nd}", "run of non-digits"),
    "non-letters": (r"[^\p{L}\p{M}]", "run of non-letters"),
    "non-alphanumeric": (r"[^\p{L}\p{M}\p{Nd}]", "run of punctuation and spaces"),
    "non-whitespace": (r"\S", "run of non-space characters"),
}
_PROPER = r"\p{Lu}[\p{Ll}\p{M}]+"

#: Characters that are tokens of their own (DESIGN.md §3), space included.
SPECIAL_CHARACTERS = "-.,;:/\\()[]{}@#&_'\"+*=|<>!?$% "

CLASS_NAMES = tuple(_CLASSES) + ("proper",)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` is class, char, literal, start or end; ``value`` names it."""

    kind: str
    value: str = ""

    def __post_init__(self) -> None:
        if self.kind == "class" and self.value not in CLASS_NAMES:
            raise ValueError(f"unknown token class {self.value!r}")
        if self.kind == "char" and (len(self.value) != 1 or self.value not in SPECIAL_CHARACTERS):
            raise ValueError(f"not a special character: {self.value!r}")
        if self.kind == "literal" and not self.value:
            raise ValueError("a literal token needs text")
        if self.kind not in ("class", "char", "literal", "start", "end"):
            raise ValueError(f"unknown token kind {self.kind!r}")

    @property
    def ends_here(self) -> str:
        """Zero-width pattern: a run of this token ends at this position."""
        return _ends_here(self)

    @property
    def starts_here(self) -> str:
        """Zero-width pattern: a run of this token starts at this position."""
        return _starts_here(self)

    @property
    def run(self) -> str:
        """Pattern for one whole run of this token, standing alone."""
        return _run(self)

    def describe(self) -> str:
        """A few words for a spreadsheet user: 'number', "'@'", 'the start'."""
        if self.kind == "class":
            return "capitalised word" if self.value == "proper" else _CLASSES[self.value][1]
        if self.kind == "char":
            return "space" if self.value == " " else repr(self.value)
        if self.kind == "literal":
            return repr(self.value)
        return "the start" if self.kind == "start" else "the end"

    def __str__(self) -> str:
        return self.describe()


def class_pattern(token: Token) -> str:
    """The character class (a regex) of one character of a class token other than "proper"."""
    return _CLASSES[token.value][0]


@lru_cache(maxsize=None)
def _ends_here(token: Token) -> str:
    if token.kind == "class":
        if token.value == "proper":
            return rf"(?<={_PROPER})(?![\p{{Ll}}\p{{M}}])"
        c = class_pattern(token)
        return rf"(?<={c})(?!{c})"
    if token.kind in ("char", "literal"):
        return rf"(?<={regex.escape(token.value)})"
    return r"\A" if token.kind == "start" else r"\Z"


@lru_cache(maxsize=None)
def _starts_here(token: Token) -> str:
    if token.kind == "class":
        if token.value == "proper":
            return r"(?=\p{Lu}[\p{Ll}\p{M}])"
        c = class_pattern(token)
        return rf"(?<!{c})(?={c})"
    if token.kind in ("char", "literal"):
        return rf"(?={regex.escape(token.value)})"
    return r"\A" if token.kind == "start" else r"\Z"


@lru_cache(maxsize=None)
def _run(token: Token) -> str:
    if token.kind == "class":
        if token.value == "proper":
            return rf"{_PROPER}(?![\p{{Ll}}\p{{M}}])"
        c = class_pattern(token)
        return rf"(?<!{c}){c}+(?!{c})"
    if token.kind in ("char", "literal"):
        return regex.escape(token.value)
    return r"\A" if token.kind == "start" else r"\Z"


START = Token("start")
END = Token("end")

#: The fixed tokens, most preferred first: the learner keeps the first of any
#: group that behaves identically on the data (the paper's IParts).
FIXED_TOKENS: tuple[Token, ...] = (
    START,
    END,
    Token("class", "digits"),
    Token("class", "letters"),
    Token("class", "alphanumeric"),
    Token("class", "upper"),
    Token("class", "lower"),
    Token("class", "proper"),
    Token("class", "whitespace"),
    *(Token("char", ch) for ch in SPECIAL_CHARACTERS),
    Token("class", "non-whitespace"),
    Token("class", "non-digits"),
    Token("class", "non-letters"),
    Token("class", "non-alphanumeric"),
)
