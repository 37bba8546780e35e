"""How a Plasma command starts (its ``PLASMA_*`` variables checked) and how it ends when its
process is stopped or its reader goes away.

:func:`run_command` runs a command's ``main`` so that

- Ctrl-C (SIGINT), SIGTERM (``kill``, a scheduler, ``docker stop``) and SIGHUP (its terminal
  closed, its ssh session dropped) end it with one line and status 130, 143 or 129 (128 + the
  signal), never a traceback, whatever it was doing (reading a run, waiting on a user's env,
  evaluating); a second signal while the first is handled ends the process at once; a signal
  the process was started ignoring (``nohup`` ignores SIGHUP, a background job SIGINT) stays
  ignored;
- text it prints that its stdout or stderr cannot encode (an ASCII-only locale, ``LC_ALL=C``)
  is written with backslash escapes, not a UnicodeEncodeError;
- a reader that closes the command's standard output early (``plasma-eval --json | head -c 10``)
  ends it quietly with status 141 (128 + SIGPIPE, what a shell reports for a program killed by a
  broken pipe): there is no one left to tell;
- a ``PLASMA_*`` environment variable that is set to garbage ends it before it starts, with one
  line naming the variable and status 2 (bad input): each variable Plasma reads is checked in
  one place (:func:`check_environment`; a blank value means unset). ``import plasma`` screens
  ``PLASMA_NUM_THREADS`` before the Rust core sizes its thread pool from it
  (:func:`screen_before_core`: a bad value is taken out of the environment, so the core never
  tries to start 10^8 threads, and kept as the error to report); a layer above registers the
  variables it reads (:func:`register_check`: ``PLASMA_FAULT``, by :mod:`plasma.train.faults`);
  the variables that name files or keys (``PLASMA_KEYRING``, ``PLASMA_SIGNING_KEY``) are checked
  where :mod:`plasma.train.keys` reads them;
- any other system error the command does not handle itself (its output on a full disk, say)
  ends it with one line and status 1;
- warnings do not break its lines (:func:`_warnings_routed`): Plasma's own
  (:class:`~plasma.errors.PlasmaWarning`) are shown on one line each, ``PROG: warning: ...``;
  another library's (Gymnasium's env checker on a user's env, numpy's...) are logged on the
  ``py.warnings`` logger at INFO, so they show with ``--verbose`` (``plasma-train``), and
  with Python's own ``-W`` or ``PYTHONWARNINGS`` set Python shows every warning as it would
  anyway. A command's error is then always its one line.

A command that writes files writes them atomically (:mod:`plasma._io`), so a stop leaves the old
content or the new.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import re
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import TextIO

from plasma._names import os_text
from plasma.errors import InvalidArgumentError, PlasmaWarning

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_FAILED",
    "EXIT_USAGE",
    "MAX_THREADS",
    "STOP_SIGNALS",
    "THREADS_ENV",
    "Stopped",
    "check_environment",
    "num_threads",
    "register_check",
    "run_command",
    "screen_before_core",
    "start_problem",
    "stdout_held",
    "stop_message",
    "stop_signals",
]

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""The signals that stop a command with one line and 128 + the signal (see the module doc)."""


def stop_signals() -> list[signal.Signals]:
    """:data:`STOP_SIGNALS` less those this process was started ignoring (``nohup``)."""
    return [s for s in STOP_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]


