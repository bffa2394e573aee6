"""Stand-in programs for the table tests: what the pipeline needs of a learned program, without learning."""


class Upper:
    """The first input upper-cased; undefined on inputs containing '?'. Counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, row):
        self.calls += 1
        return None if "?" in row[0] else row[0].upper()

    def explain(self):
        return "upper-case column 1"


class Lower(Upper):
    def __call__(self, row):
        return row[0].lower()
