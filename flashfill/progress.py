"""A one-line progress bar on stderr that only appears when a run takes a while.

It stays silent for the first second of the run (short runs print nothing) and when stderr is
not a terminal (CI logs stay clean) unless forced on.  Callers may call ``update``
on every row: the clock is read only every ``check_every`` calls.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Progress of one phase: ``update(done)`` as work advances, ``close()`` at the end."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, enabled: bool | None = None,
                 delay: float = 1.0, clock: Callable[[], float] = time.monotonic, width: int = 30,
                 since: float | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.label, self.total, self.delay, self.clock, self.width = label, max(total, 1), delay, clock, width
        self.started = clock() if since is None else since
        self.shown = False
        self._last_draw = 0.0

    def update(self, done: int) -> None:
        """Record progress; draws at most ten times a second once ``delay`` has passed."""
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < self.delay or now - self._last_draw < 0.1:
            return
        self._last_draw = now
        self.shown = True
        fraction = min(done / self.total, 1.0)
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%} {now - self.started:5.1f} s")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line if one was drawn."""
        if self.shown:
            self.stream.write("\r" + " " * (len(self.label) + self.width + 22) + "\r")
            self.stream.flush()
            self.shown = False


class NoProgress(Progress):
    """A progress object that never draws (for library callers and tests)."""

    def __init__(self, label: str = "", total: int = 1) -> None:
        super().__init__(label, total, enabled=False)
