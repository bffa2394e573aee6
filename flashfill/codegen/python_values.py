"""The helpers a Python export writes for dates and numbers: each does what the language's
values package does (`flashfill.language.values`), with the standard library only.

The grammar is not copied here: the regexes of the forms a number or a date may take,
the month and weekday names, the rounding modes and the date fields' parts are read
from the language's own tables when an export is made (`tables`) and written into the
exported module as constants, so an export reads exactly the texts the language reads.
What is written here is the procedure around them (validating a date, rounding a
Decimal, writing a number), each helper a short port of the function its docstring
names; the tests run exported programs against the language on many rows.

A moment is a tuple ``(year, month, day, hour, minute, second)``, None for parts the
text did not give (``moments.Moment`` without ``clock_known``, which nothing exported
reads).
"""

from __future__ import annotations

from collections.abc import Callable

from flashfill.language.values import date_patterns, date_rounding, moments, names, number_parsing, rounding

from .value_regex import respell

#: The parts of a moment, in the order of its tuple.
MOMENT_PARTS = ("year", "month", "day", "hour", "minute", "second")


def _number_forms() -> str:
    whole, digits, inside = {}, {}, {}
    for point in number_parsing.POINTS:
        spelled = respell(number_parsing._whole(point).pattern)
        if any(len(v) > 1 for v in spelled.names.values()):
            raise ValueError("a number form names two groups alike")
        whole[point] = spelled.python
        digits[point] = f"(?:{number_parsing._NUMBER[point]}){number_parsing._EXPONENT}"
        inside[point] = number_parsing._inside(point).pattern

    def compiled(patterns: dict[str, str]) -> str:
        return "{" + ", ".join(f"{point!r}: re.compile({p!r})" for point, p in patterns.items()) + "}"

    return "\n".join([
        "#: decimal mark -> the number forms of the language (flashfill.language.values.number_parsing):",
        "#: a whole text, the digits of one number, a number inside a text; and its thousands separators.",
        f"_NUMBER_WHOLE = {compiled(whole)}",
        f"_NUMBER_DIGITS = {compiled(digits)}",
        f"_NUMBER_INSIDE = {compiled(inside)}",
        f"_GROUP_MARKS = {number_parsing.GROUP_MARKS!r}",
        f"_MAX_NUMBERS = {number_parsing.MAX_NUMBERS!r}",
    ])


def _date_forms() -> str:
    lines = ["#: The date and time forms of the language (flashfill.language.values.moments), each with",
             "#: its groups by name; a search inside a text tries the first _DATE_FORMS_INSIDE of them.",
             "_DATE_FORMS = ("]
    for compiled in moments._patterns():
        spelled = respell(compiled.pattern)
        flags = ", re.ASCII" if compiled.flags & moments.regex.ASCII else ""
        lines.append(f"    (re.compile({spelled.python!r}{flags}), {spelled.names!r}),")
    lines.append(")")
    lines.append(f"_DATE_FORMS_INSIDE = {len(moments._FORMS)}")
    lines.append(f"_ORDERS = {moments.ORDERS!r}")
    return "\n".join(lines)


def _names() -> str:
    return "\n".join([
        f"_MONTHS = {names.MONTHS!r}",
        f"_WEEKDAYS = {names.WEEKDAYS!r}",
        f"_MONTH_NUMBERS = {names._MONTH_NUMBERS!r}",
        f"_WEEKDAY_NUMBERS = {names._WEEKDAY_NUMBERS!r}",
    ])


def _fields() -> str:
    """Which part of the moment each date field needs (the field is None without it)."""
    needs = {code: MOMENT_PARTS.index(date_patterns._NEEDS[date_patterns.field_part(code)])
             for code in date_patterns.FIELD_CODES}
    return f"#: date field -> the index of the moment's part it needs\n_FIELD_NEEDS = {needs!r}"


#: Constants computed from the language's tables when an export is made.
TABLES: dict[str, Callable[[], str]] = {
    "_NUMBER_WHOLE": _number_forms,
    "_DATE_FORMS": _date_forms,
    "_MONTHS": _names,
    "_FIELD_NEEDS": _fields,
    "_ROUNDING": lambda: f"_ROUNDING = {rounding._ROUNDING!r}",
    "_TIME_UNITS": lambda: f"_TIME_UNITS = {date_rounding._TIME_UNITS!r}",
}

