"""A bounded, deterministic sample spread evenly over a stream of unknown length.

Learning sees the examples and a sample of the other rows.  Keeping every ``step``-th
item and doubling ``step`` whenever the buffer is full costs one counter check per
row, needs no random numbers, and always holds items spread over the whole stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SpreadSample(Generic[T]):
    """At most ``capacity`` items taken at a regular stride from everything added.

    >>> s = SpreadSample(4)
    >>> for i in range(100): s.add(i)
    >>> s.items
    [0, 32, 64, 96]
    """

    __slots__ = ("capacity", "items", "seen", "_step")

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.items: list[T] = []
        self.seen = 0
        self._step = 1

    def add(self, item: T) -> None:
        """Offer one item; it is kept if it falls on the current stride."""
        if self.seen % self._step == 0:
            self.items.append(item)
            if len(self.items) > self.capacity:
                self.items = self.items[::2]
                self._step *= 2
        self.seen += 1

    def add_many(self, items: Sequence[T]) -> None:
        """Offer many items at once; the same items are kept as by repeated ``add``, faster.

        >>> a, b = SpreadSample(5), SpreadSample(5)
        >>> for i in range(77): a.add(i)
        >>> b.add_many(list(range(30))); b.add_many(list(range(30, 77)))
        >>> a.items == b.items
        True
        """
        start = self.seen
        index = (-start) % self._step
        while index < len(items):
            self.items.append(items[index])
            if len(self.items) > self.capacity:
                self.items = self.items[::2]
                self._step *= 2
            position = start + index
            index = (position // self._step + 1) * self._step - start
        self.seen = start + len(items)
