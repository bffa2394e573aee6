"""Shared by every test module: no test may hang the run on a LibreOffice that stopped answering."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from soffice import Office


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A test that uses an office gets ``TEST_TIMEOUT`` seconds of it (fixtures' setup not counted):
    a hung office is killed and fails that test, never the run."""
    offices = [value for value in getattr(item, "funcargs", {}).values() if isinstance(value, Office)]
    with ExitStack() as stack:
        for office in offices:
            stack.enter_context(office.deadline())
        return (yield)