HELPERS: dict[str, str] = {
    "_decimal": '''
def _decimal(text, point):
    """The Decimal of a number's digits, separators and exponent (number_parsing._decimal)."""
    digits = _NUMBER_DIGITS[point].match(text)
    if digits is None:
        return None
    raw = digits.group()
    for mark in _GROUP_MARKS[point]:
        raw = raw.replace(mark, "")
    try:
        return Decimal(raw.replace(point, "."))
    except InvalidOperation:
        return None
''',
    "_number": '''
def _number(text, point):
    """The number a whole text spells (number_parsing.parse_number), or None."""
    if text is None:
        return None
    m = _NUMBER_WHOLE[point].fullmatch(text)
    if m is None or (m["open"] is None) != (m["close"] is None):
        return None
    signs = [m[g] for g in ("sign", "inner", "after") if m[g]]
    if len(signs) > 1:
        return None
    value = _decimal(text[m.start("num"):m.end()].strip(), point)
    if value is None:
        return None
    negative = m["open"] is not None or any(sign != "+" for sign in signs)
    return -value if negative else value
''',
    "_numbers_inside": '''
def _numbers_inside(text, point):
    """(start, end, value) of the numbers in a text (number_parsing.find_numbers)."""
    found = []
    whole = _number(text, point)
    if whole is not None:
        found.append((0, len(text), whole))
    for m in _NUMBER_INSIDE[point].finditer(text):
        if len(found) >= _MAX_NUMBERS:
            break
        value = _decimal(m.group().lstrip("-\\u2212"), point)
        if value is not None and m.span() != (0, len(text)):
            found.append((m.start(), m.end(), -value if m.group()[0] in "-\\u2212" else value))
    return found
''',
    "_scaled": '''
def _scaled(value, factor, power):
    """value times factor times 10**power (FormatNumber.transform)."""
    if value is None:
        return None
    if factor:
        value = value * Decimal(factor)
    return value.scaleb(power) if power else value
''',
    "_divided": '''
def _divided(value, divisor, power, exact=False):
    """value divided by divisor, times 10**power; None when exact and the quotient has
    no end (FormatNumber.transform)."""
    if value is None:
        return None
    with localcontext() as context:
        context.traps[Inexact] = exact
        try:
            value = value / Decimal(divisor)
        except Inexact:
            return None
    return value.scaleb(power) if power else value
''',
    "_round_to": '''
def _round_to(value, step, mode):
    """value rounded to a multiple of step (rounding.round_to), or None."""
    if value is None:
        return None
    step = Decimal(step)
    try:
        units = (value / step).to_integral_value(rounding=_ROUNDING[mode])
        if mode == "next":
            units += 1
        return units * step
    except (InvalidOperation, OverflowError):
        return None
''',
    "_write_number": '''
def _write_number(value, decimals=-1, group="", point=".", significant=0, exponent="", negative="-"):
    """value written with so many decimals (-1: as many as it needs) or significant digits,
    a thousands separator, a decimal mark, a way to show negatives (NumberFormat.render)."""
    if value is None:
        return None
    if exponent:
        return _scientific(value, decimals, point, exponent)
    try:
        if significant and value:
            value = value.quantize(Decimal(1).scaleb(value.adjusted() - significant + 1), rounding=ROUND_HALF_UP)
        if decimals < 0 or significant:
            text = f"{value:f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
        else:
            text = f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
    except InvalidOperation:
        return None
    minus = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    text = whole + (point + fraction if fraction else "")
    if not minus or not any(ch in "123456789" for ch in text):
        return text
    return "-" + text if negative == "-" else f"({text})" if negative == "()" else text
''',
    "_scientific": '''
def _scientific(value, decimals, point, exponent):
    """value as a mantissa of one digit before the mark and a power of ten (NumberFormat._scientific)."""
    power = value.adjusted() if value else 0
    text = _write_number(value.scaleb(-power), decimals, "", point)
    if text is not None and text.lstrip("-")[:2] == "10":
        power += 1
        text = _write_number(value.scaleb(-power), decimals, "", point)
    if text is None:
        return None
    if exponent == "E":
        return f"{text}E{power}"
    return f"{text}E{'-' if power < 0 else '+'}{abs(power):02d}"
''',
    "_moment": '''
def _moment(g, order):
    """The moment a date form's groups spell, if its parts are valid (moments._moment)."""
    year = month = day = hour = minute = second = None
    if g.get("Y") is None and g.get("M") is not None or g.get("N") is not None and g.get("D") is None:
        month = _MONTH_NUMBERS.get(g["N"].lower()) if g.get("N") is not None else int(g["M"])
        if month is None or not 1 <= month <= 12:
            return None
    if g.get("Y") is not None:
        year = int(g["Y"])
        if len(g["Y"]) == 2:
            year += 2000 if year < 69 else 1900
        if g.get("N") is not None:
            month = _MONTH_NUMBERS.get(g["N"].lower())
            if month is None:
                return None
        elif g.get("A") is not None:
            first, second_number = int(g["A"]), int(g["B"])
            month, day = (first, second_number) if order == "mdy" else (second_number, first)
        else:
            month = int(g["M"])
        if g.get("D") is not None:
            day = int(g["D"])
        if not 1 <= month <= 12 or day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        if g.get("W") is not None and g["W"].lower() not in _WEEKDAY_NUMBERS:
            return None
    if g.get("h") is not None:
        hour = int(g["h"])
        minute = int(g["m"]) if g.get("m") is not None else 0
        second = int(g["s"]) if g.get("s") is not None else None
        if g.get("p") is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if g["p"][0] in "Pp" else 0)
        if hour > 23 or minute > 59 or second is not None and second > 59:
            return None
    return (year, month, day, hour, minute, second)
''',
    "_groups": '''
def _groups(match, names):
    """Each group name of a date form with the text of the one of its groups that is set."""
    return {name: next((match[g] for g in groups if match[g] is not None), None) for name, groups in names.items()}
''',
    "_moment_in": '''
def _moment_in(text, order):
    """The date and/or time a whole text spells (moments.parse_moment), or None."""
    if text is None:
        return None
    text = text.strip(" ")
    for pattern, names in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match is not None:
            found = _moment(_groups(match, names), order)
            if found is not None:
                return found
    return None
''',
    "_moments_inside": '''
def _moments_inside(text, order):
    """(start, end, moment) of the dates and times in a text, never overlapping (moments.find_moments)."""
    found = []
    whole = _moment_in(text, order)
    if whole is not None:
        found.append((0, len(text), whole))
    for pattern, names in _DATE_FORMS[:_DATE_FORMS_INSIDE]:
        for match in pattern.finditer(text):
            a, b = match.span()
            if any(a < y and x < b for x, y, _ in found):
                continue
            moment = _moment(_groups(match, names), order)
            if moment is not None:
                found.append((a, b, moment))
    return found
''',
    "_has_value": '''
def _has_value(text, kind):
    """Whether a text holds a date, a time or a negative number (kinds.has_kind)."""
    if kind == "date":
        return any(m[0] is not None for order in _ORDERS for _, _, m in _moments_inside(text, order))
    if kind == "time":
        return any(m[3] is not None for _, _, m in _moments_inside(text, "mdy"))
    return any(value < 0 for _, _, value in _numbers_inside(text, "."))
''',
    "_moved": '''
def _moved(m, delta):
    """The moment moved by a timedelta; a time without a date wraps round the clock (date_rounding._shifted)."""
    year, month, day, hour, minute, second = m
    try:
        base = datetime.datetime(year or 2000, month or 1, day or 1, hour or 0, minute or 0, second or 0) + delta
    except OverflowError:
        return None
    second = second if second is None else base.second
    if year is None:
        return (None, None, None, base.hour, base.minute, second)
    if hour is None:
        return (base.year, base.month, base.day, None, None, None)
    return (base.year, base.month, base.day, base.hour, base.minute, second)
''',
    "_shift_moment": '''
def _shift_moment(m, minutes):
    """The moment so many minutes later (date_rounding.shift_moment), or None."""
    if m is None or m[3] is None and (m[0] is None or m[2] is None or minutes % 1440):
        return None
    return _moved(m, datetime.timedelta(minutes=minutes))
''',
    "_round_moment": '''
def _round_moment(m, unit, step, mode):
    """The start (down) or end (next) of the bucket of step units holding the moment
    (date_rounding.round_moment), or None."""
    if m is None:
        return None
    year, month, day, hour, minute, second = m
    if unit in _TIME_UNITS:
        if hour is None:
            return None
    elif year is None or day is None:
        return None
    seconds = None if second is None else 0
    if unit in _TIME_UNITS:
        start = (year, month, day, hour, minute - minute % step, seconds) if unit == "minute" else (
            year, month, day, hour - hour % step, 0, seconds)
        delta = datetime.timedelta(minutes=step) if unit == "minute" else datetime.timedelta(hours=step)
        return _moved(start, delta) if mode == "next" else start
    midnight = (0, 0, seconds) if hour is not None else (None, None, None)
    if unit == "day":
        start = (year, month, day, *midnight)
        return _moved(start, datetime.timedelta(days=1)) if mode == "next" else start
    if unit == "week":
        start = _moved((year, month, day, *midnight), datetime.timedelta(days=-calendar.weekday(year, month, day)))
        return _moved(start, datetime.timedelta(days=7)) if mode == "next" else start
    months = {"month": 1, "quarter": 3, "year": 12 * step}[unit]
    index = year * 12 + month - 1
    index -= index % months if unit != "year" else (month - 1) + (year % step) * 12
    if mode == "next":
        index += months
    if not 1 <= index // 12 <= 9999:
        return None
    return (index // 12, index % 12 + 1, 1, *midnight)
''',
    "_write_moment": '''
def _write_moment(m, pattern):
    """The moment written with a date pattern of fields and literals (date_patterns.render), or
    None when it lacks a part a field needs."""
    if m is None:
        return None
    pieces = []
    for part in pattern:
        if not part[:1].isalpha():
            pieces.append(part)
        elif m[_FIELD_NEEDS[part]] is None:
            return None
        elif part in _FIELD_WRITERS:
            pieces.append(_FIELD_WRITERS[part](m))
        else:
            text = _FIELD_WRITERS[part[:-1]](m)
            pieces.append(text.upper() if part.endswith("^") else text.lower())
    return "".join(pieces)
''',
    "_FIELD_WRITERS": '''
def _ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: date field -> how it writes a moment (date_patterns._FIELDS); "^" after a name's code
#: writes it in capitals, "_" in lowercase.
_FIELD_WRITERS = {
    "yyyy": lambda m: f"{m[0]:04d}",
    "yy": lambda m: f"{m[0] % 100:02d}",
    "M": lambda m: str(m[1]),
    "MM": lambda m: f"{m[1]:02d}",
    "MMM": lambda m: _MONTHS[m[1] - 1][:3],
    "MMMM": lambda m: _MONTHS[m[1] - 1],
    "d": lambda m: str(m[2]),
    "dd": lambda m: f"{m[2]:02d}",
    "do": lambda m: _ordinal(m[2]),
    "ddd": lambda m: _WEEKDAYS[calendar.weekday(m[0], m[1], m[2])][:3],
    "dddd": lambda m: _WEEKDAYS[calendar.weekday(m[0], m[1], m[2])],
    "H": lambda m: str(m[3]),
    "HH": lambda m: f"{m[3]:02d}",
    "h": lambda m: str(m[3] % 12 or 12),
    "hh": lambda m: f"{m[3] % 12 or 12:02d}",
    "mm": lambda m: f"{m[4]:02d}",
    "ss": lambda m: f"{m[5] or 0:02d}",
    "a": lambda m: "AM" if m[3] < 12 else "PM",
    "a_": lambda m: "am" if m[3] < 12 else "pm",
}
''',
}

