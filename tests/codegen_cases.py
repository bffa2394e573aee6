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

import calendar
import dataclasses
import random
from collections.abc import Callable
from decimal import Decimal

from flashfill.codegen.formula_numbers import integer_and_power, reciprocal, without_twos_and_fives
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
from flashfill.language.values import FormatDate, FormatNumber, NumberFormat
from flashfill.language.values.date_patterns import FIELD_CODES, render
from flashfill.language.values.date_rounding import DATE_MODES, UNITS
from flashfill.language.values.kinds import KINDS, HasValue
from flashfill.language.values.moments import ORDERS, Moment
from flashfill.language.values.number_format import EXPONENTS, MINIMAL, SEPARATORS
from flashfill.language.values.number_parsing import parse_number
from flashfill.language.values.rounding import MODES

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


# ------------------------------------------------------------------ values

#: Pieces numbers are typed with: currency before or after, signs, parentheses, percent.
_CURRENCIES = ("$", "€", "£", "USD", "EUR", "¥")
_SEPARATOR_STYLES = ((".", ","), (",", "."), (",", " "), (",", "\u00a0"), (".", ""), (",", ""))


def random_number_text(rng: random.Random, limit: int = 15) -> str:
    """A number as people type it, at most ``limit`` significant digits; now and then a
    malformed one (two signs, a lone parenthesis, a bad group) or noise."""
    kind = rng.random()
    if kind < 0.08:
        return rng.choice(("", "-", "abc", "1,2,3", "(5", "5)", "--3", "+-2", "1..5", "12e", ".", "1 234 5",
                           "12.5.3", "٣٤", "1e5000", "0", "-0", "-0.00", "(0)"))
    whole = str(rng.choice((0, rng.randint(0, 9), rng.randint(10, 999), rng.randint(1000, 10**7),
                            rng.randint(10**7, 10**12))))
    decimals = rng.choice((0, 0, 1, 2, 2, 3, 4, 6))
    fraction = "".join(rng.choice("0123456789") for _ in range(decimals))
    while len((whole + fraction).lstrip("0")) > limit:
        whole, fraction = whole[:-1] or "0", fraction[:-1]
    point, group = rng.choice(_SEPARATOR_STYLES)
    if group and rng.random() < 0.6:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    text = whole + (point + fraction if fraction else "")
    if rng.random() < 0.05:
        text = text.lstrip("0") or text
    if rng.random() < 0.08:
        text += rng.choice(("e", "E")) + rng.choice(("", "+", "-")) + str(rng.randint(0, 12))
    if rng.random() < 0.15:
        text = rng.choice(_CURRENCIES) + rng.choice(("", " ")) + text
    elif rng.random() < 0.1:
        text += rng.choice(("", " ")) + rng.choice(_CURRENCIES)
    if rng.random() < 0.08:
        text += "%"
    sign = rng.random()
    if sign < 0.15:
        text = rng.choice(("-", "−", "+", "- ")) + text
    elif sign < 0.22:
        text = f"({text})"
    if rng.random() < 0.05:
        text = " " + text + " "
    return text


def random_moment(rng: random.Random) -> Moment:
    """A valid date, time or both."""
    year, month = rng.choice((rng.randint(1950, 2040), 2000, 1999, 2024, 1969, 2068)), rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    hour, minute, second = rng.randint(0, 23), rng.choice((0, rng.randint(0, 59))), rng.choice((None, rng.randint(0, 59)))
    shape = rng.random()
    if shape < 0.45:
        return Moment(year, month, day)
    if shape < 0.65:
        return Moment(None, None, None, hour, minute, second)
    return Moment(year, month, day, hour, minute, second)


#: How dates and times are typed (date_patterns codes), besides ISO forms with a T and a zone.
_INPUT_DATE_PATTERNS = (
    ("yyyy", "-", "MM", "-", "dd"), ("M", "/", "d", "/", "yyyy"), ("dd", "/", "MM", "/", "yy"), ("d", ".", "M", ".", "yyyy"),
    ("MMM", " ", "d", ", ", "yyyy"), ("MMMM", " ", "do", ", ", "yyyy"), ("d", " ", "MMMM", " ", "yyyy"),
    ("dd", "-", "MMM", "-", "yy"), ("ddd", ", ", "MMM", " ", "d", ", ", "yyyy"), ("dddd", ", ", "d", " ", "MMMM", " ", "yyyy"),
    ("yyyy", "MM", "dd"), ("MMM", " ", "yyyy"), ("MMMM",), ("M",), ("MMM", "-", "yy"), ("yyyy", "/", "MMM", "/", "dd"),
)
_INPUT_TIME_PATTERNS = (("H", ":", "mm"), ("HH", ":", "mm", ":", "ss"), ("h", ":", "mm", " ", "a"), ("h", " ", "a_"),
                        ("hh", ":", "mm", ":", "ss", " ", "a"), ("HH", "mm"))


