"""The one lowering: a learned program to the intermediate form (`ir`).

Positions become index computations: a constant index, a text search (``FIND``), or
the end of an anchored regex match. A token position "where r1 ends and r2 starts"
is found by matching r1's tokens (consumed) followed by a look-ahead for r2's, at
every starting place in turn: r1's run ends only grow with their start (runs of one
token never overlap), so the c-th place that matches gives the c-th position, and no
target needs the unbounded look-behind the language's own patterns use.
"""

from __future__ import annotations

from flashfill.language.conditionals import Guard, Match, Switch
from flashfill.language.expressions import Atom, Concatenate, ConstStr, Loop, SubStr
from flashfill.language.positions import ColumnPos, CPos, Pos, Position, Shift
from flashfill.language.tokens import Token
from flashfill.language.values import FormatDate, FormatNumber
from flashfill.language.values.kinds import HasValue

from . import ir
from .patterns import CAPITAL, END, LOWER, START, TOKEN_CLASSES, CharClass, Pattern, Text

#: Occurrences up to this count become nested text searches; later ones a regex.
MAX_NESTED_FIND = 3


def lower(switch: Switch) -> ir.Text:
    """The program's switch as one text node (a `Choice` when it has guards).

    >>> from flashfill.language import Token, TokenSeq
    >>> first_number = SubStr(0, Pos(TokenSeq(), TokenSeq((Token("class", "digits"),)), 1),
    ...                       Pos(TokenSeq((Token("class", "digits"),)), TokenSeq(), 1))
    >>> lower(Switch(((Guard(), Concatenate((first_number,))),)))
    FirstMatch(column=0, pattern=(CharClass(name='DIGIT', categories=('Nd',), negated=False), '+'))
    """
    if len(switch.cases) == 1 and not switch.cases[0][0].disjuncts:
        return lower_trace(switch.cases[0][1])
    return ir.Choice(tuple((_guard(g) if g.disjuncts else None, lower_trace(e)) for g, e in switch.cases))


def lower_trace(trace: Concatenate) -> ir.Text:
    parts = tuple(map(_atom, trace.atoms))
    return parts[0] if len(parts) == 1 else ir.Concat(parts)


def _atom(atom: Atom) -> ir.Text:
    if isinstance(atom, ConstStr):
        return ir.Literal(atom.text)
    if isinstance(atom, Loop):
        return ir.Repeat(ir.Concat(tuple(map(_atom, atom.body.atoms))))
    if isinstance(atom, FormatNumber):
        return ir.WriteNumber(_number(atom), atom.format)
    if isinstance(atom, FormatDate):
        return ir.WriteMoment(_moment(atom), atom.pattern)
    assert isinstance(atom, SubStr), atom
    return _finish(_copy(atom), atom)


def _number(atom: FormatNumber) -> ir.Number:
    """The number an atom writes: read, scaled, rounded (in the order ``FormatNumber.transform`` takes)."""
    value: ir.Number = ir.ReadNumber(_finish(_copy(atom.source), atom.source), atom.point)
    if atom.factor or atom.divisor or atom.scale:
        value = ir.Scale(value, atom.factor, atom.scale, atom.divisor, atom.exact_quotient)
    if atom.step:
        value = ir.RoundNumber(value, atom.step, atom.mode)
    return value


def _moment(atom: FormatDate) -> ir.Moment:
    """The moment an atom writes: read, shifted, rounded (as ``FormatDate.evaluator`` does)."""
    moment: ir.Moment = ir.ReadMoment(_finish(_copy(atom.source), atom.source), atom.order)
    if atom.shift:
        moment = ir.ShiftMoment(moment, atom.shift)
    if atom.unit:
        moment = ir.RoundMoment(moment, atom.unit, atom.step, atom.mode)
    return moment


def _copy(sub: SubStr) -> ir.Text:
    col = sub.column
    run = sub.whole_run()
    if run is not None:
        return ir.FirstMatch(col, _whole_run(*run))
    if sub.start == CPos(0) and sub.end == CPos(-1):
        return ir.Whole(col)
    return ir.Slice(col, lower_position(col, sub.start), lower_position(col, sub.end))


def _finish(text: ir.Text, sub: SubStr) -> ir.Text:
    if sub.case:
        text = ir.Cased(text, sub.case)
    if sub.pad:
        text = ir.Padded(text, sub.pad)
    return text


def lower_position(col: int, p: Position) -> ir.Position:
    """One position of column ``col`` as an index computation."""
    if isinstance(p, CPos):
        return ir.Fixed(col, p.k) if p.k >= 0 else ir.FromEnd(col, -1 - p.k)
    if isinstance(p, Shift):
        return ir.Plus(col, lower_position(col, p.base), p.k)
    if isinstance(p, ColumnPos):
        return ir.ColumnAt(col, p.column, p.end, last=p.count == -1)
    return _token_position(col, p)


