"""Regular expressions in a dialect-neutral form, and their spelling per regex engine.

A pattern is a tuple of pieces: plain syntax every target engine reads the same way
(groups, look-arounds of one character, ``+``, ``.*?``, ``(?s:…)``), character classes
(`CharClass`), literal text (`Text`) and anchors (`START`, `END`). Each engine spells
the classes, the text and the end anchor its own way:

- ``icu``: LibreOffice's ``REGEX`` (ICU regular expressions);
- ``pcre2``: Excel's ``REGEXEXTRACT``/``REGEXTEST`` (PCRE2; ``\\p{…}`` always, since
  ``\\d`` and ``\\s`` may be ASCII-only there);
- ``python``: the standard ``re`` module; classes other than digits become named
  constants built from ``unicodedata`` in the generated module.

Classes are the language's token classes (``flashfill.language.tokens``); an engine
that cannot spell one exactly raises ``ExportError`` rather than approximating it.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGINES = ("icu", "pcre2", "python")

#: The characters ``\\s`` stands for in the language's patterns (the ``regex`` module).
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


@dataclass(frozen=True, slots=True)
class CharClass:
    """One character of any of the Unicode general ``categories`` (or, with
    ``categories == ("space",)``, of `WHITESPACE`); ``negated`` for its complement."""

    name: str
    categories: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text, matched as it is."""

    text: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """The very start or the very end of the text (no line-ending exceptions)."""

    end: bool


START, END = Anchor(False), Anchor(True)
Piece = str | CharClass | Text | Anchor
Pattern = tuple[Piece, ...]


def _class(name: str, *categories: str, negated: bool = False) -> CharClass:
    return CharClass(name, categories, negated)


#: Token class name (``tokens.CLASS_NAMES``) -> the class of its characters.
TOKEN_CLASSES: dict[str, CharClass] = {
    "digits": _class("DIGIT", "Nd"),
    "letters": _class("LETTER", "L", "M"),
    "alphanumeric": _class("ALPHANUMERIC", "L", "M", "Nd"),
    "upper": _class("UPPER", "Lu", "M"),
    "lower": _class("LOWER", "Ll", "M"),
    "whitespace": _class("SPACE", "space"),
    "non-digits": _class("NON_DIGIT", "Nd", negated=True),
    "non-letters": _class("NON_LETTER", "L", "M", negated=True),
    "non-alphanumeric": _class("NON_ALPHANUMERIC", "L", "M", "Nd", negated=True),
    "non-whitespace": _class("NON_SPACE", "space", negated=True),
}
#: A capitalised word (the ``proper`` token) is one capital then lowercase letters or marks.
CAPITAL = _class("CAPITAL", "Lu")
LOWER = TOKEN_CLASSES["lower"]


def render(pattern: Pattern, engine: str) -> str:
    """The pattern spelled for ``engine``; for ``python`` a regex whose classes are
    ``{NAME}`` fields of an f-string (braces of the syntax doubled).

    >>> p = ("(?<!", TOKEN_CLASSES["digits"], ")", TOKEN_CLASSES["digits"], "+", Text("-"), END)
    >>> render(p, "icu"), render(p, "pcre2"), render(p, "python")
    ('(?<!\\\\d)\\\\d+-\\\\z', '(?<!\\\\p{Nd})\\\\p{Nd}+-\\\\z', '(?<!\\\\d)\\\\d+-\\\\Z')
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown regex engine {engine!r}")
    out = []
    for piece in pattern:
        if isinstance(piece, str):
            out.append(piece.replace("{", "{{").replace("}", "}}") if engine == "python" else piece)
        elif isinstance(piece, CharClass):
            out.append(_render_class(piece, engine))
        elif isinstance(piece, Text):
            out.append(_render_text(piece.text, engine))
        else:
            out.append(("\\Z" if engine == "python" else "\\z") if piece.end else "\\A")
    return "".join(out)


def classes_used(pattern: Pattern) -> set[CharClass]:
    """The character classes a pattern names."""
    return {p for p in pattern if isinstance(p, CharClass)}


def _render_class(c: CharClass, engine: str) -> str:
    if engine == "python":
        if c.categories == ("Nd",):
            return "\\D" if c.negated else "\\d"
        return "{" + c.name + "}"
    if c.categories == ("space",):
        if engine == "icu":  # ICU's \s is [\t\n\f\r\p{Z}]; the language's adds \v and U+0085
            return "[^\\s\\x{0B}\\x{85}]" if c.negated else "[\\s\\x{0B}\\x{85}]"
        body = "".join(_escape_char(ch, engine, in_class=True) for ch in WHITESPACE)
        return f"[{'^' if c.negated else ''}{body}]"
    if engine == "icu" and c.categories == ("Nd",):  # ICU's \d is exactly \p{Nd}
        return "\\D" if c.negated else "\\d"
    items = [f"\\p{{{cat}}}" for cat in c.categories]
    if len(items) == 1:
        return items[0].replace("\\p", "\\P") if c.negated else items[0]
    return f"[{'^' if c.negated else ''}{''.join(items)}]"


def python_class_source(c: CharClass) -> str:
    """Python source for a regex class of ``c``, built from ``unicodedata`` by the
    generated module's ``_characters`` helper."""
    if c.categories == ("space",):
        body = "".join(_escape_char(ch, "python", in_class=True) for ch in WHITESPACE)
        return repr(f"[{'^' if c.negated else ''}{body}]")
    return f"_characters({', '.join(map(repr, c.categories))}, negated={c.negated})"


_META = set("\\^$.|?*+()[]{}")


def _render_text(text: str, engine: str) -> str:
    return "".join(_escape_char(ch, engine) for ch in text)


def _escape_char(ch: str, engine: str, in_class: bool = False) -> str:
    code = ord(ch)
    if engine == "python" and ch in "{}":
        return "\\" + ch * 2
    if engine == "python" and ch in "\"'":
        return f"\\x{code:02x}"
    if ch in _META or (in_class and ch in "^-"):
        return "\\" + ch
    if code < 0x20 or code == 0x7F or (code >= 0x80 and not ch.isprintable()) or (in_class and ch != " " and ch.isspace()):
        if engine == "python":
            return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
        return f"\\x{{{code:X}}}"
    return ch

