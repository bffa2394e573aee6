"""The classic FlashFill examples: learned from one or two examples, right on new rows."""

import pytest

import flashfill


def fill(examples, rows):
    program = flashfill.learn(examples, inputs=rows + [row for row, _ in examples])
    return [program(r) for r in rows]


def test_phone_numbers_in_mixed_formats_become_one_format():
    examples = [("(425) 555-1234", "425-555-1234"), ("206.555.9876", "206-555-9876")]
    assert fill(examples, ["(360) 555-0000", "509.555.1111", "425-555-4321"]) == [
        "360-555-0000", "509-555-1111", "425-555-4321",
    ]


def test_first_last_becomes_last_comma_initial():
    examples = [("John Smith", "Smith, J.")]
    assert fill(examples, ["Jane Doe", "Alan Turing"]) == ["Doe, J.", "Turing, A."]


def test_quantity_out_of_a_product_line():
    examples = [("BTR KRNL WK CORN 15Z", "15Z"), ("CAMP DRY DBL NDL 3.6 OZ", "3.6 OZ")]
    assert fill(examples, ["CHORE BOY HD SC SPNG 1 PK", "FRENCH WORCESTERSHIRE 5 Z"]) == ["1 PK", "5 Z"]


def test_code_out_of_a_product_line():
    examples = [("Widget (SKU-1042) blue", "SKU-1042")]
    assert fill(examples, ["Gadget (SKU-77) red", "Big thing (SKU-3) green"]) == ["SKU-77", "SKU-3"]


def test_directory_of_a_path():
    examples = [("Company\\Code\\index.html", "Company\\Code\\")]
    assert fill(examples, ["Company\\Docs\\Spec\\specs.doc"]) == ["Company\\Docs\\Spec\\"]


@pytest.mark.parametrize(
    "example, row, expected",
    [
        (("john smith", "John Smith"), "mary ann lee", "Mary Ann Lee"),
        (("Alice Jones", "ALICE JONES"), "Bob Li", "BOB LI"),
        (("HELLO World", "hello world"), "GOOD Night", "good night"),
    ],
)
def test_case_changes(example, row, expected):
    assert fill([example], [row]) == [expected]


def test_two_columns_joined():
    examples = [(("Jane", "Doe"), "Doe, Jane")]
    assert fill(examples, [("Alan", "Turing")]) == ["Turing, Alan"]


def test_undefined_rows_give_none():
    program = flashfill.learn([("12-34", "34")])
    assert program("no digits here") is None


def test_empty_output_example():
    assert flashfill.learn([("abc", "")])("xyz") == ""


def test_a_word_every_row_has_names_positions():
    rows = [
        "Blue Fox 2 aka The Return of the Fox",
        "Old Road aka Highway Sixty One",
        "Night Shift 3 aka the long night",
        "Paper Moon aka A Moon Made of Paper",
    ]
    program = flashfill.learn([(rows[0], "The Return of the Fox")], inputs=rows)
    assert [program(r) for r in rows] == ["The Return of the Fox", "Highway Sixty One", "the long night", "A Moon Made of Paper"]
    assert "'aka'" in program.explain()


def test_first_letters_of_lowercase_words():
    """No token boundary follows the first letter of 'john': the end is counted from the start."""
    login = flashfill.learn([("john smith", "jsmith")], inputs=["mary doe", "alan turing"])
    assert login("alan turing") == "aturing"
    again = flashfill.Program.from_json(login.to_json())
    assert again == login and again("ada lovelace") == "alovelace"
    acronym = flashfill.learn([("association computing machinery", "acm"), ("principle of programming languages", "popl")])
    assert acronym("very large data bases") == "vldb"
    assert "first character of each word" in acronym.explain()


def test_a_typed_word_is_not_spliced_from_a_copied_letter():
    """'true' is typed, not 't' copied from the input and 'rue' typed after it."""
    program = flashfill.learn([("this text is lowercase", "true")], inputs=["Not Lowercase", "xyz"])
    assert program("Not Lowercase") == "true"
    plural = flashfill.learn([("cat", "cats")])
    assert plural("dog") == "dogs"
    rows = ["this text is lowercase", "Not Lowercase", "XYZ", "abc"]
    answer = flashfill.learn([(rows[0], "true"), (rows[1], "false")], inputs=rows)
    assert [answer(r) for r in rows] == ["true", "false", "false", "true"]


def test_text_before_or_after_another_columns_text():
    """'Remove column 2's text from column 1': the positions are where column 2's text
    starts or ends in column 1, which no token of column 1 marks."""
    rows = [("nonsense", "non"), ("atypical", "a"), ("aaaaaa", "aaaaa"), ("redo", "x")]
    rest = flashfill.learn([(("prefix", "pre"), "fix")], inputs=rows)
    assert [rest(r) for r in rows] == ["sense", "typical", "a", None]
    assert "column 2's text" in rest.explain()
    stem = flashfill.learn([(("suffix", "fix"), "suf")], inputs=[("declaration", "tion"), ("aaaaaa", "aaaaa")])
    assert stem(("declaration", "tion")) == "declara"
    assert stem(("aaaaaa", "aaaaa")) == "a"
    again = flashfill.Program.from_json(stem.to_json())
    assert again == stem and again.map([("analyticly", "ly")]) == ["analytic"]


def test_the_first_of_equally_simple_occurrences():
    """The only number of the example is both its first and its last; people mean the first."""
    orders = [("Order 42 shipped",), ("Order 7 of 9 boxes",), ("Paid 15",)]
    number = flashfill.learn([(("Order 42 shipped",), "42")], inputs=orders)
    assert number(("Order 7 of 9 boxes",)) == "7"
    groups = [("{{a, b}, {cccc, d}, {e, f}}",), ("{{x, aaay}, {aaaz, d}}",)]
    group = flashfill.learn([(groups[0], "cccc")], inputs=groups)
    assert group(groups[1]) == "aaaz"


def test_numbers_padded_with_zeros():
    """'7' → '007' pads the number to the example's width; wider numbers are left whole,
    and a number copied as it is stays unpadded."""
    ids = flashfill.learn([("Room 7", "R-007")], inputs=["Room 42", "Room 1234"])
    assert ids.map([("Room 42",), ("Room 1234",)]) == ["R-042", "R-1234"]
    assert "with zeros in front to make 3 digits" in ids.explain()
    again = flashfill.Program.from_json(ids.to_json())
    assert again == ids and again("Room 5") == "R-005"
    plain = flashfill.learn([("Room 42", "R-42")])
    assert plain("Room 7") == "R-7"
