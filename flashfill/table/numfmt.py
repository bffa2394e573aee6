"""Render numbers, dates and times the way Excel shows them under a number format.

A transformation learned from what the user *sees* must read cells as the user sees
them: 0.5 under "0%" is "50%", 7 under "000" is "007", a date under "m/d/yyyy" is
"3/7/2024".  This module covers the formats people actually use (General, fixed
decimals, thousands separators, percentages, zero padding, literal prefixes and
suffixes, scientific, and the common date/time codes); anything exotic falls back to
Excel's General rendering.

>>> render(1234.5, "#,##0.00")
'1,234.50'
>>> render(7, "00000")
'00007'
>>> render(0.125, "0.0%")
'12.5%'
>>> import datetime as dt
>>> render(dt.datetime(2024, 3, 7), "m/d/yyyy")
'3/7/2024'
>>> render(dt.datetime(2024, 3, 7, 14, 5), "yyyy-mm-dd h:mm AM/PM")
'2024-03-07 2:05 PM'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal

_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Excel shows built-in format 14 ("mm-dd-yy" in the file) as the system short date;
# m/d/yyyy is what an en-US Excel shows.
_SHORT_DATE_ALIASES = {"mm-dd-yy": "m/d/yyyy"}

_BRACKET = re.compile(r"\[[^\]]*\]")
_QUOTED = re.compile(r'"([^"]*)"')
_DATE_CODES = re.compile(r"(?i)yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\.0+")


def render(value: object, number_format: str | None) -> str:
    """Text Excel shows for ``value`` (number, bool, date, time or duration) under ``number_format``."""
    fmt = (number_format or "General").strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _render_date(value, fmt)
    if isinstance(value, dt.timedelta):
        return _render_duration(value, fmt)
    if isinstance(value, (int, float)):
        return _render_number(value, fmt)
    return str(value)


def general(value: float) -> str:
    """Excel's General rendering: integers without ".0", otherwise up to 15 significant digits.

    >>> general(3.0), general(0.1 + 0.2), general(1e21)
    ('3', '0.3', '1E+21')
    """
    if isinstance(value, int):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return "#NUM!"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}E{sign}{abs(int(exponent)):02d}"
    return text


def _section(fmt: str, negative: bool) -> tuple[str, bool]:
    """The format section for the sign of the value, and whether it prints its own sign."""
    sections = _split_sections(fmt)
    if negative and len(sections) > 1 and sections[1]:
        return sections[1], True
    return sections[0], False


def _split_sections(fmt: str) -> list[str]:
    sections, current, quoted = [], [], False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
    sections.append("".join(current))
    return sections


def _literal(text: str) -> str:
    """Turn a format's literal parts into the text they print (quotes, escapes, padding)."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end
            out.append(text[i + 1:end])
            i = end + 1
        elif ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif ch in "_*" and i + 1 < len(text):
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _currency_tags(fmt: str) -> str:
    """Replace [$€-407]-style tags by their symbol and drop colour/condition tags."""
    def repl(m: re.Match[str]) -> str:
        tag = m.group(0)[1:-1]
        if tag.startswith("$"):
            return '"' + tag[1:].split("-")[0] + '"'
        return ""
    return _BRACKET.sub(repl, fmt)


_NUMBER_PART = re.compile(r"[0#?][0#?,]*(?:\.[0#?]*)?(?:[eE][+-][0#?]+)?|\.[0#?]+")


def _render_number(value: float, fmt: str) -> str:
    if fmt.lower() in ("general", "") or fmt == "@":
        return general(value)
    section, own_sign = _section(fmt, value < 0)
    section = _currency_tags(section)
    stripped = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), section)
    if "." not in stripped and len(_NUMBER_PART.findall(stripped)) > 1 and "," not in stripped:
        return _render_template(value, section)
    match = _NUMBER_PART.search(stripped)
    if match is None:
        return _literal(section) if section.strip() else general(value)
    number = abs(value) if (own_sign or value < 0) else value
    number *= 100 ** stripped.count("%")
    body = _format_digits(number, match.group(0))
    if body is None:
        return general(value)
    sign = "-" if value < 0 and not own_sign and body.strip("0.,") else ""
    return sign + _literal(section[:match.start()]) + body + _literal(section[match.end():])


def _format_digits(number: float, spec: str) -> str | None:
    """Format abs-valued ``number`` by a digit pattern like "#,##0.00" or "0.00E+00"."""
    if "e" in spec.lower():
        mant, _, exp = spec.lower().partition("e")
        decimals = len(mant.partition(".")[2])
        text = f"{number:.{decimals}E}"
        m, e = text.split("E")
        return f"{m}E{'-' if int(e) < 0 else '+'}{abs(int(e)):0{max(len(exp) - 1, 1)}d}"
    int_spec, _, dec_spec = spec.partition(".")
    thousands = "," in int_spec
    min_int = int_spec.count("0")
    min_dec = len(dec_spec.rstrip("#?"))
    max_dec = len(dec_spec)
    text = _fixed(number, max_dec)
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0") if max_dec > min_dec else frac
    frac = frac.ljust(min_dec, "0")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0")
    if thousands and whole:
        whole = f"{int(whole):,}".rjust(min_int, "0")
    return whole + ("." + frac if frac or dec_spec and min_dec else ("." if "." in spec and max_dec == 0 else ""))


