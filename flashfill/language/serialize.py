"""Plain-data (JSON-ready) form of the syntax tree, and back.

Every node becomes a dict with a ``"node"`` field; reading rejects anything it
does not know, with a message that says where.
"""

from __future__ import annotations

from typing import Any

from .conditionals import Guard, Match, Switch
from .expressions import Atom, Concatenate, ConstStr, Loop, SubStr
from .positions import ColumnPos, CPos, Pos, Position, Shift, TokenSeq
from .tokens import Token
from .values.atoms import FormatDate, FormatNumber
from .values.kinds import HasValue
from .values.number_format import NumberFormat


def token_to_data(t: Token) -> Any:
    return [t.kind, t.value] if t.value else [t.kind]


def token_from_data(d: Any) -> Token:
    if not isinstance(d, list) or not 1 <= len(d) <= 2:
        raise ValueError(f"bad token {d!r}")
    return Token(*d)


def seq_to_data(s: TokenSeq) -> list:
    return [token_to_data(t) for t in s.tokens]


def seq_from_data(d: Any) -> TokenSeq:
    if not isinstance(d, list):
        raise ValueError(f"bad token sequence {d!r}")
    return TokenSeq(tuple(token_from_data(x) for x in d))


def position_to_data(p: Position) -> dict:
    if isinstance(p, CPos):
        return {"node": "CPos", "k": p.k}
    if isinstance(p, Shift):
        return {"node": "Shift", "base": position_to_data(p.base), "k": p.k}
    if isinstance(p, ColumnPos):
        return {"node": "ColumnPos", "column": p.column, "end": p.end, "count": p.count}
    data = {"node": "Pos", "left": seq_to_data(p.left), "right": seq_to_data(p.right), "count": p.count}
    if p.step:
        data["step"] = p.step
    return data


def position_from_data(d: dict) -> Position:
    kind = _kind(d)
    if kind == "CPos":
        return CPos(int(d["k"]))
    if kind == "Pos":
        return Pos(seq_from_data(d["left"]), seq_from_data(d["right"]), int(d["count"]), int(d.get("step", 0)))
    if kind == "Shift":
        return Shift(position_from_data(d["base"]), int(d["k"]))
    if kind == "ColumnPos":
        return ColumnPos(int(d["column"]), bool(d["end"]), int(d["count"]))
    raise ValueError(f"expected a position, got {kind!r}")


def atom_to_data(a: Atom) -> dict:
    if isinstance(a, ConstStr):
        return {"node": "ConstStr", "text": a.text}
    if isinstance(a, SubStr):
        data = {"node": "SubStr", "column": a.column, "start": position_to_data(a.start), "end": position_to_data(a.end)}
        if a.case:
            data["case"] = a.case
        if a.pad:
            data["pad"] = a.pad
        return data
    if isinstance(a, FormatDate):
        data = {"node": "FormatDate", "source": atom_to_data(a.source), "pattern": list(a.pattern), "order": a.order}
        if a.unit:
            data.update(unit=a.unit, step=a.step, mode=a.mode)
        if a.shift:
            data["shift"] = a.shift
        return data
    if isinstance(a, FormatNumber):
        f = a.format
        data = {
            "node": "FormatNumber", "source": atom_to_data(a.source), "point": a.point, "scale": a.scale,
            "step": a.step, "mode": a.mode, "decimals": f.decimals, "group": f.group, "out_point": f.point,
            "significant": f.significant, "exponent": f.exponent, "negative": f.negative, "factor": a.factor,
        }
        if a.divisor:
            data["divisor"] = a.divisor
        return data
    return {"node": "Loop", "body": trace_to_data(a.body)}


def atom_from_data(d: dict) -> Atom:
    kind = _kind(d)
    if kind == "ConstStr":
        return ConstStr(str(d["text"]))
    if kind == "SubStr":
        return SubStr(
            int(d["column"]), position_from_data(d["start"]), position_from_data(d["end"]),
            d.get("case", ""), int(d.get("pad", 0)),
        )
    if kind == "Loop":
        return Loop(trace_from_data(d["body"]))
    if kind == "FormatDate":
        pattern = tuple(str(p) for p in d["pattern"])
        return FormatDate(
            _source(d), pattern, str(d["order"]), str(d.get("unit", "")), int(d.get("step", 1)), str(d.get("mode", "down")),
            int(d.get("shift", 0)),
        )
    if kind == "FormatNumber":
        number_format = NumberFormat(
            int(d["decimals"]), str(d["group"]), str(d["out_point"]), int(d.get("significant", 0)), str(d.get("exponent", "")),
            str(d.get("negative", "-")),
        )
        return FormatNumber(
            _source(d), number_format, str(d["point"]), int(d["scale"]), str(d["step"]), str(d["mode"]),
            str(d.get("factor", "")), str(d.get("divisor", "")),
        )
    raise ValueError(f"expected an atom, got {kind!r}")


def _source(d: dict) -> SubStr:
    """The SubStr a value atom reads its value from."""
    source = atom_from_data(d["source"])
    if not isinstance(source, SubStr):
        raise ValueError(f"a value is read from a SubStr, not from {d['source']!r:.80}")
    return source


def trace_to_data(e: Concatenate) -> dict:
    return {"node": "Concatenate", "atoms": [atom_to_data(a) for a in e.atoms]}


def trace_from_data(d: dict) -> Concatenate:
    if _kind(d) != "Concatenate":
        raise ValueError(f"expected Concatenate, got {_kind(d)!r}")
    return Concatenate(tuple(atom_from_data(a) for a in d["atoms"]))


def match_to_data(m: Match | HasValue) -> dict:
    if isinstance(m, HasValue):
        return {"node": "HasValue", "column": m.column, "kind": m.kind, "negated": m.negated}
    return {"node": "Match", "column": m.column, "tokens": seq_to_data(m.tokens), "count": m.count, "negated": m.negated}


def match_from_data(d: dict) -> Match | HasValue:
    if _kind(d) == "HasValue":
        return HasValue(int(d["column"]), str(d["kind"]), bool(d["negated"]))
    if _kind(d) != "Match":
        raise ValueError(f"expected Match, got {_kind(d)!r}")
    return Match(int(d["column"]), seq_from_data(d["tokens"]), int(d["count"]), bool(d["negated"]))


def switch_to_data(s: Switch) -> dict:
    return {
        "node": "Switch",
        "cases": [
            {"guard": [[match_to_data(m) for m in conj] for conj in g.disjuncts], "trace": trace_to_data(e)}
            for g, e in s.cases
        ],
    }


def switch_from_data(d: dict) -> Switch:
    if _kind(d) != "Switch":
        raise ValueError(f"expected Switch, got {_kind(d)!r}")
    cases = []
    for case in d["cases"]:
        guard = Guard(tuple(tuple(match_from_data(m) for m in conj) for conj in case["guard"]))
        cases.append((guard, trace_from_data(case["trace"])))
    if not cases:
        raise ValueError("a Switch needs at least one case")
    return Switch(tuple(cases))


def _kind(d: Any) -> str:
    if not isinstance(d, dict) or "node" not in d:
        raise ValueError(f"expected a node object, got {d!r:.80}")
    return d["node"]