def random_date_text(rng: random.Random) -> str:
    """A date and/or time as people type it, or now and then something close that is none."""
    if rng.random() < 0.08:
        return rng.choice(("", "2021-02-30", "13/13/2021", "31/04/2021", "25:00", "12:60", "Foo 7, 2021", "0000",
                           "2021-3-7T25:00", "7 PM PM", "Mar 32, 2021", "Thu, Mar 7, 2021", "Mo, 7 Mar 2021"))
    m = random_moment(rng)
    if m.hour is None:
        return render(m, rng.choice(_INPUT_DATE_PATTERNS))
    time = render(m, rng.choice(_INPUT_TIME_PATTERNS))
    if m.year is None:
        return time + rng.choice(("", "", " UTC", "Z", "+02:00"))
    date = render(m, rng.choice(_INPUT_DATE_PATTERNS[:11]))
    joint = rng.choice(("T", " ", ", ", " at "))
    return rng.choice((f"{date}{joint}{time}", f"{time}, {date}", f"{date}T{time}Z"))


def _value_source(rng: random.Random) -> SubStr:
    """The whole column mostly; now and then the text after its first colon."""
    if rng.random() < 0.8:
        return SubStr(0, CPos(0), CPos(-1))
    return SubStr(0, Pos(TokenSeq((Token("char", ":"),)), TokenSeq(), 1), CPos(-1))


def random_number_format(rng: random.Random) -> NumberFormat:
    if rng.random() < 0.15:
        return NumberFormat(rng.choice((MINIMAL, 0, 1, 2, 3)), point=rng.choice((".", ",")), exponent=rng.choice(EXPONENTS[1:]))
    point = rng.choice((".", ".", ","))
    group = rng.choice(tuple(g for g in SEPARATORS if g != point) + ("", ""))
    significant = rng.choice((0, 0, 0, 0, 1, 2, 3, 6))
    decimals = MINIMAL if significant else rng.choice((MINIMAL, MINIMAL, 0, 1, 2, 3, 5))
    return NumberFormat(decimals, group, point, significant, "", rng.choice(("-", "-", "()", "")))


def random_number_atom(rng: random.Random) -> FormatNumber:
    factor = rng.choice(("", "", "", "2.54", "0.453592369", "1.8", "1000", "0.125", "3"))
    divisor = "" if factor else rng.choice(("", "", "25.4", "0.0254", "7", "43560", "0.453592", "8", "1.609344"))
    step = rng.choice(("", "", "", "1", "5", "10", "0.5", "0.25", "0.01", "1000", "3", "0.3"))
    number_format = random_number_format(rng)
    return FormatNumber(_value_source(rng), number_format, rng.choice((".", ".", ",")),
                        rng.choice((0, 0, 0, 0, 2, -2, 3, -3)), step, rng.choice(MODES), factor, divisor)


def random_date_pattern(rng: random.Random) -> tuple[str, ...]:
    codes = [c for c in FIELD_CODES]
    pattern = [rng.choice(codes)]
    for _ in range(rng.choice((0, 0, 1, 2, 3, 4))):
        pattern += [rng.choice(("-", "/", " ", ", ", ":", ".", " - ")), rng.choice(codes)]
    return tuple(pattern)


def random_date_atom(rng: random.Random) -> FormatDate:
    unit = rng.choice(("",) * 6 + tuple(UNITS))
    step = rng.choice(UNITS[unit]) if unit else 1
    shift = rng.choice((0, 0, 0, 60, -60, 180, 1440, -1440, 750, 527040))
    return FormatDate(_value_source(rng), random_date_pattern(rng), rng.choice(ORDERS), unit, step,
                      rng.choice(DATE_MODES), shift)


