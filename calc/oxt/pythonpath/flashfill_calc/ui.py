"""How the Flash Fill command talks to the user: the status bar, or a message box when nothing was filled."""

from __future__ import annotations

from typing import Any

import uno
from com.sun.star.lang import DisposedException

TITLE = "Flash Fill"
#: The status indicator showing the last message; ended when the next message is shown.
_shown: list[Any] = []


def missing_module(error: ImportError) -> str:
    """The message for a Python module that LibreOffice's Python lacks."""
    name = error.name or str(error)
    return (
        f"Nothing was filled: LibreOffice's Python cannot import {name!r}. "
        "Flash Fill needs the regex module there (Debian and Ubuntu: sudo apt-get install python3-regex)."
    )


def tell(context: Any, frame: Any, message: str, ok: bool) -> None:
    """Show ``message`` in the frame's status bar; a failure also in a message box, when the window shows."""
    if frame is None:
        return
    while _shown:
        try:
            _shown.pop().end()
        except DisposedException:  # its window was closed meanwhile
            pass
    indicator = frame.createStatusIndicator()
    indicator.start(message, 0)
    _shown.append(indicator)
    window = frame.getContainerWindow()
    if not ok and window is not None and window.isVisible():
        toolkit = context.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", context)
        kind = uno.Enum("com.sun.star.awt.MessageBoxType", "WARNINGBOX")
        box = toolkit.createMessageBox(window, kind, 1, TITLE, message)
        box.execute()
