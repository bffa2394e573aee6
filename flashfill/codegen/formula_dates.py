r"""Date and time value steps as spreadsheet formulas: read a moment out of a text and write
it with a learned pattern, exactly as `flashfill.language.values` does.

A spreadsheet without ``LET`` (Calc 7.4) cannot name a value, and the grammar of the
dates people type is long: a formula that used the parsed moment twice would hold the
grammar twice. So the moment travels as one text through a chain of regex
replacements, each using the text before it once:

1. the language's own date forms (`moments`), joined into one pattern with the order
   `parse_moment` tries them in, turn the text into its parts, one slot each
   (``year,month,name,day,hour,minute,second,am/pm,weekday``); a text of no form gives
   empty slots;
2. a two-digit year gets its century (`moments`' rule), a month's name its number and a
   weekday's name is checked, by look-ups in constant tables appended to the text
   (case-insensitive back-references: no LOWER, which follows the locale);
3. numbers are padded to two digits, and a 12-hour clock becomes a 24-hour one;
4. the last replacement checks the moment (months, days of each month and leap years,
   hours, minutes, seconds) and writes each field of the pattern, names and ordinals
   looked up in tables by the field's digits, the weekday from a day count mod 7
   summed digit by digit.

A text whose moment is not valid fails one of the replacements, which then leaves it
as it was; the written text carries a mark, and only a marked text is taken, so any
other row is an error (a blank cell). No VALUE, DATEVALUE or TEXT is used: nothing
depends on the spreadsheet's locale. Shifting and rounding a moment need date
arithmetic on several parts at once, which such a chain cannot do: they are refused.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from flashfill.errors import ExportError
from flashfill.language.values import date_patterns, moments, names

from . import ir
from .value_regex import respell

if TYPE_CHECKING:
    from .formula import FormulaPrinter

#: Why a shifted or rounded moment has no formula.
ARITHMETIC = ("shifting or rounding a date or time has no exact formula yet: it needs arithmetic on several of "
              "its parts at once, and a formula without LET would repeat the whole date grammar for each")
#: The slots of the first replacement, in order; M and D take A or B by the reading order.
_SLOTS = ("Y", "M", "N", "D", "h", "m", "s", "p", "W", "F", "G")
#: A mark before the written text (no slot text starts with it).
_MARK = "~"
#: A leap year of four digits (divisible by 4, and by 400 when by 100).
_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#: A valid "yyyy,mm,dd": a month, and a day it has.
_DATE = (r"(?:[0-9]{4},(?:(?:0[1-9]|1[0-2]),(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2]),(?:29|30)"
         rf"|(?:0[13578]|1[02]),31)|{_LEAP},02,29)")
_MONTH = "(?:0[1-9]|1[0-2])"
#: What follows a comma after a time's seconds when that comma may also start their
#: fraction: "7 May 2000" (then F: the form before reads the day, and without a valid
#: one `parse_moment` reads the fraction and "May 2000"), or "20000507" (then G: without a
#: valid date it reads the fraction and no date).
_DAY_NAME_YEAR = r"[0-9]?[ ]+[A-Za-z]{3,9}\.?,?[ ]+[0-9]{4}[ ]*\z"
_AFTER_SECONDS = rf"(?<=:[0-9]{{2}}:[0-9]{{2}}),(?=(?P<F>[0-9]){_DAY_NAME_YEAR}|(?P<G>[0-9])[0-9]{{7}}[ ]*\z)"


def _time_then_date(time: str) -> str:
    """The time of a time-then-date form: where a comma after the seconds may start the
    fraction or the date, the date "7 May 2000" is read first, as the form with a day
    comes before the form without in `moments`' order; and its hour is read once for both
    of its shapes ("7:05", "7 pm": a digit after it tells them apart). Changed only where
    the language's time has these shapes."""
    fraction = "(?:[.,][0-9]+)?"
    if time.count(fraction) == 1:
        time = time.replace(fraction, rf"(?:\.[0-9]+|,(?![0-9]{_DAY_NAME_YEAR})[0-9]+)?")
    hour = "(?P<h>[0-9]{1,2})"
    if time.startswith(f"(?:{hour}") and time.count(f"|{hour}") == 1 and time.endswith(")"):
        first, second = time[len(f"(?:{hour}"):-1].split(f"|{hour}")
        time = f"{hour}(?:{first}|{second})"
    return time


