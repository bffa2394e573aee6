"""A real LibreOffice for tests: started headless with its own profile, driven through UNO, always stopped.

Usage in a test module::

    from soffice import office  # noqa: F401  (the module-scoped fixture)

    def test_something(office, tmp_path):
        doc = office.open(copy_of_some_workbook_in(tmp_path))  # LibreOffice writes a lock file beside it
        sheet = doc.Sheets.getByIndex(0)
        ...
        doc.close(True)

or, with extensions installed into the fresh profile first (as ``unopkg add`` would; the
office is then restarted so that they are loaded like at a user's next start)::

    with start_office(extensions=[oxt_path]) as office:
        ...

``office.context`` is the remote component context, ``office.desktop`` the
``com.sun.star.frame.Desktop``; ``office.create(name)`` makes a service.  The
office listens on a named pipe (no TCP port at all), runs from a temporary
profile removed afterwards, and is terminated with all its children when the
``with`` block or the fixture ends.  When LibreOffice or its Python bridge
(python3-uno) is missing, starting fails with a message saying how to install
it: ``make test`` does (``.ci/debian-packages``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

#: Where Debian (python3-uno) and LibreOffice's own builds keep ``uno.py``.
UNO_DIRS = ("/usr/lib/python3/dist-packages", "/usr/lib/libreoffice/program")
#: Seconds to wait for a fresh office to accept connections (a first start builds the profile).
START_TIMEOUT = 120.0
#: Seconds given to an office to quit by itself before it is killed.
STOP_TIMEOUT = 20.0
#: Seconds one test may spend waiting on the office before it is declared hung and killed.
TEST_TIMEOUT = 300.0
INSTALL_HINT = "`make test` installs it (see .ci/debian-packages), or: sudo apt-get install libreoffice-calc-nogui python3-uno"


class OfficeError(RuntimeError):
    """LibreOffice could not be started or reached."""


def import_uno() -> Any:
    """The ``uno`` module, found where python3-uno puts it when this interpreter has no own copy."""
    try:
        import uno
    except ImportError:
        for folder in UNO_DIRS:
            if Path(folder, "uno.py").exists() and folder not in sys.path:
                sys.path.append(folder)
        try:
            import uno
        except ImportError as error:
            raise OfficeError(f"cannot import LibreOffice's Python bridge 'uno' ({error}): {INSTALL_HINT}") from error
    return uno


def soffice_program() -> str:
    """The ``soffice`` command, or an ``OfficeError`` saying how to install it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise OfficeError(f"LibreOffice (soffice) is not installed: {INSTALL_HINT}")
    return program


def profile_option(profile: Path) -> str:
    """The ``-env:UserInstallation`` option that points LibreOffice at ``profile``."""
    return f"-env:UserInstallation={profile.as_uri()}"


def add_extensions(context: Any, extensions: Sequence[Path]) -> None:
    """Install extensions into the running office's user profile, as ``unopkg add`` does.

    Through the office's ExtensionManager rather than the ``unopkg`` program,
    which refuses to run as root without ``--shared`` (the whole installation).
    """
    uno = import_uno()
    manager = context.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
    for oxt in extensions:
        url = uno.systemPathToFileUrl(str(Path(oxt).resolve()))
        if manager.addExtension(url, (), "user", None, approving_environment()) is None:
            raise OfficeError(f"LibreOffice did not install the extension {oxt}")


def approving_environment() -> Any:
    """A command environment that answers every question of the extension manager with its approval."""
    uno = import_uno()
    import unohelper
    from com.sun.star.task import XInteractionHandler
    from com.sun.star.ucb import XCommandEnvironment

    approve = uno.getTypeByName("com.sun.star.task.XInteractionApprove")

    class Approver(unohelper.Base, XInteractionHandler):
        def handle(self, request: Any) -> None:
            for choice in request.getContinuations():
                if choice.queryInterface(approve) is not None:
                    choice.select()

    class Environment(unohelper.Base, XCommandEnvironment):
        def getInteractionHandler(self) -> Any:
            return Approver()

        def getProgressHandler(self) -> Any:
            return None

    return Environment()


