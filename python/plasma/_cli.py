"""How a Plasma command ends when its process is stopped or its reader goes away.

:func:`run_command` runs a command's ``main`` so that

- Ctrl-C (SIGINT) and SIGTERM (``kill``, a scheduler, ``docker stop``) end it with one line and
  status 130 or 143 (128 + the signal), never a traceback, whatever it was doing (reading a
  run, waiting on a user's env, evaluating); a second signal while the first is handled ends the
  process at once;
- a reader that closes the command's standard output early (``plasma-eval --json | head -c 10``)
  ends it quietly with status 141 (128 + SIGPIPE, what a shell reports for a program killed by a
  broken pipe): there is no one left to tell;
- any other system error the command does not handle itself (its output on a full disk, say)
  ends it with one line and status 1.

A command that writes files writes them atomically (:mod:`plasma._io`), so a stop leaves the old
content or the new.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FAILED", "Stopped", "run_command", "stop_message"]

EXIT_FAILED = 1
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


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
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Stopped` in the main thread while inside (Python's default for
    SIGINT is a KeyboardInterrupt already; an ignored SIGINT, as ``nohup`` sets, stays ignored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process
        raise Stopped(signum)

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit does not fail
    again on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def run_command(
    prog: str, main: Callable[[], int], *, stopped: str = "", failed: int = EXIT_FAILED
) -> int:
    """``main()``'s exit status; a stop by a signal or a closed stdout ends it as the module
    docstring says (``stopped``: what to add to the stop's line, e.g. what was kept; ``failed``:
    the status of a system error, for a command whose 1 means something else)."""
    try:
        with _sigterm_raises():
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
