"""The errors the public API raises."""

from __future__ import annotations


class LearnError(ValueError):
    """No program fits the examples, or the examples contradict each other.

    ``example_indexes`` names the examples (0-based, in the order given) that
    caused the failure, so a caller can point at the cells the user typed.
    """

    def __init__(self, message: str, example_indexes: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.example_indexes = tuple(example_indexes)


class ExportError(ValueError):
    """A program (or one step of it) has no exact translation to the requested target:
    the message names the step and why, so no approximate formula or code is ever given."""
