"""The UNO components of the Flash Fill extension: the Data › Flash Fill command and ``FLASHFILL``.

LibreOffice loads this file with its own Python (python3-uno), whose loader puts
the ``pythonpath`` folder beside it on ``sys.path``: that folder holds the
extension's copy of flashfill and the Calc glue (``flashfill_calc``).  flashfill
itself is imported on first use, so a missing ``regex`` module is reported to the
user instead of keeping the extension from loading.
"""

from __future__ import annotations

from typing import Any

import unohelper
from com.sun.star.frame import XDispatchProvider, XNotifyingDispatch
from com.sun.star.frame.DispatchResultState import FAILURE, SUCCESS
from com.sun.star.lang import XInitialization, XServiceInfo, XServiceName
from org.flashfill.calc import XFlashFill

PROTOCOL = "org.flashfill.calc:"
COMMAND = "FlashFill"
COMMAND_IMPLEMENTATION = "org.flashfill.calc.Command"
FUNCTIONS_IMPLEMENTATION = "org.flashfill.calc.Functions"


class Command(unohelper.Base, XInitialization, XDispatchProvider, XNotifyingDispatch, XServiceInfo):
    """The protocol handler behind the menu item and the toolbar button (``org.flashfill.calc:FlashFill``).

    The frame it is created for gives the document; the dispatch result is the
    message shown in the status bar (or the reason nothing was filled).
    """

    def __init__(self, context: Any) -> None:
        self.context = context
        self.frame: Any = None

    def initialize(self, arguments: Any) -> None:
        if arguments:
            self.frame = arguments[0]

    def queryDispatch(self, url: Any, target: str, flags: int) -> Any:
        return self if url.Protocol == PROTOCOL and url.Path == COMMAND else None

    def queryDispatches(self, requests: Any) -> tuple[Any, ...]:
        return tuple(self.queryDispatch(r.FeatureURL, r.FrameName, r.SearchFlags) for r in requests)

    def dispatch(self, url: Any, arguments: Any) -> None:
        self.dispatchWithNotification(url, arguments, None)

    def dispatchWithNotification(self, url: Any, arguments: Any, listener: Any) -> None:
        from flashfill_calc.ui import missing_module, tell

        try:
            from flashfill_calc.command import run
        except ImportError as error:
            message, ok = missing_module(error), False
            tell(self.context, self.frame, message, ok)
        else:
            try:
                report = run(self.context, self.frame)
                message, ok = report.message, report.ok
            except Exception as error:  # noqa: BLE001 - any failure is told, not lost in the dispatch
                message, ok = f"Nothing was filled: {getattr(error, 'Message', None) or error}.", False
                tell(self.context, self.frame, message, ok)
        if listener is not None:
            from com.sun.star.frame import DispatchResultEvent

            listener.dispatchFinished(DispatchResultEvent(self, SUCCESS if ok else FAILURE, message))

    def addStatusListener(self, listener: Any, url: Any) -> None:
        from com.sun.star.frame import FeatureStateEvent

        listener.statusChanged(FeatureStateEvent(self, url, "", True, False, None))

    def removeStatusListener(self, listener: Any, url: Any) -> None:
        pass

    def getImplementationName(self) -> str:
        return COMMAND_IMPLEMENTATION

    def supportsService(self, name: str) -> bool:
        return name in self.getSupportedServiceNames()

    def getSupportedServiceNames(self) -> tuple[str, ...]:
        return ("com.sun.star.frame.ProtocolHandler",)


class Functions(unohelper.Base, XFlashFill, XServiceName, XServiceInfo):
    """The Calc add-in: ``FLASHFILL(inputs; outputs)`` (described to Calc by CalcAddIns.xcu)."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def flashfill(self, inputs: Any, outputs: Any) -> tuple[tuple[Any, ...], ...]:
        from flashfill_calc.ui import missing_module

        try:
            from flashfill_calc.function import flashfill
        except ImportError as error:
            return ((missing_module(error),),)
        return flashfill(inputs, outputs)

    def getServiceName(self) -> str:
        return FUNCTIONS_IMPLEMENTATION

    def getImplementationName(self) -> str:
        return FUNCTIONS_IMPLEMENTATION

    def supportsService(self, name: str) -> bool:
        return name in self.getSupportedServiceNames()

    def getSupportedServiceNames(self) -> tuple[str, ...]:
        return ("com.sun.star.sheet.AddIn",)


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Command, COMMAND_IMPLEMENTATION, ("com.sun.star.frame.ProtocolHandler",))
g_ImplementationHelper.addImplementation(Functions, FUNCTIONS_IMPLEMENTATION, ("com.sun.star.sheet.AddIn",))
