"""``learn``: from examples (and unlabeled rows) to the best-ranked Program."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import LearnError
from ..language.conditionals import Guard, Switch
from ..language.expressions import Concatenate
from ..language.program import Program, as_row
from .context import Deadline, Masks, OutOfTime, column_tokens, sample_rows
from .guards import learn_guard, predicates
from .partitions import Group, partition
from .traces import ColumnData, Example, TraceLearner

DEFAULT_TIMEOUT = 2.0
RowLike = str | Sequence[str]


def normalize_examples(examples: Iterable[tuple[RowLike, str]]) -> list[Example]:
    """Examples as rows of str with str outputs; duplicates dropped; contradictions refused."""
    seen: dict[tuple[str, ...], tuple[int, str]] = {}
    out: list[Example] = []
    for index, pair in enumerate(examples):
        try:
            row, output = pair
        except (TypeError, ValueError):
            raise TypeError(f"example {index + 1} is not a (row, output) pair: {pair!r:.80}") from None
        if not isinstance(output, str):
            raise TypeError(f"the output of example {index + 1} is {type(output).__name__}, not str")
        values = as_row(row)
        if values in seen:
            first, earlier = seen[values]
            if earlier != output:
                raise LearnError(
                    f"examples {first + 1} and {index + 1} have the same input {_show(values)} "
                    f"but different outputs {earlier!r} and {output!r}",
                    (first, index),
                )
            continue
        seen[values] = (index, output)
        out.append(Example(values, output))
    if not out:
        raise LearnError("no examples given")
    return out


def _show(row: tuple[str, ...]) -> str:
    return repr(row[0]) if len(row) == 1 else repr(row)


def learn(
    examples: Iterable[tuple[RowLike, str]],
    inputs: Iterable[RowLike] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Program:
    """Learn the best-ranked program that reproduces every example.

    ``inputs`` are unlabeled rows (typically the whole input column): the ranker
    prefers programs defined on them. Raises ``LearnError`` when no program fits,
    or when the time budget runs out first.

    >>> p = learn([("John Smith", "Smith, J.")], inputs=["Jane Doe", "Alan Turing"])
    >>> p("Jane Doe"), p("Alan Turing")
    ('Doe, J.', 'Turing, A.')
    """
    deadline = Deadline(timeout)
    exs = normalize_examples(examples)
    width = len(exs[0].row)
    for i, ex in enumerate(exs):
        if len(ex.row) != width:
            raise LearnError(f"example {i + 1} has {len(ex.row)} columns, example 1 has {width}", (0, i))
    unlabeled = [as_row(r) for r in inputs] if inputs is not None else []
    for i, row in enumerate(unlabeled):
        if len(row) != width:
            raise ValueError(f"input row {i + 1} has {len(row)} columns, the examples have {width}")
    sample = sample_rows(unlabeled) if unlabeled else []
    columns = _column_data(exs, sample, width)
    try:
        switch = synthesize(exs, columns, sample, deadline)
    except OutOfTime:
        raise LearnError(
            f"no program found within the time budget of {timeout:g} s for {len(exs)} examples; "
            "try fewer or shorter examples"
        ) from None
    return Program(switch, width)


def synthesize(exs: list[Example], columns: list[ColumnData], sample: list[tuple[str, ...]], deadline: Deadline) -> Switch:
    """One trace for all examples if there is one, else guarded branches."""
    traces: dict[Group, tuple[float, Concatenate] | None] = {}

    def trace_of(group: Group) -> tuple[float, Concatenate] | None:
        if group not in traces:
            traces[group] = TraceLearner([exs[i] for i in sorted(group)], columns, deadline).learn()
        return traces[group]

    everyone = frozenset(range(len(exs)))
    whole = trace_of(everyone)
    if whole is not None:
        return Switch(((Guard(), whole[1]),))
    groups = sorted(partition(len(exs), trace_of), key=lambda g: (-len(g[0]), min(g[0])))
    preds = predicates(exs, sample, columns)
    cases = []
    for group, _, trace in groups:
        positives = sum(1 << i for i in group)
        negatives = ((1 << len(exs)) - 1) & ~positives
        defined = _defined_on(trace, sample)
        guard = learn_guard(positives, negatives, preds, defined, len(sample))
        if guard is None:
            raise LearnError(
                "no single program produces all the examples, and no condition tells apart "
                + "; ".join(f"{_show(exs[i].row)} -> {exs[i].output!r}" for i in sorted(group)[:3])
                + " from the other examples",
                tuple(sorted(group)),
            )
        cases.append((guard, trace))
    return Switch(tuple(cases))


def _defined_on(trace: Concatenate, sample: list[tuple[str, ...]]) -> int:
    run = trace.evaluator()
    bits = 0
    for i, row in enumerate(sample):
        if run(row, 0) is not None:
            bits |= 1 << i
    return bits


def _column_data(exs: list[Example], sample: list[tuple[str, ...]], width: int) -> list[ColumnData]:
    data = []
    for col in range(width):
        strings = list(dict.fromkeys([ex.row[col] for ex in exs] + [row[col] for row in sample]))
        tokens = column_tokens(strings)
        sample_masks: list[Masks] = [tokens.masks(row[col]) for row in sample]
        data.append(ColumnData(tokens, sample_masks))
    return data
