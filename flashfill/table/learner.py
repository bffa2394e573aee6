"""The bridge to the learning engine: examples and sampled rows in, programs out.

The pipeline takes any ``Learner`` (a callable) so it can be tested on its own; the
default one drives ``flashfill.Session``.  A learner returns the best program and,
when the engine can tell, the runner-up programs that behave differently on the
sampled rows: a row where they disagree with the best one is *unsure*.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

Inputs = tuple[str, ...]
Example = tuple[Inputs, str]


class Program(Protocol):
    """What the pipeline needs of a learned program."""

    def __call__(self, row: Sequence[str]) -> str | None: ...

    def explain(self) -> str: ...


@dataclass
class Learned:
    """The best program, what flags unsure rows, and the typed examples that look like
    typos: (example index, typed output, expected output).

    ``judge`` (``Session.judge()``: ``judged(rows) -> (values, unsure)``) decides which
    filled rows are unsure when the engine has one; otherwise a row is unsure when one of
    the ``alternatives`` gives another value.
    """

    program: Any
    alternatives: list[Any] = field(default_factory=list)
    suspicious: list[tuple[int, str, str | None]] = field(default_factory=list)
    judge: Any = None


Learner = Callable[[list[Example], list[Inputs]], Learned]

def session_learner(examples: list[Example], inputs: list[Inputs]) -> Learned:
    """Learn with ``flashfill.Session``: the best program and the session's judge, which
    the fill asks, chunk by chunk, which rows of the whole file are unsure (the same
    judge as ``Session.unsure_rows()``, so the file, the add-in and the benchmark flag
    the same rows).  Raises ``flashfill.LearnError`` when nothing fits the examples.
    """
    import flashfill

    session = flashfill.Session()
    for row, output in examples:
        session.add_example(row, output)
    session.add_inputs(inputs)
    best = session.learn()
    suspicious = [(x.index, x.given, x.expected) for x in session.suspicious_examples()]
    return Learned(best, [], suspicious, judge=session.judge())


def load_program(text: str) -> Any:
    """A program from its JSON text (``Program.to_json()``)."""
    import flashfill

    return flashfill.Program.from_json(text)


def learn_error_type() -> type[Exception]:
    """The engine's error class for failed learning (ValueError until the engine is present)."""
    try:
        import flashfill

        return flashfill.LearnError
    except (ImportError, AttributeError):
        return ValueError
