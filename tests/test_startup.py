"""Start-up: ``import flashfill`` loads the learner only when it is first used."""

from __future__ import annotations

import subprocess
import sys


def run(script: str) -> str:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout


def test_import_flashfill_leaves_the_learner_and_regex_unloaded():
    loaded = run("import sys, flashfill; print(sorted(m for m in sys.modules if m.startswith(('flashfill.', 'regex'))))")
    assert loaded.strip() == "['flashfill.errors']"


def test_public_names_load_on_first_use():
    out = run(
        "import flashfill\n"
        "from flashfill import Session\n"
        "p = flashfill.learn([('ab', 'b')])\n"
        "print(type(p) is flashfill.Program, Session.__name__, sorted(set(flashfill.__all__) - set(dir(flashfill))))"
    )
    assert out.split() == ["True", "Session", "[]"]


def test_an_unknown_name_is_an_attribute_error():
    out = run("import flashfill\ntry:\n    flashfill.nothing\nexcept AttributeError as e:\n    print(e)")
    assert "has no attribute 'nothing'" in out
