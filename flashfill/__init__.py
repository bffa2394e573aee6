"""flashfill: learn a string transformation from a few examples and fill the column.

>>> import flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> program("206-555-9876")
'(206) 555-9876'

The learner, the language and the session are imported on first use, so that
``import flashfill`` (and every command-line call) starts at once.
"""

from importlib import import_module

from .errors import ExportError, LearnError

#: Public name -> the module that defines it (imported when the name is first used).
_LAZY = {
    "Ambiguity": ".session",
    "Program": ".language.program",
    "Session": ".session",
    "Suspicion": ".session",
    "Unsure": ".trust",
    "learn": ".learning",
}

__all__ = ["Ambiguity", "ExportError", "LearnError", "Program", "Session", "Suspicion", "Unsure", "learn"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'flashfill' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
