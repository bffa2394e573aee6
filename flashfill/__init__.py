"""flashfill: learn a string transformation from a few examples and fill the column.

>>> import flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> program("206-555-9876")
'(206) 555-9876'
"""

from .errors import ExportError, LearnError
from .language.program import Program
from .learning import learn
from .session import Ambiguity, Session, Suspicion

__all__ = ["Ambiguity", "ExportError", "LearnError", "Program", "Session", "Suspicion", "learn"]