def random_atom_switch(
    rng: random.Random, atom: Callable[[], FormatNumber | FormatDate], guard: Callable[[], Guard]
) -> Program:
    """One to three cases, each an ``atom()`` with a constant before or after it now and
    then, each guarded by a ``guard()`` (the last one, half the time, by none)."""
    def trace() -> Concatenate:
        atoms = [atom()]
        if rng.random() < 0.3:
            atoms.insert(rng.randint(0, 1), ConstStr(rng.choice(("~", " to ", "$"))))
        return Concatenate(tuple(atoms))

    cases = [trace() for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    if len(cases) == 1:
        return Program(Switch(((Guard(), cases[0]),)), 1)
    guards = [guard() for _ in cases]
    if rng.random() < 0.5:
        guards[-1] = Guard()
    return Program(Switch(tuple(zip(guards, cases))), 1)


def random_value_program(rng: random.Random) -> Program:
    """One to three cases of value atoms among constants and copies, guarded by value kinds and tokens."""
    numbers = rng.random() < 0.55
    return random_atom_switch(
        rng,
        lambda: random_number_atom(rng) if numbers else random_date_atom(rng),
        lambda: Guard(((HasValue(0, rng.choice(KINDS), rng.random() < 0.3),),)) if rng.random() < 0.7
        else random_guard(rng),
    )


def random_value_programs(seed: int, count: int) -> list[Program]:
    rng = random.Random(seed)
    return [random_value_program(rng) for _ in range(count)]


def random_value_rows(rng: random.Random, count: int, numbers: bool | None = None) -> list[tuple[str]]:
    """Texts holding numbers and dates, whole or after a label ("total: 12"), and noise."""
    rows = []
    for _ in range(count):
        pick = rng.random() if numbers is None else 0.0 if numbers else 0.6
        text = random_number_text(rng) if pick < 0.45 else random_date_text(rng) if pick < 0.9 else _random_text(rng)
        if rng.random() < 0.05:  # many numbers, the negative one late (a search looks at the first few only)
            text = " ".join(str(rng.randint(0, 99)) for _ in range(rng.randint(3, 8))) + " -" + text
        if rng.random() < 0.15:
            text = rng.choice(("total: ", "due:", "x: ")) + text
        rows.append((text,))
    return rows


# -------------------------------------------------------- dates in formulas

#: Texts at the edges of the date grammar: leap days, the two-digit year's pivot, years
#: 0000 and 9999, 12-hour clocks at midnight and noon, names in any case, weekday names
#: the parser checks, a time whose fraction could be a day or a date ("18:08:00,11 May 2000").
DATE_EDGE_TEXTS = (
    "2000-02-29", "1900-02-29", "2100-02-29", "2024-02-29", "2023-02-29", "0000-02-29", "9999-12-31", "2021-04-31",
    "29/02/1996", "02/29/1996", "31/12/68", "12/31/69", "1/1/00", "7-Mar-68", "7-Mar-69", "Mar '99", "Sept 2021",
    "MARCH 7TH, 2021", "march 7, 2021", "mAy 2021", "7th of March 2021", "Tues, Mar 7, 2021", "Thurs 7 March 2021",
    "Mo, 7 Mar 2021", "Foo, 03/07/2021", "12:00 AM", "12:00 PM", "0:30 PM", "13:00 PM", "12 am", "7 p.m.", "7PM",
    "23:59:59", "24:00", "9:60", "0100", "2460", "1830", "March", "Mar.", "3", "13", "0", "00", "20210307", "20211307",
    "18:08:00,11 May 2000", "18:08:00.5, 11 May 2000", "7:00:00,31 February 2000", "7:00:00,29 Feb 2001",
    "7:00:00,31 Sept, 2000", "23:59:59,0 Mar 1999", "1:00:00,31 Foo 2000", "7:00:00,20001230", "7:00:00,20002000",
    "25:00:00,20002000", "7:00:00,2000123", "2021-03-07T18:25:57Z", "2021-03-07 at 6:25 pm",
    "  2021-03-07  ", "2021-03-07\n", "Mar 7 2021 7:05 PM +0100", "7:05 PM, Sun, Mar 7, 2021", "2021/Mar/07",
    "", "   ", "x", "2021-03-07 and more", "$1,234", "٣/٤/2021", "2021-03-07T25:00",
)


def random_date_program(rng: random.Random) -> Program:
    """One to three cases of dates read and written (no shift, no rounding), guarded by tokens."""
    def atom() -> FormatDate:
        return FormatDate(_value_source(rng), random_date_pattern(rng), rng.choice(ORDERS))

    return random_atom_switch(rng, atom, lambda: random_guard(rng))


def random_date_programs(seed: int, count: int) -> list[Program]:
    rng = random.Random(seed)
    return [random_date_program(rng) for _ in range(count)]


# ------------------------------------------------------ numbers in formulas

#: Integers a formula's number steps hold exactly (`flashfill.codegen.formula_numbers`).
FORMULA_INTEGERS = 10**14


def _digit_run(count: int) -> SubStr:
    """The first (1) or last (-1) run of digits of column 1 (the number token)."""
    digits = TokenSeq((Token("class", "digits"),))
    return SubStr(0, Pos(TokenSeq(), digits, count), Pos(digits, TokenSeq(), count))


def random_number_program(rng: random.Random) -> Program:
    """One to three cases of number atoms among constants, guarded by tokens (a formula
    has no test of a value's kind yet); a number is read from the whole column, the
    text after its first colon, or its first or last run of digits."""
    def atom() -> FormatNumber:
        drawn = random_number_atom(rng)
        if rng.random() < 0.25:
            drawn = dataclasses.replace(drawn, source=_digit_run(rng.choice((1, -1))))
        return drawn

    return random_atom_switch(rng, atom, lambda: random_guard(rng))


def random_number_programs(seed: int, count: int) -> list[Program]:
    rng = random.Random(seed)
    return [random_number_program(rng) for _ in range(count)]


def random_number_rows(rng: random.Random, count: int) -> list[tuple[str]]:
    """Numbers as people type them (at most 14 significant digits), after a label now and
    then, and noise."""
    rows = []
    for _ in range(count):
        text = random_number_text(rng, 14) if rng.random() < 0.9 else _random_text(rng)
        if rng.random() < 0.1:
            text = rng.choice(("total: ", "due:", "x: ")) + text
        rows.append((text,))
    return rows


def _integers_of(atom: FormatNumber, text: str) -> list[Decimal]:
    """The integers a formula computes the atom's number with on a text (see
    `flashfill.codegen.formula_numbers`): its digits, times the factor's, and the
    number in units of the rounding step and of the last decimal written."""
    value = parse_number(text, atom.point)
    if value is None:
        return []
    digits = Decimal(int("".join(map(str, value.as_tuple().digits))))
    factor = Decimal(atom.factor).normalize() if atom.factor else Decimal(1)
    found = [digits, digits * int("".join(map(str, factor.as_tuple().digits)))]
    scaled = (value * Decimal(atom.factor) if atom.factor else value).scaleb(atom.scale)
    if atom.divisor:
        d = integer_and_power(atom.divisor)[0]
        odd = without_twos_and_fives(d) if atom.exact_quotient else 1
        times = reciprocal(d // odd)[0]
        found.append(digits // odd * times if times else _long_division(atom, value, digits))
    if atom.step:
        place = Decimal(1).scaleb(Decimal(atom.step).normalize().as_tuple().exponent)
        rounded = atom.transform(value)
        found += [scaled / place, rounded / place] if rounded is not None else [scaled / place]
        scaled = rounded if rounded is not None else scaled
    if atom.format.decimals != MINIMAL:
        found.append(scaled.scaleb(atom.format.decimals))
    return found


def _long_division(atom: FormatNumber, value: Decimal, digits: Decimal) -> Decimal:
    """The remainder a formula's long division of a number by a divisor scales up
    (``NumberFormulas.divided_units``): min(A, B)·10^J for the first rounding of the quotient."""
    d, divisor_power = integer_and_power(atom.divisor)
    exponent = value.as_tuple().exponent + atom.scale - divisor_power
    s, unit = integer_and_power(atom.step) if atom.step else (1, -atom.format.decimals)
    if not atom.step and (atom.format.significant or atom.format.exponent):
        count = atom.format.significant or atom.format.decimals + 1
        unit = (digits / d).adjusted() + exponent - count + 1 if digits else exponent - count + 1
    j = exponent - unit
    return min(digits, s * d * Decimal(10) ** max(-j, 0)) * Decimal(10) ** max(j, 0)


def within_formula_integers(program: Program, row: tuple[str, ...]) -> bool:
    """Whether every number atom of the program computes with integers a formula holds
    exactly on this row (rows beyond are no number a spreadsheet holds)."""
    for _, trace in program.switch.cases:
        for atom in trace.atoms:
            if isinstance(atom, FormatNumber):
                text = atom.source.evaluator()(row, 0)
                if text is not None and any(abs(n) >= FORMULA_INTEGERS for n in _integers_of(atom, text)):
                    return False
    return True
