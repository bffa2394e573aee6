"""How the Flash Fill command talks to the user: the status bar, or a message box when nothing was filled."""

from __future__ import annotations

from typing import Any

import uno

TITLE = "Flash Fill"
#: The status indicator showing the last message, per frame, ended when the next one starts.
_shown: dict[int, Any] = {}


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
    previous = _shown.pop(id(frame), None)
    if previous is not None:
        previous.end()
    indicator = frame.createStatusIndicator()
    indicator.start(message, 0)
    _shown[id(frame)] = indicator
    window = frame.getContainerWindow()
    if not ok and window is not None and window.isVisible():
        toolkit = context.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", context)
        kind = uno.Enum("com.sun.star.awt.MessageBoxType", "WARNINGBOX")
        box = toolkit.createMessageBox(window, kind, 1, TITLE, message)
        box.execute()
