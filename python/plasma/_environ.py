"""The ``PLASMA_*`` environment variables Plasma reads, each checked in one place.

A variable that is set but cannot mean anything (``PLASMA_NUM_THREADS=abc``, a thread count no
machine has, a ``PLASMA_FAULT`` that names no stage) is an error naming the variable and what it
must hold, never a value silently ignored or a failure deep inside a run. An empty (or blank)
value means unset. ``import plasma`` screens ``PLASMA_NUM_THREADS`` before the Rust core sizes its
thread pool from it (:func:`screen_before_core`: a bad value is taken out of the environment, so
the core never tries to start 10^8 threads, and kept as the error to report); every command checks
them all before it starts (:func:`plasma._cli.run_command`), so a bad value ends it with one line;
the variables that name files or keys (``PLASMA_KEYRING``, ``PLASMA_SIGNING_KEY``) are read, and
so checked, where :mod:`plasma.train.keys` reads them.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from plasma.errors import InvalidArgumentError

__all__ = [
    "MAX_THREADS",
    "THREADS_ENV",
    "check_environment",
    "num_threads",
    "screen_before_core",
]

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


def _fault_injection() -> None:
    raw = _value("PLASMA_FAULT")
    if raw is None:
        return
    from plasma.train.faults import parse_faults

    try:
        parse_faults(raw)
    except ValueError as err:
        raise InvalidArgumentError(f"{err}; unset PLASMA_FAULT (it is for tests)") from None


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


_CHECKS: dict[str, Callable[[], object]] = {
    THREADS_ENV: num_threads,
    "PLASMA_FAULT": _fault_injection,
}


def check_environment() -> None:
    """Check every ``PLASMA_*`` variable that is set and can be checked without reading a file.

    Raises:
        InvalidArgumentError: the first that is wrong, named, with what to do.
    """
    if _screened is not None:
        raise _screened
    for check in _CHECKS.values():
        check()