def _fixed(number: float, decimals: int) -> str:
    """``number`` with ``decimals`` decimals, halves rounded away from zero as Excel does."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(number)).quantize(quantum, rounding=ROUND_HALF_UP))


def _render_template(value: float, section: str) -> str:
    """Digit templates such as "(000) 000-0000": digits fill placeholders from the right.

    >>> _render_template(5551234567, "(000) 000-0000")
    '(555) 123-4567'
    """
    digits = _fixed(abs(value), 0)
    stripped = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), section)
    slots = [i for i, ch in enumerate(stripped) if ch in "0#?"]
    filled: dict[int, str] = {}
    remaining = digits
    for n, slot in enumerate(reversed(slots)):
        last = n == len(slots) - 1
        if last:
            take, remaining = remaining, ""
        else:
            take, remaining = remaining[-1:], remaining[:-1]
        if take:
            filled[slot] = take
        elif stripped[slot] == "0":
            filled[slot] = "0"
        else:
            filled[slot] = ""
    out, start = [], 0
    for slot in slots:
        out.append(_literal(section[start:slot]))
        out.append(filled[slot])
        start = slot + 1
    out.append(_literal(section[start:]))
    return ("-" if value < 0 else "") + "".join(out)


def _render_duration(value: dt.timedelta, fmt: str) -> str:
    total = int(value.total_seconds())
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    sign = "-" if total < 0 else ""
    if "s" in fmt.lower():
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{hours}:{minutes:02d}"


def _render_date(value: dt.date | dt.time, fmt: str) -> str:
    fmt = _SHORT_DATE_ALIASES.get(fmt.lower(), fmt)
    if fmt.lower() in ("general", "", "@"):
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M:%S")
        return value.isoformat()
    fmt = _currency_tags(_split_sections(fmt)[0])
    tokens = _tokenize_date(fmt)
    twelve_hour = any(kind == "ampm" for kind, _ in tokens)
    out = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "lit":
            out.append(text)
        elif kind == "ampm":
            hour = getattr(value, "hour", 0)
            am, pm = text.split("/")
            out.append(am if hour < 12 else pm)
        else:
            out.append(_date_code(value, text, tokens, i, twelve_hour))
    return "".join(out)


def _tokenize_date(fmt: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch in '"\\_*':
            j = i + 1
            if ch == '"':
                end = fmt.find('"', i + 1)
                j = len(fmt) if end < 0 else end + 1
            elif j < len(fmt):
                j += 1
            tokens.append(("lit", _literal(fmt[i:j])))
            i = j
            continue
        m = _DATE_CODES.match(fmt, i)
        if m:
            text = m.group(0)
            low = text.lower()
            if low in ("am/pm", "a/p"):
                tokens.append(("ampm", text if low == "a/p" else "AM/PM"))
            else:
                tokens.append(("code", low))
            i = m.end()
        else:
            tokens.append(("lit", ch))
            i += 1
    return tokens


def _is_minute(tokens: list[tuple[str, str]], i: int) -> bool:
    """"m"/"mm" means minutes right after an hour code or right before a seconds code."""
    codes = [(j, t) for j, (k, t) in enumerate(tokens) if k == "code"]
    position = [j for j, _ in codes].index(i)
    before = codes[position - 1][1] if position > 0 else ""
    after = codes[position + 1][1] if position + 1 < len(codes) else ""
    return before.startswith("h") or after.startswith("s")


def _date_code(value: dt.date | dt.time, code: str, tokens: list[tuple[str, str]], i: int, twelve_hour: bool) -> str:
    year = getattr(value, "year", 1900)
    month = getattr(value, "month", 1)
    day = getattr(value, "day", 0)
    hour = getattr(value, "hour", 0)
    minute = getattr(value, "minute", 0)
    second = getattr(value, "second", 0)
    if code in ("m", "mm") and _is_minute(tokens, i):
        return f"{minute:02d}" if code == "mm" else str(minute)
    if code.startswith("."):
        micro = getattr(value, "microsecond", 0)
        return "." + f"{micro:06d}"[:len(code) - 1]
    if code in ("h", "hh"):
        shown = (hour % 12 or 12) if twelve_hour else hour
        return f"{shown:02d}" if code == "hh" else str(shown)
    weekday = value.weekday() if isinstance(value, dt.date) else 0
    table = {
        "yyyy": f"{year:04d}", "yy": f"{year % 100:02d}",
        "mmmmm": _MONTHS[month - 1][0], "mmmm": _MONTHS[month - 1], "mmm": _MONTHS[month - 1][:3],
        "mm": f"{month:02d}", "m": str(month),
        "dddd": _DAYS[weekday], "ddd": _DAYS[weekday][:3], "dd": f"{day:02d}", "d": str(day),
        "ss": f"{second:02d}", "s": str(second),
    }
    return table[code]
