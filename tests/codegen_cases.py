"""Programs and rows that exercise every construct the code generators translate.

`random_programs` draws programs from the whole language (every fixed token and a
literal token, sequences of one and two tokens, every count shape, shifts, column
positions, case, padding, guards), and `random_rows` draws rows from an alphabet
mixing ASCII, accented and decomposed letters, other scripts' digits, exotic spaces
and every special character — so a translation that is exact only on the easy cases
fails here. Case mappings that differ between Python and the spreadsheets (ß, ǆ, İ)
are left out of the alphabet on purpose: the README names them.
"""

from __future__ import annotations

import random

from flashfill.language import (
    FIXED_TOKENS,
    ColumnPos,
    Concatenate,
    ConstStr,
    CPos,
    Guard,
    Match,
    Pos,
    Program,
    Shift,
    SubStr,
    Switch,
    Token,
    TokenSeq,
)

ALPHABET = (
    "abcxyzABCXYZ0123456789" "éÉøØñÑ" "e\u0301" "ΩωЖж" "٣٤" "東"
    "   \t\u00a0\u2003" "-.,;:/\\()[]{}@#&_'\"+*=|<>!?$%" "😀"
)
CLASS_TOKENS = tuple(t for t in FIXED_TOKENS if t.kind == "class")
CHAR_TOKENS = tuple(t for t in FIXED_TOKENS if t.kind == "char")
OTHER_TOKENS = tuple(t for t in FIXED_TOKENS if t.kind in ("start", "end")) + (
    Token("literal", "ab"), Token("literal", "--"), Token("literal", "Ω\""), Token("literal", "x\u0301"))


def _token(rng: random.Random) -> Token:
    group = rng.random()
    return rng.choice(CLASS_TOKENS if group < 0.7 else CHAR_TOKENS if group < 0.9 else OTHER_TOKENS)


def random_rows(rng: random.Random, columns: int, count: int) -> list[tuple[str, ...]]:
    """Rows of words, numbers, spaces and punctuation, and now and then raw characters."""
    return [tuple(_random_text(rng) for _ in range(columns)) for _ in range(count)]


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.choice((0, 1, 4, 12))))
    pieces = []
    for _ in range(rng.randint(2, 12)):
        kind = rng.random()
        if kind < 0.35:
            word = "".join(rng.choice(("a", "b", "x", "é", "ø", "ñ", "e\u0301", "ω", "ж")) for _ in range(rng.randint(1, 6)))
            pieces.append(word.title() if rng.random() < 0.4 else word.upper() if rng.random() < 0.2 else word)
        elif kind < 0.6:
            pieces.append("".join(rng.choice("0123456789٣") for _ in range(rng.randint(1, 4))))
        else:
            pieces.append(rng.choice(ALPHABET[40:]))
    return "".join(pieces)


def _seq(rng: random.Random, most: int) -> TokenSeq:
    return TokenSeq(tuple(_token(rng) for _ in range(rng.choice((0, 1, 1, most)))))


def random_position(rng: random.Random, columns: int) -> CPos | Pos | Shift | ColumnPos:
    kind = rng.random()
    if kind < 0.15:
        return CPos(rng.choice((0, 1, 2, 3, -1, -2, -4)))
    if kind < 0.25:
        base = random_position(rng, 1)
        while isinstance(base, (Shift, ColumnPos)):
            base = random_position(rng, 1)
        return Shift(base, rng.randint(1, 3))
    if kind < 0.3 and columns > 1:
        return ColumnPos(1, rng.random() < 0.5, 1)
    while True:
        left, right = _seq(rng, 2), _seq(rng, 2)
        if rng.random() < 0.6:  # most positions name one side only ("the end of the 2nd number")
            left, right = (left, TokenSeq()) if rng.random() < 0.5 else (TokenSeq(), right)
        if left.tokens or right.tokens:
            return Pos(left, right, rng.choice((1, 1, 1, 2, 3, 4, -1, -1, -1, -2, -3)))


