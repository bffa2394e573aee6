"""The Calc side of flashfill: what the extension's UNO components run.

``command`` is Data › Flash Fill, ``function`` the ``FLASHFILL`` worksheet
function, ``ui`` how a result reaches the user.  The rules (which cells, what is
written and marked) are ``flashfill.sheet``'s; these modules only translate
between Calc's cells and those rules.
"""
