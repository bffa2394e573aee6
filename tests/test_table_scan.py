"""The first pass: column statistics and collected rows equal a plain row-by-row count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashfill.table.sample import SpreadSample
from flashfill.table.scan import scan

rows = st.lists(st.lists(st.sampled_from(["", "", "x", "yy"]), max_size=4), max_size=40)


def naive(headers, chunks, caps):
    """Row by row: empty rows are skipped, rows padded to the longest of their chunk, and
    each cell counted for its column."""
    width = len(headers)
    counts, samples = {}, {}
    for first, chunk in chunks:
        kept = [(n, r) for n, r in enumerate(chunk, first) if any(r)]
        longest = max((len(r) for _, r in kept), default=0)
        width = max(width, longest)
        for n, r in kept:
            r = list(r) + [""] * (longest - len(r))
            for c, cell in enumerate(r):
                typed, blank = counts.get(c, (0, 0))
                counts[c] = (typed + 1, blank) if cell else (typed, blank + 1)
                examples, blanks = samples.setdefault(c, (SpreadSample(caps[0]), SpreadSample(caps[1])))
                (examples if cell else blanks).add((n, r))
    return width, counts, samples


@settings(max_examples=300, deadline=None)
@given(rows, st.integers(1, 7), st.integers(0, 3))
def test_scan_counts_like_a_row_by_row_pass(all_rows, size, header_width):
    headers = [f"h{i}" for i in range(header_width)]
    chunks = [(2 + i, all_rows[i:i + size]) for i in range(0, len(all_rows), size)]
    found = scan(headers, chunks)
    caps = (found.collected[0].examples.capacity, found.collected[0].blanks.capacity) if found.collected else (1, 1)
    width, counts, samples = naive(headers, chunks, caps)
    assert len(found.stats) == width and found.rows == len(all_rows)
    for c in range(width):
        typed, blank = counts.get(c, (0, 0))
        assert (found.stats[c].typed, found.stats[c].blank, found.stats[c].filled_anything) == (typed, blank, typed > 0)
        examples, blanks = samples.get(c, (SpreadSample(1), SpreadSample(1)))
        assert [(n, list(r)) for n, r in found.collected[c].examples.items] == examples.items
        assert [(n, list(r)) for n, r in found.collected[c].blanks.items] == blanks.items
