"""The console scripts ``plasma-train`` and ``plasma-eval``, as a process starts them.

Their commands live in :mod:`plasma.train.cli`, whose import loads torch (``plasma.train``
exports ``evaluate``); a process that cannot run them is told so before that import, on one line
with status 2, rather than by a library dying while it loads. So far one such process: one whose
working directory was deleted (``cd`` into a directory another shell then removed), where Intel
oneMKL ends the process while torch loads (:func:`plasma._cli.start_problem`).

A command's process ends once its work is written and reported (:func:`_ended`): a thread that
code outside Plasma started and left running (a user env's constructor that starts a
non-daemon thread) would otherwise keep the interpreter waiting at exit for ever, after the run
committed or the result printed; it is given a grace, then the process ends without it. Only
the console scripts do this; the library's :func:`plasma.train.cli.train_main` and
``eval_main`` return as any function does.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import time

from plasma._cli import EXIT_USAGE, start_problem

__all__ = ["eval_main", "train_main"]


def _refused(prog: str) -> int | None:
    problem = start_problem()
    if problem is None:
        return None
    print(f"{prog}: error: {problem}", file=sys.stderr, flush=True)
    return EXIT_USAGE


LEFT_THREADS_GRACE_S = 10.0
"""How long a finished command's process waits at exit for threads still running before it
ends without them."""


def _ended(prog: str, status: int) -> int:
    """``status``, returned to the interpreter to exit with as usual, and a daemon watchdog: if
    the process is still there :data:`LEFT_THREADS_GRACE_S` seconds later, held by threads
    other than the main one that do not end (non-daemon: the interpreter joins them at exit,
    after its own pools' workers), the command's work being done, written and reported, it
    ends the process with ``status``, after one warning naming them, the exit handlers run and
    the streams flushed."""

    def watch() -> None:
        time.sleep(LEFT_THREADS_GRACE_S)
        left = [
            t
            for t in threading.enumerate()
            if t.is_alive() and not t.daemon and t is not threading.main_thread()
        ]
        if not left:  # the interpreter is finishing its exit on its own
            return
        names = ", ".join(repr(t.name) for t in left[:3]) + (" ..." if len(left) > 3 else "")
        with contextlib.suppress(Exception):
            print(
                f"{prog}: warning: {len(left)} thread(s) not started by Plasma still running "
                f"at exit ({names}; a user env's?): the process ends without them",
                file=sys.stderr,
                flush=True,
            )
        with contextlib.suppress(Exception):
            atexit._run_exitfuncs()  # what the interpreter would run at exit
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(status)

    threading.Thread(target=watch, name="plasma-exit-watchdog", daemon=True).start()
    return status


def train_main() -> int:
    """``plasma-train``: :func:`plasma.train.cli.train_main`."""
    refused = _refused("plasma-train")
    if refused is not None:
        return refused
    from plasma.train.cli import train_main as main

    return _ended("plasma-train", main())


def eval_main() -> int:
    """``plasma-eval``: :func:`plasma.train.cli.eval_main`."""
    refused = _refused("plasma-eval")
    if refused is not None:
        return refused
    from plasma.train.cli import eval_main as main

    return _ended("plasma-eval", main())
