"""Small helpers that turn numbers and names into words for ``explain()``."""

from __future__ import annotations


def ordinal(count: int) -> str:
    """'first', '2nd', 'last', 'second-to-last', '3rd from the end'.

    >>> [ordinal(c) for c in (1, 2, 3, 11, 22, -1, -2, -4)]
    ['first', '2nd', '3rd', '11th', '22nd', 'last', 'second-to-last', '4th from the end']
    """
    if count == 1:
        return "first"
    if count == -1:
        return "last"
    if count == -2:
        return "second-to-last"
    n = abs(count)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}" if count > 0 else f"{n}{suffix} from the end"


def loop_ordinal(step: int, offset: int) -> str:
    """The occurrence ``step·w + offset`` inside a loop, in words.

    >>> loop_ordinal(1, 0), loop_ordinal(1, 1), loop_ordinal(-1, 0), loop_ordinal(2, -1)
    ('each', 'each next', 'each (from the end)', 'every 2nd')
    """
    if step == 1:
        return "each" if offset == 0 else "each next" if offset == 1 else f"each (shifted by {offset})"
    if step == -1:
        return "each (from the end)" if offset == 0 else f"each (from the end, shifted by {offset})"
    return f"every {ordinal(abs(step))}" if step > 0 else f"every {ordinal(abs(step))} from the end"


def column_name(index: int, names: tuple[str, ...] | None) -> str:
    """'column 1', or the column's header when the caller knows it."""
    if names and index < len(names) and names[index]:
        return repr(names[index])
    return f"column {index + 1}"


def quote(text: str) -> str:
    """Text as the user would type it, in double quotes, control characters escaped.

    >>> quote(', ')
    '", "'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
