# Two entry points: `make demo` and `make test`; each builds its own virtual environment.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCHMARKS ?= ../shared/benchmarks

.PHONY: demo test system-packages bench bench-io bench-addin bench-calc bench-engines bench-export clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/flashfill fill workbooks/contacts.xlsx -o $(VENV)/contacts.filled.xlsx

# The Debian packages the tests need (LibreOffice, ...) are listed in .ci/debian-packages.
system-packages:
	.ci/system-packages

test: system-packages $(STAMP)
	$(BIN)/python -m pytest -q

bench-io: $(STAMP)
	$(BIN)/python -m flashfill.table.bench_io

bench: $(STAMP)
	$(BIN)/python -m flashfill.bench $(BENCHMARKS)/sygus_pbe_slia $(BENCHMARKS)/bustle_new $(BENCHMARKS)/tde

bench-export: $(STAMP)
	$(BIN)/python -m flashfill.codegen.report $(BENCHMARKS)/sygus_pbe_slia $(BENCHMARKS)/bustle_new $(BENCHMARKS)/tde

bench-addin: $(STAMP)
	$(BIN)/python addin/bench_addin.py

bench-calc: system-packages $(STAMP)
	$(BIN)/python calc/bench_calc.py

bench-engines: system-packages $(STAMP)
	$(BIN)/python -m flashfill.codegen.bench_engines

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
