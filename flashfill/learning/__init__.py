"""The learner: from input/output examples to the best-ranked program (DESIGN.md §4)."""

from .learner import DEFAULT_TIMEOUT, learn

__all__ = ["DEFAULT_TIMEOUT", "learn"]