#: What each helper uses: other helpers and tables (written before it), and imports.
NEEDS: dict[str, tuple[str, ...]] = {
    "_decimal": ("_NUMBER_WHOLE",),
    "_number": ("_NUMBER_WHOLE", "_decimal"),
    "_numbers_inside": ("_NUMBER_WHOLE", "_decimal", "_number"),
    "_round_to": ("_ROUNDING",),
    "_write_number": ("_scientific",),
    "_scientific": (),
    "_moment": ("_MONTHS",),
    "_moment_in": ("_DATE_FORMS", "_moment", "_groups"),
    "_moments_inside": ("_DATE_FORMS", "_moment", "_groups", "_moment_in"),
    "_has_value": ("_DATE_FORMS", "_moments_inside", "_numbers_inside"),
    "_shift_moment": ("_moved",),
    "_round_moment": ("_TIME_UNITS", "_moved"),
    "_write_moment": ("_FIELD_NEEDS", "_FIELD_WRITERS"),
    "_FIELD_WRITERS": ("_MONTHS",),
}
IMPORTS: dict[str, tuple[str, ...]] = {
    "_NUMBER_WHOLE": ("import re",),
    "_DATE_FORMS": ("import re",),
    "_decimal": ("from decimal import Decimal, InvalidOperation",),
    "_scaled": ("from decimal import Decimal",),
    "_divided": ("from decimal import Decimal, Inexact, localcontext",),
    "_round_to": ("from decimal import Decimal, InvalidOperation",),
    "_write_number": ("from decimal import ROUND_HALF_UP, Decimal, InvalidOperation",),
    "_moment": ("import calendar",),
    "_moved": ("import datetime",),
    "_shift_moment": ("import datetime",),
    "_round_moment": ("import calendar", "import datetime"),
    "_FIELD_WRITERS": ("import calendar",),
}


def closure(used: set[str]) -> list[str]:
    """The helpers and tables ``used`` needs, each after what it needs, in a fixed order.

    >>> closure({"_number"})
    ['_NUMBER_WHOLE', '_decimal', '_number']
    """
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for need in NEEDS.get(name, ()):
            visit(need)
        order.append(name)

    for name in sorted(used):
        visit(name)
    return order


def source(name: str) -> str:
    """The source of one helper or table."""
    return TABLES[name]() if name in TABLES else HELPERS[name].strip("\n")


def imports(names: list[str]) -> list[str]:
    """The import lines the helpers need, each once."""
    return sorted({line for name in names for line in IMPORTS.get(name, ())})