class Stopped(KeyboardInterrupt):
    """The process was stopped by a signal (Ctrl-C's SIGINT, or SIGTERM); ``signum`` says
    which. A KeyboardInterrupt, so that code which cleans up on Ctrl-C does on SIGTERM too."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def stop_message(prog: str, stop: KeyboardInterrupt) -> tuple[str, int]:
    """The words for a stop (``"interrupted"``, ``"stopped by SIGTERM"``) and the exit status."""
    signum = stop.signum if isinstance(stop, Stopped) else int(signal.SIGINT)
    how = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    return f"{prog}: {how}", 128 + signum


@contextlib.contextmanager
def _stops_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` in the main thread while inside (Python's
    default for SIGINT is a KeyboardInterrupt already); an ignored one stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_stop(signum: int, frame: object) -> None:
        signal.signal(signum, signal.SIG_DFL)  # a second one ends the process
        raise Stopped(signum)

    handled = [s for s in stop_signals() if s != signal.SIGINT]
    previous = {signum: signal.signal(signum, on_stop) for signum in handled}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _standard_streams_open() -> None:
    """Give a standard stream the command was started without (``>&-``, ``2>&-``, ``<&-``: its
    descriptor closed, and Python's ``sys.stdout`` None) the null device, as a closed terminal
    discards what is written to it. Without this, the first file the command opened took the
    free descriptor, so output meant for stdout could land in it, and the first write or flush
    to the missing stream failed with an AttributeError."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:  # closed: the lowest free descriptor is this one, the device takes it
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:  # a lower one was free too; it is handled on its own turn
                    os.dup2(opened, fd)
                    os.close(opened)
    for fd, (name, mode) in enumerate((("stdin", "r"), ("stdout", "w"), ("stderr", "w"))):
        if getattr(sys, name) is None:
            with contextlib.suppress(OSError, ValueError):
                setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115


_TEXT_ERRORS = "plasma.os_text"


def _as_text_escaped(err: UnicodeError) -> tuple[bytes, int]:
    """The codec error handler of a command's output: what the stream cannot encode is
    written as its text (:func:`plasma._names.os_text`: a path's undecodable bytes read as UTF-8),
    with backslash escapes for what the stream's encoding still cannot hold."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    text = os_text(err.object[err.start : err.end])
    return text.encode(err.encoding, "backslashreplace"), err.end  # bytes: any encoder takes them


codecs.register_error(_TEXT_ERRORS, _as_text_escaped)


def _escape_unencodable() -> None:
    """Let stdout and stderr write what their encoding cannot (an ASCII-only locale, a path's
    undecodable bytes) as text with backslash escapes (``r\\xfcn``, not ``r\\udcc3\\udcbcn``),
    instead of failing the command; a stream that writes them as bytes (``surrogateescape``,
    Python's UTF-8 mode) is left as it is."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in (
            "strict",
            "backslashreplace",
        ):
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors=_TEXT_ERRORS)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit does not fail
    again on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _one_line(message: object) -> str:
    """A warning's text on one line, without the terminal colours some libraries add."""
    return " ".join(_ANSI.sub("", str(message)).split())


@contextlib.contextmanager
def _warnings_routed(prog: str) -> Iterator[None]:
    """Inside, warnings are shown as the module docstring says (Plasma's on one line, other
    libraries' logged at INFO); untouched when the user set ``-W`` or ``PYTHONWARNINGS``."""
    if sys.warnoptions:
        yield
        return
    log = logging.getLogger("py.warnings")

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        text = _one_line(message)
        if issubclass(category, PlasmaWarning):
            with contextlib.suppress(OSError, ValueError):
                print(f"{prog}: warning: {text}", file=file or sys.stderr, flush=True)
        else:
            log.info("%s: %s (%s:%d)", category.__name__, text, filename, lineno)

    previous = warnings.showwarning
    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = previous