def forms() -> str:
    """Every form of `moments` in one pattern (the language's named groups, and F and G
    of `_AFTER_SECONDS`), in the order `parse_moment` tries them: a time then a date, or a
    date with a time after it or not (a back-reference to X, set only without a time
    before, keeps from both); a time; the whole-only forms. A date-time starts with a date
    and a time-date with a time, and a date alone never holds a time, so the first
    alternative that matches a whole text is the form Python reads it with, but for the
    two cases F and G mark (the tests compare the two on many texts).

    >>> import regex
    >>> regex.fullmatch(forms(), "Mar 7, 2021", regex.ASCII).group("N")
    'Mar'
    """
    dates = "|".join(moments._DATES)
    time, zone = moments._TIME, moments._ZONE
    # The dates once: after a time, or (X set: none before) with a time after them or not.
    first = rf"(?:{_time_then_date(time)}(?:{_AFTER_SECONDS}|,[ ]*|[ ]+)|(?P<X>))"
    alternatives = [rf"{first}(?:{dates})(?:(?P=X)(?:T|[ ]+|,[ ]*|[ ]+at[ ]+){time}{zone})?",
                    rf"{time}{zone}"] + list(moments._WHOLE_ONLY)
    return r"[ ]*(?:" + "|".join(alternatives) + r")[ ]*"


@lru_cache(maxsize=1)
def _grammar() -> tuple[str, dict[str, tuple[int, ...]]]:
    """`forms` for a whole text, then anything else (with no group set), with numbered
    groups; and each part's group numbers."""
    spelled = respell(rf"^(?:{forms()}\z|(?s:.*))")
    return spelled.numbered, spelled.numbers


def _slots(order: str) -> str:
    """The first replacement: the parts' groups, one slot each (see `_SLOTS`)."""
    numbers = _grammar()[1]
    first, second = ("A", "B") if order == "mdy" else ("B", "A")
    groups = {"M": ("M", first), "D": ("D", second)}
    return ",".join("".join(f"${n}" for name in groups.get(slot, (slot,)) for n in numbers.get(name, ()))
                    for slot in _SLOTS)


def _table(entries: dict[str, str]) -> str:
    """Look-up entries ``key=value;`` after a ``;``."""
    return ";" + "".join(f"{key}={value};" for key, value in entries.items())


def _lookup(key: str) -> str:
    """A look-ahead finding ``key`` (a back-reference) in the table of the text's tail and
    capturing its value."""
    return rf"(?=[^#]*#(?:[^#]*;)?{key}=([^;#]*);)"


#: Hour (two digits, 01-12) and the first letter of AM/PM -> the hour of a 24-hour clock.
_CLOCK = {f"{h:02d}{p}": f"{h % 12 + (12 if p == 'p' else 0):02d}" for p in "ap" for h in range(1, 13)}
#: Weekday names as the parser reads them (`names`), longest first.
_WEEKDAY_NAMES = "|".join(sorted(names._WEEKDAY_NUMBERS, key=lambda w: (-len(w), w)))


def _ordinal(day: int) -> str:
    return date_patterns.write_field(moments.Moment(2000, 1, day), "do") or ""


