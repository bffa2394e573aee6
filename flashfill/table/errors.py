"""Errors of table I/O and of the fill pipeline, each carrying its exit code.

The CLI turns these into one clear message on stderr and the process exit code:
2 for bad usage or a bad file, 1 when nothing could be learned.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_LEARNED = 1
EXIT_BAD_INPUT = 2


class TableError(Exception):
    """A file, sheet, column or option the pipeline cannot work with (exit code 2)."""

    exit_code = EXIT_BAD_INPUT


class NotLearnedError(TableError):
    """No program could be learned from the typed cells (exit code 1)."""

    exit_code = EXIT_NOT_LEARNED
