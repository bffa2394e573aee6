"""Where the add-in gets its learner from: the ``flashfill`` package.

Imported on first use, so the add-in module itself loads (and its pure parts
can be tested) without it.
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
