"""Where the spreadsheet front ends get their learner from: the ``flashfill`` package.

Imported on first use, so importing the sheet rules does not load the learner;
tests pass stand-ins instead.
"""

from __future__ import annotations

from typing import Any


def default_learner() -> Any:
    """``flashfill.learn``."""
    import flashfill

    return flashfill.learn


def default_session() -> Any:
    """A new ``flashfill.Session``."""
    import flashfill

    return flashfill.Session()
