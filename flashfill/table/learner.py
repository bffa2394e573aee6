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
    """The best program, the alternatives used to flag unsure rows, and the typed
    examples that look like typos: (example index, typed output, expected output)."""

    program: Any
    alternatives: list[Any] = field(default_factory=list)
    suspicious: list[tuple[int, str, str | None]] = field(default_factory=list)


Learner = Callable[[list[Example], list[Inputs]], Learned]

TOP_PROGRAMS = 5


def session_learner(examples: list[Example], inputs: list[Inputs]) -> Learned:
    """Learn with ``flashfill.Session``: the best program and the plausible runners-up
    (``flashfill.learn`` alone, without alternatives, when the engine has no session).

    The session's ``unsure_rows()`` says which sampled rows may be filled wrong.  A
    runner-up from ``learn_top`` counts as plausible when it agrees with the best
    program on every other sampled row; the fill then runs the
    plausible ones on every row of the file, so rows outside the sample are flagged
    the same way.  Raises ``flashfill.LearnError`` when nothing fits the examples.
    """
    import flashfill

    if not hasattr(flashfill, "Session"):
        return Learned(flashfill.learn(examples, inputs=inputs))
    session = flashfill.Session()
    for row, output in examples:
        session.add_example(row, output)
    session.add_inputs(inputs)
    programs = list(session.learn_top(TOP_PROGRAMS)) or [session.learn()]
    suspicious = [(x.index, x.given, x.expected) for x in getattr(session, "suspicious_examples", list)()]
    best = programs[0]
    unsure = {u.index for u in session.unsure_rows()} if len(programs) > 1 else set()
    if not unsure:
        return Learned(best, [], suspicious)
    calm = [row for i, row in enumerate(inputs) if i not in unsure]
    expected = [best(row) for row in calm]
    plausible = [p for p in programs[1:] if [p(row) for row in calm] == expected]
    return Learned(best, plausible, suspicious)


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
