"""flashfill: learn a string transformation from a few examples and fill the column.

>>> import flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> program("206-555-9876")
'(206) 555-9876'
"""

from .errors import LearnError
from .language.program import Program
from .learning import learn
from .session import Ambiguity, Session, Suspicion
from .trust import Unsure

__all__ = ["Ambiguity", "LearnError", "Program", "Session", "Suspicion", "Unsure", "learn"]