def start_problem() -> str | None:
    """Why this process cannot run a command that reads or writes files, or None: its working
    directory was deleted (another shell removed it, a temporary directory was cleaned up), so
    no relative path can be resolved, and loading torch there ends the process (Intel oneMKL:
    "Cannot load libtorch_cpu.so") before a command could say why."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return (
            "the working directory this command was started in no longer exists (it was "
            "deleted): cd to an existing directory and run it again"
        )
    except OSError:  # not readable (EACCES on some systems): absolute paths still work
        return None
    return None


def run_command(
    prog: str, main: Callable[[], int], *, stopped: str = "", failed: int = EXIT_FAILED
) -> int:
    """``main()``'s exit status; a stop by a signal or a closed stdout ends it as the module
    docstring says (``stopped``: what to add to the stop's line, e.g. what was kept; ``failed``:
    the status of a system error, for a command whose 1 means something else)."""
    _standard_streams_open()
    _escape_unencodable()
    try:
        check_environment()
    except InvalidArgumentError as err:
        print(f"{prog}: error: {' '.join(str(err).split())}", file=sys.stderr, flush=True)
        return EXIT_USAGE
    problem = start_problem()
    if problem is not None:
        print(f"{prog}: error: {problem}", file=sys.stderr, flush=True)
        return EXIT_USAGE
    try:
        with _stops_raise(), _warnings_routed(prog):
            status = main()
            sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return status
    except KeyboardInterrupt as stop:
        line, status = stop_message(prog, stop)
        with contextlib.suppress(OSError, ValueError):
            print(f"\n{line}{stopped and '; ' + stopped}", file=sys.stderr, flush=True)
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:  # the system failed the command (its output on a full disk, say)
        _silence_stdout()
        with contextlib.suppress(OSError, ValueError):
            print(f"{prog}: error: {' '.join(str(err).split())}", file=sys.stderr, flush=True)
        return failed


@contextlib.contextmanager
def stdout_held() -> Iterator[None]:
    """A command's standard output holds its result alone (``plasma-eval --json``'s object,
    ``plasma-train --print-config``'s config), read by another program: while inside, whatever
    else is written to the standard output (a user's env that prints, Python's ``print`` or a C
    library's ``printf``) goes to stderr instead, and the command prints its result after.

    The descriptor is redirected, not only ``sys.stdout``, so output from native code is held
    too; text still buffered in ``sys.stdout`` when the block ends is flushed to stderr first.
    Without a real standard output (a test's in-memory capture) nothing is changed."""
    try:
        fd, err_fd = sys.stdout.fileno(), sys.stderr.fileno()
        sys.stdout.flush()
        saved = os.dup(fd)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        os.dup2(err_fd, fd)
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()  # what was printed inside, to stderr
        os.dup2(saved, fd)
        os.close(saved)


# ------------------------------------------------------------------ the PLASMA_* variables
THREADS_ENV = "PLASMA_NUM_THREADS"
MAX_THREADS = 1024
"""The most threads ``PLASMA_NUM_THREADS`` may ask for: far more than any machine's cores, far
fewer than would exhaust the process's memory or the kernel's thread limit."""


def _value(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def num_threads() -> int | None:
    """``PLASMA_NUM_THREADS`` (the Rust core's threads; None when unset).

    Raises:
        InvalidArgumentError: it is not a whole number from 1 to :data:`MAX_THREADS`.
    """
    raw = _value(THREADS_ENV)
    if raw is None:
        return None
    try:
        threads = int(raw)
    except ValueError:
        threads = 0
    if not 1 <= threads <= MAX_THREADS:
        raise InvalidArgumentError(
            f"{THREADS_ENV}={raw[:40]!r} is not a number of threads from 1 to {MAX_THREADS}: "
            "set it to one, or unset it to use every core"
        )
    return threads


_screened: InvalidArgumentError | None = None


def screen_before_core() -> None:
    """Run by ``import plasma`` before the Rust core is loaded: a ``PLASMA_NUM_THREADS`` that
    :func:`num_threads` refuses is removed from the environment (the core then uses every core)
    and kept for :func:`check_environment` to raise."""
    global _screened
    try:
        num_threads()
    except InvalidArgumentError as err:
        _screened = err
        os.environ.pop(THREADS_ENV, None)


_CHECKS: dict[str, Callable[[], object]] = {THREADS_ENV: num_threads}


def register_check(name: str, check: Callable[[], object]) -> None:
    """Have :func:`check_environment` run ``check`` (which raises InvalidArgumentError for a bad
    value of the variable ``name``): a layer above this one registers the variables it reads
    when it is imported (``PLASMA_FAULT``, by :mod:`plasma.train.faults`)."""
    _CHECKS[name] = check


def check_environment() -> None:
    """Check every ``PLASMA_*`` variable that is set and can be checked without reading a file.

    Raises:
        InvalidArgumentError: the first that is wrong, named, with what to do.
    """
    if _screened is not None:
        raise _screened
    for check in _CHECKS.values():
        check()