def _token_position(col: int, p: Pos) -> ir.Position:
    left, right = p.left.tokens, p.right.tokens
    if not p.step and 1 <= p.count <= MAX_NESTED_FIND:
        if not left and len(right) == 1 and right[0].kind in ("char", "literal"):
            return ir.Found(col, right[0].value, p.count, after=False)
        if not right and len(left) == 1 and left[0].kind in ("char", "literal"):
            return ir.Found(col, left[0].value, p.count, after=True)
    return ir.Occurrence(col, _place(p), p.count, p.step)


def _place(p: Pos) -> Pattern:
    """The pattern matching the left tokens and looking ahead at the right ones."""
    left, right = p.left.tokens, p.right.tokens
    plain = not p.step and p.count in (1, -1)
    if plain and not right and len(left) == 1 and _plain_class(left[0]):
        # The first run starts at the first character of its class and a greedy match
        # runs to its end; the last run's last character ends it: no look-arounds needed.
        c = _char_class(left[0])
        return (c, "+")
    if plain and p.count == 1 and not left and len(right) == 1 and _plain_class(right[0]):
        return ("(?=", _char_class(right[0]), ")")
    return _runs(left) + _ahead(right)


def _plain_class(t: Token) -> bool:
    return t.kind == "class" and t.value != "proper"


def _char_class(t: Token) -> CharClass:
    return TOKEN_CLASSES[t.value]


def _run(t: Token) -> Pattern:
    """One whole run of a token, consumed (as ``Token.run``)."""
    if t.kind == "class":
        if t.value == "proper":
            return (CAPITAL, LOWER, "+(?!", LOWER, ")")
        c = _char_class(t)
        return ("(?<!", c, ")", c, "+(?!", c, ")")
    if t.kind in ("char", "literal"):
        return (Text(t.value),)
    return (END,) if t.kind == "end" else (START,)


def _runs(tokens: tuple[Token, ...]) -> Pattern:
    return tuple(piece for t in tokens for piece in _run(t))


def _ahead(tokens: tuple[Token, ...]) -> Pattern:
    """A zero-width check that ``tokens`` start here (as ``TokenSeq.prefix_pattern``)."""
    if not tokens:
        return ()
    if len(tokens) > 1:
        return ("(?=",) + _runs(tokens) + (")",)
    t = tokens[0]
    if t.kind == "class":
        if t.value == "proper":
            return ("(?=", CAPITAL, LOWER, ")")
        c = _char_class(t)
        return ("(?<!", c, ")(?=", c, ")")
    if t.kind in ("char", "literal"):
        return ("(?=", Text(t.value), ")")
    return (END,) if t.kind == "end" else (START,)


def _whole_run(token: Token, count: int) -> Pattern:
    """The pattern whose first match is the first (count 1) or last (-1) whole run."""
    if token.kind == "class" and token.value != "proper":
        one: Pattern = (_char_class(token), "+")
        return one if count == 1 else one + ("(?!(?s:.*)", _char_class(token), ")")
    one = _run(token)
    return one if count == 1 else one + ("(?!(?s:.*)",) + one + (")",)


def _guard(guard: Guard) -> ir.Test:
    alternatives = tuple(_all(conj) for conj in guard.disjuncts)
    return alternatives[0] if len(alternatives) == 1 else ir.AnyOf(alternatives)


def _all(conj: tuple[Match, ...]) -> ir.Test:
    tests = tuple(_match(m) for m in conj)
    return tests[0] if len(tests) == 1 else ir.All(tests)


def _match(m: Match | HasValue) -> ir.Test:
    if isinstance(m, HasValue):
        kind = ir.HasValue(m.column, m.kind)
        return ir.Not(kind) if m.negated else kind
    tokens = m.tokens.tokens
    test: ir.Test
    if len(tokens) == 1 and tokens[0].kind in ("char", "literal"):
        test = ir.HasText(m.column, tokens[0].value, m.count)
    elif m.count == 1 and len(tokens) == 1 and tokens[0].kind == "class":
        # A run exists where one of its characters does (a capitalised word: a capital
        # followed by a lowercase letter or mark).
        one = (CAPITAL, LOWER) if tokens[0].value == "proper" else (_char_class(tokens[0]),)
        test = ir.HasMatches(m.column, one, 1)
    else:
        test = ir.HasMatches(m.column, _runs(tokens), m.count)
    return ir.Not(test) if m.negated else test