def _field_table(code: str) -> dict[str, str]:
    """Key -> written field for the codes written by look-up (keys: the two digits of the
    month, day or hour, or the weekday as a count of x, 0 for Sunday)."""
    part = date_patterns.field_part(code)
    if part == "month":
        return {f"{m:02d}": date_patterns.write_field(moments.Moment(2000, m, 1), code) or "" for m in range(1, 13)}
    if part == "weekday":  # 2024-01-01 was a Monday, Python's weekday 0 and Sakamoto's 1
        return {"x" * w: date_patterns.write_field(moments.Moment(2024, 1, 1 + (w + 6) % 7), code) or ""
                for w in range(7)}
    if part == "day":
        return {f"{d:02d}": _ordinal(d) for d in range(1, 32)}
    return {f"{h:02d}": date_patterns.write_field(moments.Moment(hour=h, minute=0), code) or "" for h in range(24)}


#: Field codes written straight from a slot's digits: (slot, the view capturing them).
_DIGITS = {
    "yyyy": ("Y", "([0-9]{4})"), "yy": ("Y", "[0-9]{2}([0-9]{2})"), "M": ("M", "0?([0-9]+)"), "MM": ("M", "([0-9]{2})"),
    "d": ("D", "0?([0-9]+)"), "dd": ("D", "([0-9]{2})"), "H": ("H", "0?([0-9]+)"), "HH": ("H", "([0-9]{2})"),
    "mm": ("I", "([0-9]{2})"), "ss": ("S", "([0-9]{2})"),
}
#: The slot each looked-up field is keyed by.
_KEYS = {"month": "M", "day": "D", "weekday": "W", "hour": "H", "ampm": "H"}
#: The final slots, in order (W, the weekday, only when a field needs it).
_FINAL = ("Y", "M", "D", "H", "I", "S")

# The weekday as a sum of digit terms mod 7 (Sakamoto's rule, 0 for Sunday): for the year
# 100c + k, 5·(c mod 4) + (k + k div 4); then the month's term (Jan and Feb count in the year
# before: one day less, two in a leap year); then the day.
_CENTURY = {0: r"[02468][048]|[13579][26]", 1: r"[02468][159]|[13579][37]", 2: r"[02468][26]|[13579][048]",
            3: r"[02468][37]|[13579][159]"}
_MONTH_TERMS = (6, 2, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4)


def _digit_pairs(pairs: list[tuple[int, int]]) -> str:
    """An alternation matching exactly the two-digit strings of ``pairs`` (tens, units).

    >>> _digit_pairs([(0, 1), (0, 2), (3, 1)])
    '0[12]|31'
    """
    by_tens: dict[int, list[int]] = {}
    for tens, units in pairs:
        by_tens.setdefault(tens, []).append(units)
    spelled = []
    for tens, units in sorted(by_tens.items()):
        digits = "".join(map(str, sorted(units)))
        spelled.append(f"{tens}{digits}" if len(digits) == 1 else f"{tens}[{digits}]")
    return "|".join(spelled)


