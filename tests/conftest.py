"""Shared by every test module: no test may hang the run on a LibreOffice that stopped answering."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from soffice import Office


@pytest.fixture(autouse=True)
def office_deadline(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that uses a module's office gets ``TEST_TIMEOUT`` seconds: a hung office fails it, never the run."""
    offices = [request.getfixturevalue(name) for name in ("office", "calc") if name in request.fixturenames]
    with ExitStack() as stack:
        for running in offices:
            if isinstance(running, Office):
                stack.enter_context(running.deadline())
        yield