class Office:
    """A headless LibreOffice with a fresh profile: started by ``start_office``, stopped on leaving ``with``.

    ``context`` is its UNO component context, ``desktop`` its Desktop, ``profile``
    the user profile it runs from, ``process`` the ``soffice`` process.
    """

    def __init__(self, extensions: Sequence[Path] = ()) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="flashfill-office-")
        self.profile = Path(self._folder.name, "profile")
        self.desktop: Any = None
        self.process: subprocess.Popen[bytes] | None = None
        self.killed = False
        try:
            program = soffice_program()
            import_uno()
            initialise_profile(program, self.profile)
            if extensions:
                self._launch(program)
                add_extensions(self.context, extensions)
                stop(self.process, self.desktop)
            self._launch(program)
        except BaseException:
            self.close()
            raise

    def _launch(self, program: str) -> None:
        """Start ``soffice`` on the profile and connect to it."""
        pipe = f"flashfill-{uuid.uuid4().hex}"
        self.desktop = None
        self.process = subprocess.Popen(
            [
                program,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;",
                profile_option(self.profile),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.context = connect(pipe, self.process)
        self.desktop = self.create("com.sun.star.frame.Desktop")

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the office and its children, and remove its profile."""
        if self.process is not None:
            stop(self.process, self.desktop)
        self._folder.cleanup()

    def on_main_thread(self, work: Callable[[], T], timeout: float = TEST_TIMEOUT) -> T:
        """Run ``work`` with its UNO calls on the office's main thread, where a user's click runs them.

        A call from this process otherwise runs on one of the office's bridge
        threads, where the command's user-interface work (its status message lets
        the event loop run) races the main thread.  ``com.sun.star.awt.AsyncCallback``
        calls back from the main thread, and calls made during that callback run on it.
        """
        import_uno()
        import unohelper
        from com.sun.star.awt import XCallback

        outcome: dict[str, Any] = {}
        done = threading.Event()

        class Callback(unohelper.Base, XCallback):
            def notify(self, data: Any) -> None:
                try:
                    outcome["value"] = work()
                except BaseException as error:  # noqa: BLE001 - handed over to the waiting thread
                    outcome["error"] = error
                finally:
                    done.set()

        with self.deadline(timeout):
            self.create("com.sun.star.awt.AsyncCallback").addCallback(Callback(), None)
            done.wait(timeout + 1)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    @contextmanager
    def deadline(self, seconds: float | None = None) -> Iterator[None]:
        """Kill the office if the ``with`` block is still running after ``seconds`` (``TEST_TIMEOUT``):
        a hung call then fails.

        The office's end closes its pipe, so a call blocked on it returns with an
        error, which becomes an ``OfficeError`` saying what happened.
        """
        seconds = TEST_TIMEOUT if seconds is None else seconds
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            self.kill()

        timer = threading.Timer(seconds, expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        except Exception as error:
            if fired.is_set():
                raise OfficeError(f"LibreOffice did not answer within {seconds:.0f} s: office killed") from error
            raise
        finally:
            timer.cancel()
        if fired.is_set():
            raise OfficeError(f"LibreOffice did not answer within {seconds:.0f} s: office killed")

    def kill(self) -> None:
        """End the office's process group at once (a hung office answers no call)."""
        self.killed = True
        if self.process is not None and group_alive(self.process.pid):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def create(self, service: str) -> Any:
        """A new instance of a UNO service in the office."""
        return self.context.ServiceManager.createInstanceWithContext(service, self.context)

    def new(self, kind: str = "scalc") -> Any:
        """A new hidden document: ``scalc`` a spreadsheet, ``swriter`` a text."""
        return self.desktop.loadComponentFromURL(f"private:factory/{kind}", "_blank", 0, properties(Hidden=True))

    def open(self, path: Path, hidden: bool = True) -> Any:
        """Load a document (a spreadsheet component for .ods/.xlsx files); a headless office needs it hidden."""
        uno = import_uno()
        url = uno.systemPathToFileUrl(str(Path(path).resolve()))
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, properties(Hidden=hidden))
        if document is None:
            raise OfficeError(f"LibreOffice could not open {path}")
        return document


def start_office(extensions: Sequence[Path] = ()) -> Office:
    """Start a headless LibreOffice with a fresh profile (and these extensions); use it in ``with``."""
    return Office(extensions)


def initialise_profile(program: str, profile: Path) -> None:
    """Let LibreOffice build its profile and quit: a first start restarts itself, dropping connections."""
    done = subprocess.run(
        [program, "--headless", "--terminate_after_init", profile_option(profile)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=START_TIMEOUT,
        start_new_session=True,
    )
    if done.returncode != 0:
        raise OfficeError(f"LibreOffice could not set up its profile ({done.returncode}): {done.stderr!r}")


def properties(**values: Any) -> tuple[Any, ...]:
    """Keyword arguments as the tuple of ``PropertyValue`` that UNO calls take."""
    import_uno()
    from com.sun.star.beans import PropertyValue

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def connect(pipe: str, process: subprocess.Popen[bytes], timeout: float = START_TIMEOUT) -> Any:
    """The remote component context of the office listening on ``pipe``, retried until it answers."""
    uno = import_uno()
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None:
                raise OfficeError(f"LibreOffice exited with code {process.returncode} before accepting connections")
            if time.monotonic() > deadline:
                raise OfficeError(f"LibreOffice did not accept connections within {timeout:.0f} s") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes], desktop: Any) -> None:
    """Ask the office to quit, then end its whole process group if it has not."""
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away while terminate() returns
            pass
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        process.poll()
        if not group_alive(process.pid):
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 5
        while group_alive(process.pid) and time.monotonic() < deadline:
            process.poll()
            time.sleep(0.1)
    process.wait()


def group_alive(group: int) -> bool:
    """True while some process of the process group ``group`` is left."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def office() -> Iterator[Office]:
    """A headless LibreOffice for the tests of one module, without extensions."""
    with start_office() as running:
        yield running