def random_atom(rng: random.Random, columns: int) -> ConstStr | SubStr:
    if rng.random() < 0.15:
        return ConstStr(rng.choice(("", "-", 'say "hi"', "Ω", "x" * 300, "a\nb")))
    case = rng.choice(("", "", "", "lower", "upper", "title"))
    pad = rng.choice((0, 0, 0, 2, 4))
    start, end = random_position(rng, columns), random_position(rng, columns)
    shape = rng.random()
    if shape < 0.4:  # a prefix or a suffix: the output shows the position itself
        start = CPos(0)
    elif shape < 0.8:
        end = CPos(-1)
    return SubStr(0, start, end, case, pad)


def random_guard(rng: random.Random) -> Guard:
    matches = tuple(Match(0, _seq(rng, 2), rng.choice((1, 1, 2, 3)), rng.random() < 0.3) for _ in range(rng.randint(1, 2)))
    matches = tuple(m for m in matches if m.tokens.tokens) or (Match(0, TokenSeq((CLASS_TOKENS[0],))),)
    return Guard((matches,))


def random_program(rng: random.Random) -> Program:
    columns = rng.choice((1, 1, 2))
    traces = [Concatenate(tuple(random_atom(rng, columns) for _ in range(rng.choice((1, 1, 2, 3)))))
              for _ in range(rng.randint(1, 3))]
    if len(traces) == 1:
        return Program(Switch(((Guard(), traces[0]),)), columns)
    cases = [(random_guard(rng), t) for t in traces]
    if rng.random() < 0.5:
        cases[-1] = (Guard(), traces[-1])
    return Program(Switch(tuple(cases)), columns)


def random_programs(seed: int, count: int) -> list[Program]:
    rng = random.Random(seed)
    return [random_program(rng) for _ in range(count)]


#: Texts with several runs of every token class and most special characters.
RICH_TEXTS = (
    "Dr. John O'Neil-Smith, 42 Main St. (Apt 7B); tel: +1 (425) 555-0134 / ext. 12",
    "zoë šimůnek & ŁÓDŹ 2021-03-07T18:25:57Z [x] {y} a_b #3 50% $1,234.50 <tag> a=b|c!d?",
    "  2 spaces,\ttab\u00a0nbsp\u2003em ab--ab--abab \"quoted\" Ω\"Ω\" x\u0301x\u0301 ٣٤ 東京 😀 END",
    "abab12ABcdEF34gh..56,,78--9 Ω\" -- ab",
    "",
    "x",
    "MiXeD CaSe WoRdS AND UPPER and lower 123abc456DEF789",
)


def position_programs() -> list[Program]:
    """For every token (fixed and literal) and count, the text up to (or from) its n-th
    start and end: each program's output shows one position exactly."""
    tokens = FIXED_TOKENS + (Token("literal", "ab"), Token("literal", "--"), Token("literal", "Ω\""))
    programs = []
    for token in tokens:
        for count in (1, 2, 3, 5, -1, -2, -4):
            for left, right in ((TokenSeq((token,)), TokenSeq()), (TokenSeq(), TokenSeq((token,)))):
                p = Pos(left, right, count)
                for start, end in ((CPos(0), p), (p, CPos(-1))):
                    programs.append(Program(Switch(((Guard(), Concatenate((SubStr(0, start, end),))),)), 1))
    return programs


def run_exported(source: str, blocks: dict[str, dict]):
    """The ``transform`` function the generated source defines, run block by block: the
    module-level blocks before the function (imports, helpers, character classes) are the
    same text in many exports, so each distinct block runs once and its names are reused;
    the Unicode tables are then built once for a whole test, not once per program."""
    *head, function = source.split("\n\n\n")
    namespace: dict = {}
    for block in head:
        if block not in blocks:
            before = dict(namespace)
            exec(compile(block, "<export>", "exec"), namespace)
            blocks[block] = {k: v for k, v in namespace.items() if before.get(k, blocks) is not v}
        namespace.update(blocks[block])
    exec(compile(function, "<export>", "exec"), namespace)
    return namespace["transform"]