def _weekday_terms() -> list[tuple[str, int]]:
    """(a look-ahead at the start of "yyyy,mm,dd", the days it adds mod 7): for each kind of
    term (century, year in the century, month, leap year, day), one per number of days; at
    most one of each kind holds."""
    terms = [(f"(?:{_CENTURY[r]})", 5 * r % 7) for r in _CENTURY]
    for days in range(1, 7):
        years = [(k // 10, k % 10) for k in range(100) if (k + k // 4) % 7 == days]
        terms.append((f"[0-9]{{2}}(?:{_digit_pairs(years)})", days))
        months = [(m // 10, m % 10) for m in range(1, 13) if _MONTH_TERMS[m - 1] == days]
        if months:
            terms.append((f"[0-9]{{4}},(?:{_digit_pairs(months)})", days))
        month_days = [(d // 10, d % 10) for d in range(1, 32) if d % 7 == days]
        terms.append((f"[0-9]{{4}},[0-9]{{2}},(?:{_digit_pairs(month_days)})", days))
    terms.append((rf"{_LEAP},0[12]", 6))
    return [(condition, days) for condition, days in terms if days]


class DateFormulas:
    """Spells the date value nodes for one formula printer (its dialect and cells).

    >>> from flashfill.codegen.libreoffice import formula
    >>> text = formula(ir.WriteMoment(ir.ReadMoment(ir.Whole(0), "mdy"), ("yyyy", "-", "MM")), ["A2"])
    >>> text.startswith('=IFERROR(REGEX(REGEX(') and text.endswith(';"(?<=^~)(?s:.*)");"")')
    True
    """

    def __init__(self, printer: "FormulaPrinter") -> None:
        self.printer = printer
        self.sep = printer.sep

    def replace(self, text: str, pattern: str, replacement: str) -> str:
        """Every match of ``pattern`` replaced (the patterns here match once, or never twice in a place)."""
        q = self.printer.string
        return self.printer.dialect.replace.format(text=text, pattern=q(pattern), replacement=q(replacement),
                                                   sep=self.sep)

    # -------------------------------------------------------------- reading

    def read(self, node: ir.Moment) -> str:
        """The moment as "yyyy,mm,dd,HH,mm,ss" (two digits each, empty where absent), with the
        tables of the names appended, or an ill-formed text where there is none."""
        if isinstance(node, (ir.ShiftMoment, ir.RoundMoment)):
            raise ExportError(ARITHMETIC)
        assert isinstance(node, ir.ReadMoment)
        text = self.printer.text(node.text)
        parts = self.replace(text, _grammar()[0], _slots(node.order))
        year = self.replace(self.replace(parts, "^(?=(?:[0-5][0-9]|6[0-8]),)", "20"), "^(?=(?:69|[7-9][0-9]),)", "19")
        months = _table({name: f"{number:02d}" for name, number in names._MONTH_NUMBERS.items()})
        named = self.replace(
            f'{year}&{self.printer.string("#" + months)}',
            r"(?i)^([0-9]*),([0-9]*),(?:([a-z]+)" + _lookup(r"\3") + r")?,([^,#]*,[^,#]*,[^,#]*,[^,#]*,[^,#]*),"
            rf"(?:{_WEEKDAY_NAMES})?,([0-9]?,[0-9]?)#[^#]*\z",
            "$1,$2$4,$5,$6",
        )
        padded = self.replace(named, "(?<![0-9])([0-9])(?![0-9])", "0$1")
        # "y,m,d,h,mi,s,p,F,G": a valid date, or none, or a month; else the day goes with the
        # mark F and the date with G (see _AFTER_SECONDS); the marks go.
        rest = "((?:,[^,#]*){4})"
        dated = self.replace(
            f'{padded}&{self.printer.string("#,,")}',
            rf"^(?!,,,,)(?:((?:{_DATE}|[0-9]{{4}},{_MONTH},|,{_MONTH},|,,){rest[1:]},[0-9]*,[0-9]*#,,"
            rf"|([0-9]{{4}},[0-9]{{2}},)[0-9]{{2}}{rest},[0-9]+,#,,|[0-9]{{4}},[0-9]{{2}},[0-9]{{2}}{rest},,[0-9]+#(,,))\z",
            "$1$2$3$5$4",
        )
        # "y,m,d,h,mi,s,p": no time; a 24-hour clock; a 12-hour one (its hour looked up);
        # absent minutes and seconds are zeros, taken from the table's head.
        sixty = "(?:([0-5][0-9])|(?=[^#]*#(00)))"
        return self.replace(
            f'{dated}&{self.printer.string("#00" + _table(_CLOCK))}',
            rf"(?i)^([^,#]*,[^,#]*,[^,#]*),(?:,,,|([01][0-9]|2[0-3]),{sixty},{sixty},"
            rf"|([0-9]{{2}}),{sixty},{sixty},([ap])[.m]*(?=#)" + _lookup(r"\7\12") + r")#[^#]*\z",
            "$1,$2$13,$3$4$8$9,$5$6$10$11",
        )

    # -------------------------------------------------------------- writing

    def write(self, node: ir.WriteMoment) -> str:
        """The moment written with the node's pattern (``date_patterns.render``), or an error."""
        codes = tuple(dict.fromkeys(part for part in node.pattern if date_patterns.is_field(part)))
        moment = self.read(node.moment)
        weekday = any(date_patterns.field_part(code) == "weekday" for code in codes)
        if weekday:
            moment = self.with_weekday(moment)
        regex, replacement, tables = _final(node.pattern, codes, weekday)
        written = self.replace(f"{moment}&{self.printer.string('#' + '#'.join(tables))}", regex, replacement)
        mark = self.printer.string(f"(?<=^{_MARK})(?s:.*)")
        text = self.printer.dialect.extract.format(text=written, pattern=mark, sep=self.sep)
        literals = "".join(part for part in node.pattern if not date_patterns.is_field(part))
        for char, placeholder in _PLACEHOLDERS.items():
            if char in literals:
                text = self.printer.call("SUBSTITUTE", text, self.printer.string(placeholder), self.printer.string(char))
        return text

    def with_weekday(self, moment: str) -> str:
        """The moment with a seventh slot: its weekday as a count of x (0 for Sunday), the sum
        of its digit terms (`_weekday_terms`) taken from a store of x after the text, mod 7."""
        looks = [rf"(?=(?:{condition}[^#]*#(x{{{days}}}))?)" for condition, days in _weekday_terms()]
        sums = "".join(f"${n}" for n in range(1, len(looks) + 1))
        counted = self.replace(f"{moment}&{self.printer.string('#xxxxxx')}",
                               "^" + "".join(looks) + r"([^#]*)#x*\z", f"${len(looks) + 1},{sums}")
        return self.replace(counted, "x{7}", "")


#: Characters a replacement would read as syntax, written as a control character and put back after.
_PLACEHOLDERS = {"$": "\x01", "\\": "\x02"}


def _final(pattern: tuple[str, ...], codes: tuple[str, ...], weekday: bool) -> tuple[str, str, list[str]]:
    """The last replacement of the chain: its pattern (the checks, then at each slot a view
    capturing the digits or the key of each field written from it, then a look-up per named
    field in its table), its replacement (the mark, then the pattern's fields and
    literals) and the tables."""
    slots = _FINAL + (("W",) if weekday else ())
    views: dict[str, list[tuple[str, str]]] = {slot: [] for slot in slots}
    for code in codes:
        part = date_patterns.field_part(code)
        if part == "weekday":
            views["D"].append(("", "[0-9]{2}"))  # a weekday needs the day
        if code in _DIGITS:
            slot, view = _DIGITS[code]
        else:
            slot = _KEYS[part]
            view = "(x*)" if slot == "W" else "([0-9]{2})"
        views[slot].append((code, view))
    group: dict[str, int] = {}
    keys: list[tuple[str, int]] = []
    body = []
    for slot in slots:
        spelled = ""
        for code, view in views[slot]:
            spelled += f"(?={view}[,#])"
            if code:
                number = len(group) + len(keys) + 1
                if code in _DIGITS:
                    group[code] = number
                else:
                    keys.append((code, number))
        body.append(spelled + ("x*" if slot == "W" else "[0-9]*"))
    tables, lookups = [], []
    for index, (code, key) in enumerate(keys):
        tables.append(_table(_field_table(code)))
        lookups.append(rf"(?=(?:#[^#]*){{{index}}}#(?:[^#]*;)?\{key}=([^;#]*);)")
        group[code] = len(keys) + len(group) + 1
    regex = "^" + ",".join(body) + "".join(lookups) + "#(?s:.*)"
    written = []
    for part in pattern:
        if date_patterns.is_field(part):
            written.append(f"${group[part]}")
        else:
            for char, placeholder in _PLACEHOLDERS.items():
                part = part.replace(char, placeholder)
            written.append(part)
    return regex, _MARK + "".join(written), tables
