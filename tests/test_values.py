"""Dates, times and numbers as values: the atoms' semantics, words, JSON and compiled
path, and the learner finding them from one example."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flashfill
from flashfill.language import (
    Concatenate, ConstStr, CPos, FormatDate, FormatNumber, Guard, NumberFormat, Pos, SubStr, Switch, Token, TokenSeq,
)
from flashfill.language.program import Program
from flashfill.language.values import find_moments, find_numbers, parse_moment, parse_number
from flashfill.language.values.date_patterns import render, valid_pattern
from flashfill.language.values.moments import Moment

WHOLE = SubStr(0, CPos(0), CPos(-1))


def _program(*atoms) -> Program:
    return Program(Switch(((Guard(), Concatenate(tuple(atoms))),)), 1)


def _learn(examples, inputs):
    return flashfill.learn(examples, inputs=inputs, timeout=None)


# ----- the language ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Mar 7, 2021", (2021, 3, 7, None)),
    ("Sunday, 7th of March 2021", (2021, 3, 7, None)),
    ("07-Mar-21", (2021, 3, 7, None)),
    ("2021/03/07", (2021, 3, 7, None)),
    ("20210307", (2021, 3, 7, None)),
    ("2041-11-23T01:17:33Z", (2041, 11, 23, 1)),
    ("7:05 PM", (None, None, None, 19)),
    ("12:30 am", (None, None, None, 0)),
    ("9:41 PM, Aug 17, 2015", (2015, 8, 17, 21)),
])
def test_dates_and_times_parse_from_the_forms_people_type(text, expected):
    m = parse_moment(text)
    assert (m.year, m.month, m.day, m.hour) == expected


@pytest.mark.parametrize("text", ["", "hello", "13/13/2021", "2021-02-30", "25:00", "Foo 7, 2021", "März 7, 2021", "7:05 QM"])
def test_texts_that_are_no_date_give_none(text):
    assert parse_moment(text) is None


def test_day_first_and_month_first_read_the_same_text_differently():
    assert parse_moment("03/07/2021", "mdy").month == 3
    assert parse_moment("03/07/2021", "dmy").month == 7
    assert parse_moment("25/12/2021", "mdy") is None


@pytest.mark.parametrize("text, point, expected", [
    ("$1,234.50", ".", "1234.50"), ("(1,234.50)", ".", "-1234.50"), ("-12", ".", "-12"), ("12.5%", ".", "12.5"),
    ("1.234,5", ",", "1234.5"), ("€ 3", ".", "3"), ("1e3", ".", "1E+3"),
])
def test_numbers_parse_with_signs_currency_and_separators(text, point, expected):
    assert parse_number(text, point) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "(12", "--3", "1.2.3", "12 apples"])
def test_texts_that_are_no_number_give_none(text):
    assert parse_number(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_text_parses_or_gives_none_never_an_exception(text):
    """Unicode month-like words, digits of other scripts, anything: a value or None."""
    for order in ("mdy", "dmy"):
        assert parse_moment(text, order) is None or isinstance(parse_moment(text, order), Moment)
        for a, b, _ in find_moments(text, order):
            assert 0 <= a < b <= len(text)
    for point in (".", ","):
        assert parse_number(text, point) is None or isinstance(parse_number(text, point), Decimal)
        for a, b, _ in find_numbers(text, point):
            assert 0 <= a < b <= len(text)


def test_a_date_atom_formats_gives_none_on_other_text_and_survives_json_and_map():
    program = _program(FormatDate(WHOLE, ("dddd", ", ", "MMMM", " ", "do", " ", "yyyy")), ConstStr("!"))
    rows = [("2021-03-07",), ("not a date",), ("12/25/2020",), ("",)]
    assert [program(r) for r in rows] == ["Sunday, March 7th 2021!", None, "Friday, December 25th 2020!", None]
    assert program.map(rows) == [program(r) for r in rows]
    assert Program.from_json(program.to_json()) == program
    assert program.explain() == (
        'Join:\n  1. the date in column 1, written as Sunday, March 7th 2021\n  2. the text "!"'
    )


def test_a_time_rounded_to_its_bucket_says_so():
    start = FormatDate(WHOLE, ("h", "a"), unit="hour", step=2)
    end = FormatDate(WHOLE, ("h", "a"), unit="hour", step=2, mode="next")
    program = _program(start, ConstStr(" to "), end)
    assert program("18:25:57") == "6PM to 8PM"
    assert program("23:10") == "10PM to 12AM"
    assert Program.from_json(program.to_json()) == program
    assert "the end of its 2 hours" in program.explain()


def test_a_number_atom_scales_rounds_and_formats():
    source = SubStr(0, CPos(0), Pos(TokenSeq(()), TokenSeq((Token("char", " "),)), 1))
    program = _program(FormatNumber(source, NumberFormat(2, ","), scale=-3), ConstStr(" MB"))
    rows = [("2,500 KB",), ("12 KB",), ("many KB",), ("1234567 KB",)]
    assert [program(r) for r in rows] == ["2.50 MB", "0.01 MB", None, "1,234.57 MB"]
    assert program.map(rows) == [program(r) for r in rows]
    assert Program.from_json(program.to_json()) == program
    assert "times 0.001" in program.explain()
    bucket = _program(FormatNumber(WHOLE, NumberFormat(0), step="10", mode="down"))
    assert bucket("37") == "30" and bucket("-1") == "-10"


@pytest.mark.parametrize("bad", [
    lambda: FormatDate(WHOLE, ("yyyy", "x", "MM")),
    lambda: FormatDate(WHOLE, ("-", "MM")),
    lambda: FormatDate(WHOLE, ("yyyy",), order="ymd"),
    lambda: FormatDate(WHOLE, ("yyyy",), unit="fortnight"),
    lambda: FormatNumber(WHOLE, NumberFormat(), step="-5"),
    lambda: FormatNumber(WHOLE, NumberFormat(), factor="abc"),
    lambda: FormatNumber(WHOLE, NumberFormat(), factor="NaN"),
    lambda: NumberFormat(2, ".", "."),
])
def test_malformed_value_atoms_are_refused(bad):
    with pytest.raises(ValueError):
        bad()


def test_a_damaged_saved_value_atom_is_refused():
    program = _program(FormatDate(WHOLE, ("yyyy",)))
    with pytest.raises(ValueError):
        Program.from_json(program.to_json().replace('"yyyy"', '"yyyy!"'))


# ----- learning from one example -------------------------------------------------------------
@pytest.mark.parametrize("example, rows", [
    (("Mar 7, 2021", "2021-03-07"), [("Apr 12, 2020", "2020-04-12"), ("Dec 31, 1999", "1999-12-31")]),
    (("2021-03-07", "07/03/2021"), [("2020-12-25", "25/12/2020"), ("1999-01-31", "31/01/1999")]),
    (("7:05 PM", "19:05"), [("9:30 AM", "09:30"), ("12:15 AM", "00:15"), ("11:59 PM", "23:59")]),
    (("2041-11-23T01:17:33Z", "Nov 2041"), [("2020-02-01T10:00:00Z", "Feb 2020"), ("1999-12-31T23:59:59Z", "Dec 1999")]),
    (("$1,234.50", "1234.5"), [("$99.99", "99.99"), ("$1,000,000.00", "1000000"), ("$3", "3")]),
    (("1234.5", "$1,234.50"), [("99.99", "$99.99"), ("1000000", "$1,000,000.00"), ("3", "$3.00")]),
    (("0.125", "12.5%"), [("0.5", "50%"), ("0.3333", "33.33%"), ("1", "100%")]),
    (("2,500 KB", "2.5"), [("100 KB", "0.1"), ("12,345 KB", "12.345")]),
    (("05/13/2015", "Wednesday"), [("01/21/2014", "Tuesday"), ("12/25/2020", "Friday")]),
    (("37", "30-40"), [("12", "10-20"), ("99", "90-100"), ("5", "0-10")]),
])
def test_learned_from_one_example_every_other_row_right(example, rows):
    program = _learn([example], [example[0]] + [r for r, _ in rows])
    assert [program(r) for r, _ in rows] == [out for _, out in rows]


def test_a_date_copied_as_it_is_stays_a_copy():
    program = _learn([("2021-03-07", "2021-03-07")], ["2021-03-07", "2020-12-25", "not a date"])
    assert program("not a date") == "not a date"
    assert "date" not in program.explain()


def test_a_month_typed_as_a_constant_loses_to_the_date():
    program = _learn([("Mar 7, 2021", "2021-03-07")], ["Mar 7, 2021", "Jun 1, 2020"])
    assert program("Jun 1, 2020") == "2020-06-01"
    assert "the text \"-03-\"" not in program.explain()


def test_a_time_range_is_learned_from_at_most_two_examples():
    rows = ["18:25:57", "09:10:00", "23:59:59", "00:01:00"]
    expected = ["6PM to 8PM", "8AM to 10AM", "10PM to 12AM", "12AM to 2AM"]
    program = _learn([("18:25:57", "6PM to 8PM")], rows)
    if [program(r) for r in rows] != expected:
        wrong = next(i for i, r in enumerate(rows) if program(r) != expected[i])
        program = _learn([("18:25:57", "6PM to 8PM"), (rows[wrong], expected[wrong])], rows)
    assert [program(r) for r in rows] == expected


def test_mixed_input_date_formats_are_filled_within_three_examples():
    rows = ["Mar 7, 2021", "2021/03/08", "9-3-2021", "Dec 25, 2020", "2020/01/31", "12-31-1999", "March 9th 2021"]
    expected = ["2021-03-07", "2021-03-08", "2021-09-03", "2020-12-25", "2020-01-31", "1999-12-31", "2021-03-09"]
    examples = [(rows[0], expected[0])]
    while True:
        program = _learn(examples, rows)
        wrong = [i for i, r in enumerate(rows) if program(r) != expected[i]]
        if not wrong:
            break
        examples.append((rows[wrong[0]], expected[wrong[0]]))
        assert len(examples) <= 3
    assert len(examples) <= 3


def test_the_unlabeled_rows_settle_day_first():
    """"03/04/2021" reads either way; "25/12/2021" only day first, so the column is day first."""
    rows = ["03/04/2021", "25/12/2021", "13/01/2020"]
    program = _learn([("03/04/2021", "Apr 3, 2021")], rows)
    assert program("25/12/2021") == "Dec 25, 2021"
    assert program("13/01/2020") == "Jan 13, 2020"
    assert "read day first" in program.explain()


def test_the_unlabeled_rows_settle_month_first():
    rows = ["03/04/2021", "12/25/2021", "01/13/2020"]
    program = _learn([("03/04/2021", "Mar 4, 2021")], rows)
    assert program("12/25/2021") == "Dec 25, 2021"


def test_cells_that_do_not_parse_are_unmatched_rows():
    session = flashfill.Session()
    session.add_inputs([("Mar 7, 2021",), ("soon",), ("Apr 1, 2020",), ("",), ("Foo 3, 2020",)])
    session.add_example(("Mar 7, 2021",), "2021-03-07")
    assert session.learn()(("Apr 1, 2020",)) == "2020-04-01"
    assert session.unmatched_rows() == [1, 3, 4]


# ----- property tests ------------------------------------------------------------------------------
_INPUT_PATTERNS = [
    ("yyyy", "-", "MM", "-", "dd"), ("MMM", " ", "d", ", ", "yyyy"), ("M", "/", "d", "/", "yyyy"),
    ("d", " ", "MMMM", " ", "yyyy"), ("dd", ".", "MM", ".", "yyyy"), ("yyyy", "/", "MM", "/", "dd"),
]
_PARTS = {"year": ["yyyy", "yy"], "month": ["M", "MM", "MMM", "MMMM", "MMM^"], "day": ["d", "dd", "do"], "weekday": ["ddd", "dddd"]}
_SEPARATORS = ["-", "/", " ", ", ", ".", " | "]
days = st.dates(datetime.date(1950, 1, 1), datetime.date(2049, 12, 31))


@st.composite
def output_patterns(draw):
    parts = draw(st.lists(st.sampled_from(sorted(_PARTS)), min_size=1, max_size=4, unique=True))
    fields = [draw(st.sampled_from(_PARTS[p])) for p in parts]
    pattern = [fields[0]]
    for f in fields[1:]:
        pattern += [draw(st.sampled_from(_SEPARATORS)), f]
    return tuple(pattern)


def _moment(d: datetime.date) -> Moment:
    return Moment(d.year, d.month, d.day)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_INPUT_PATTERNS), output_patterns(), st.lists(days, min_size=3, max_size=6))
def test_one_example_formats_every_other_date_the_same_way(input_pattern, output_pattern, others):
    """A date whose day, month and year tell every field apart (day and month of one
    digit, different, the year's last two digits unlike both) shows the pattern; the
    program writes every other date with it, whatever the input pattern."""
    assert valid_pattern(output_pattern)
    example = _moment(datetime.date(2037, 3, 7))
    moments = [_moment(d) for d in others] + [Moment(2020, 12, 25)]
    rows = [render(m, input_pattern) for m in [example] + moments]
    program = _learn([(rows[0], render(example, output_pattern))], rows)
    assert [program(r) for r in rows[1:]] == [render(m, output_pattern) for m in moments]


@st.composite
def numbers(draw, places):
    units = draw(st.integers(-10**7, 10**7))
    return Decimal(units).scaleb(-places)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 3), st.booleans(), st.booleans(), st.booleans(), st.lists(st.integers(0, 3), min_size=2, max_size=5), st.data())
def test_one_example_writes_every_other_number_the_same_way(decimals, grouped, dollars, minimal, row_places, data):
    """Random decimals, separators and currency: a number that shows the format (over
    a thousand, with more decimals than the format keeps, or with zeros that the
    format drops) teaches it from one example."""
    number_format = NumberFormat(-1 if minimal else decimals, "," if grouped else "")
    if minimal:
        example = Decimal("1234.5600")
        example_text = "1234.5600"
    else:
        example = Decimal("98765.6789")
        example_text = "98765.6789"
    others = [data.draw(numbers(p)) for p in row_places]
    in_format = NumberFormat(-1, data.draw(st.sampled_from(["", ","])))

    def written(value: Decimal) -> str:
        return ("$" if dollars else "") + number_format.render(value)

    rows = [example_text] + [in_format.render(v) for v in others]
    program = _learn([(example_text, written(example))], rows)
    assert [program(r) for r in rows[1:]] == [written(v) for v in others]


# ----- value kinds in guards, negative numbers ------------------------------------------------
def test_a_value_kind_guard_behaves_like_a_match_and_survives_json():
    from flashfill.language.values.kinds import HasValue
    guard = Guard(((HasValue(0, "date"),),))
    program = Program(Switch((
        (guard, Concatenate((FormatDate(WHOLE, ("yyyy",)),))),
        (Guard(), Concatenate((ConstStr("none"),))),
    )), 1)
    rows = [("Mar 7, 2021",), ("7:05 PM",), ("-3",)]
    assert [program(r) for r in rows] == ["2021", "none", "none"]
    assert program.map(rows) == ["2021", "none", "none"]
    assert Program.from_json(program.to_json()) == program
    assert program.explain().startswith("If column 1 has a date:")
    assert HasValue(0, "negative number", True).describe() == "column 1 has no negative number"


def test_rows_are_told_apart_by_the_kind_of_value_they_hold():
    """Dates are reformatted, times kept: no token says which is which as well as the value does."""
    examples = [("3/7/2021", "2021-03-07"), ("7:05", "07:05 h"), ("12/25/2020", "2020-12-25"), ("10:30", "10:30 h")]
    rows = [r for r, _ in examples] + ["1/31/1999", "23:59"]
    program = _learn(examples, rows)
    assert program("1/31/1999") == "1999-01-31"
    assert program("23:59") == "23:59 h"


def test_negative_numbers_in_parentheses_from_one_example():
    program = _learn([("-1234.5", "(1,234.50)")], ["-1234.5", "99", "-3", "1000"])
    assert [program(r) for r in ["99", "-3", "1000", "-0.5"]] == ["99.00", "(3.00)", "1,000.00", "(0.50)"]
    assert "parentheses" in program.explain()


def test_scientific_notation_and_significant_digits():
    program = _learn([("1293.3", "1.3E3")], ["1293.3", "2.431", "0.00367"])
    assert [program(r) for r in ["2.431", "0.00367", "-52"]] == ["2.4E0", "3.7E-3", "-5.2E1"]
    program = _learn([("2.431", "2.4"), ("0.15857", "0.16")], ["2.431", "0.15857", "13.4"])
    assert program("13.4") == "13"


def test_times_written_as_four_digits():
    program = _learn([("1:00 PM", "1300")], ["1:00 PM", "6:00 PM", "11:30 AM"])
    assert [program(r) for r in ["6:00 PM", "11:30 AM"]] == ["1800", "1130"]
    program = _learn([("1800", "6:00 PM")], ["1800", "0100", "1400"])
    assert [program(r) for r in ["0100", "1400"]] == ["1:00 AM", "2:00 PM"]


def test_an_hour_without_am_or_pm_is_not_given_one():
    """"9:00" may be morning or evening: AM is typed, not guessed from the clock."""
    program = _learn([("9:00", "9 AM")], ["9:00", "11:00", "3:00"])
    assert "AM" in program.explain() and "the time" not in program.explain()


def test_a_month_alone_by_name_or_number():
    program = _learn([("4", "April")], ["4", "7", "12"])
    assert [program(r) for r in ["7", "12", "13"]] == ["July", "December", None]
    assert program.explain() == "Output the month in column 1, written as March."
    program = _learn([("January", "1")], ["January", "February", "December"])
    assert [program(r) for r in ["February", "December"]] == ["2", "12"]


@pytest.mark.parametrize("example, rows", [
    (("9:41 PM, Aug 17, 2015", "12:41 AM, Aug 18, 2015"), [("1:00 AM, Jun 3, 2015", "4:00 AM, Jun 3, 2015")]),
    (("11:47 PM,Mon,Aug 17,2015", "12:47 AM,Tue,Aug 18,2015"), [("7:00 AM,Tue,Jul 7,2015", "8:00 AM,Tue,Jul 7,2015")]),
    (("August 20, 2015, 16:11", "August 21, 2015, 04:41"), [("April 27, 2015, 10:00", "April 27, 2015, 22:30")]),
    (("2007/02/26 18:37:58", "2007/02/26 17:37:58"), [("2000/02/26 00:37:50", "2000/02/25 23:37:50")]),
])
def test_a_date_moved_by_a_fixed_time_from_one_example(example, rows):
    """Time zones and "an hour later": the output's moment minus the input's."""
    program = _learn([example], [example[0]] + [r for r, _ in rows])
    assert [program(r) for r, _ in rows] == [out for _, out in rows]
    assert Program.from_json(program.to_json()) == program
    assert "later" in program.explain() or "earlier" in program.explain()


@pytest.mark.parametrize("examples, rows", [
    ([("15 km", "9.32057 mile"), ("251 km", "155.964 mile")], [("321 km", "199.46 mile"), ("1 km", "0.621371 mile")]),
    ([("8 inch", "20.32 cm"), ("300 inch", "762 cm")], [("39 inch", "99.06 cm"), ("1 inch", "2.54 cm")]),
    ([("1 mi", "1.6 km"), ("12.5 mi", "20.1 km")], [("3 mi", "4.8 km"), ("7 mi", "11.3 km")]),
])
def test_a_unit_conversion_is_a_factor_learned_within_two_examples(examples, rows):
    """The factor lies where every example's output allows it; the simplest one is taken."""
    program = _learn(examples, [r for r, _ in examples + rows])
    assert [program(r) for r, _ in rows] == [out for _, out in rows]
    assert Program.from_json(program.to_json()) == program
    assert program.map([(r,) for r, _ in rows]) == [out for _, out in rows]


def test_exports_of_a_date_read_from_text_give_the_programs_outputs():
    from flashfill import ExportError
    from flashfill.codegen import to_formula, to_python
    program = _learn([("Mar 7, 2021", "2021-03-07")], ["Mar 7, 2021", "Apr 1, 2020"])
    assert "DATEVALUE" not in to_formula(program, ["A2"])  # read by the program's own forms, not the locale's
    later = _learn([("2024-03-06", "Mar 7, 2024"), ("2024-12-31", "Jan 1, 2025")], ["2020-07-04"])
    with pytest.raises(ExportError, match="step 1 .*the date in column 1, 1 day later.*shifting or rounding a date"):
        to_formula(later, ["A2"])
    namespace: dict = {}
    exec(to_python(program), namespace)
    assert [namespace["transform"](t) for t in ("Apr 1, 2020", "1 April 2020", "soon")] == ["2020-04-01", "2020-04-01", None]


# ----- what the sampled rows and the examples' digits say ------------------------------------------
@pytest.mark.parametrize("example, rows", [
    (("2 gal", "7.57082 L"), [("5 gal", "18.9271 L"), ("10 gal", "37.8541 L"), ("0.5 gal", "1.89271 L")]),
    (("4 in", "10.16 cm"), [("100 in", "254 cm"), ("3.5 in", "8.89 cm")]),
    (("8 EUR", "9.38 USD"), [("15 EUR", "17.59 USD"), ("100 EUR", "117.25 USD")]),
    (("3 ft", "36 in"), [("5 ft", "60 in"), ("12 ft", "144 in")]),
    (("2 h", "120 min"), [("5 h", "300 min"), ("1.5 h", "90 min")]),
])
def test_a_unit_conversion_from_one_example(example, rows):
    """A product shown with many digits keeps significant digits, as calculators do; one
    written exactly keeps the digits it has, unless a row would need more decimals than
    the example shows; a number half copied, half typed ("3" → "36") is a coincidence."""
    program = _learn([example], [example[0]] + [r for r, _ in rows])
    assert [program(r) for r, _ in rows] == [out for _, out in rows]
    assert "E+" not in program.explain()


def test_a_reformatted_number_keeps_the_decimals_of_other_rows():
    """A fixed count of decimals that would drop digits of a sampled row, where the example
    lost none, is not what the example shows."""
    program = _learn([("1234567890", "1,234,567,890")], ["1234567890", "2134", "1234.123"])
    assert [program(r) for r in ["2134", "1234.123"]] == ["2,134", "1,234.123"]
    program = _learn([("4567", "4.567E3")], ["4567", "81234000", "90"])
    assert [program(r) for r in ["81234000", "90"]] == ["8.1234E7", "9E1"]


def test_a_number_is_read_whole_on_the_sampled_rows():
    """"2 m" reads the same as its first run of digits; "0.5 m" says the number is longer."""
    program = _learn([("2 m", "200 cm")], ["2 m", "0.5 m", "13 m"])
    assert [program(r) for r in ["0.5 m", "13 m"]] == ["50 cm", "1300 cm"]


def test_a_value_already_on_a_step_is_not_rounded_up_to_the_next():
    """"1" → "2" is twice 1, not the end of its bucket of 1; the day after a date is a shift."""
    program = _learn([("£1", "€1.20")], ["£1", "£10", "£2.5"])
    assert [program(r) for r in ["£10", "£2.5"]] == ["€12.00", "€3.00"]
    program = _learn([("2007-01-01", "2007-01-02")], ["2007-01-01", "2008-12-31", "2009-02-28"])
    assert [program(r) for r in ["2008-12-31", "2009-02-28"]] == ["2009-01-01", "2009-03-01"]


def test_a_twelve_hour_time_gets_a_twelve_hour_hour():
    program = _learn([("0100", "1:00 AM")], ["0100", "1800", "0930"])
    assert [program(r) for r in ["1800", "0930"]] == ["6:00 PM", "9:30 AM"]


def test_a_product_written_exactly_may_need_one_more_decimal_on_other_rows():
    program = _learn([("5 in", "12.7 cm")], ["5 in", "3 in", "10 in"])
    assert [program(r) for r in ["3 in", "10 in"]] == ["7.62 cm", "25.4 cm"]


def test_an_output_with_thousands_separators_may_be_a_product():
    program = _learn([("$25/day", "$9,125")], ["$25/day", "$30/day", "$100/day"])
    assert [program(r) for r in ["$30/day", "$100/day"]] == ["$10,950", "$36,500"]
    assert "times 365" in program.explain()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(11, 9999), st.integers(0, 3), st.lists(st.integers(1, 999), min_size=3, max_size=6, unique=True),
       st.sampled_from([" kg", " cm", " mi", " $"]), st.booleans())
def test_a_product_by_a_factor_is_filled_within_two_examples(units, places, values, unit, grouped):
    """A factor of two to four digits, products written with the decimals they need (and
    thousands separators, or none): two examples pin the factor down, a third at most
    shows the separators, and every other row is right."""
    factor = Decimal(units).scaleb(-places)
    rows = [f"{v} x" for v in values]
    written = NumberFormat(-1, "," if grouped else "")
    expected = [f"{written.render(v * factor)}{unit}" for v in values]
    examples = [(rows[0], expected[0])]
    for _ in range(3 if grouped else 2):
        program = _learn(examples, rows)
        wrong = [i for i, r in enumerate(rows) if program(r) != expected[i]]
        if not wrong:
            break
        examples.append((rows[wrong[0]], expected[wrong[0]]))
    assert [program(r) for r in rows] == expected


def test_the_sampled_rows_say_the_number_not_the_cell_was_meant():
    """"7" → "7" copies the cell or reads its number; most rows say the number, for a copy
    of "  12 " looks unlike "7"."""
    rows = ["7", "  12 ", " 5 apples", " 30", "4 "]
    program = _learn([("7", "7")], rows)
    assert [program(r) for r in rows[1:]] == ["12", "5", "30", "4"]
