"""Fault injection: make a training process fail at a chosen stage of a chosen iteration.

The training loop calls :func:`fault_point` at the start of every stage. With the environment
variable ``PLASMA_FAULT`` unset (always, outside tests) it returns at once. Set, it names where
and how the process fails::

    PLASMA_FAULT=STAGE:ITERATION[:ACTION][,STAGE:ITERATION[:ACTION]...]

``STAGE`` is one of :data:`STAGES` (or ``*`` for any), ``ITERATION`` the 0-based iteration (or
``*``), ``ACTION`` one of :data:`ACTIONS` (default ``kill``):

- ``kill``: SIGKILL the process (a crash, a power cut as far as the process can tell);
- ``interrupt``: SIGINT the process (Ctrl-C) while the stage's work starts;
- ``terminate``: SIGTERM the process (what ``kill``, a scheduler or ``docker stop`` sends);
- ``stop``: SIGSTOP the process (it stays alive, holding what it holds, until SIGCONT);
- ``enospc``: raise ``OSError(ENOSPC)`` as a full disk would.

Before acting, the process writes ``plasma-fault: ACTION at STAGE:ITERATION`` on stderr, so a
test can tell where it failed. Tests of crash recovery (``tests/train/test_faults.py``,
``tests/train/test_resume.py``) use real processes and these real signals.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from typing import Literal

from plasma._cli import register_check
from plasma.errors import InvalidArgumentError

__all__ = ["ACTIONS", "FAULT_ENV", "STAGES", "FaultSpec", "fault_point", "parse_faults"]

FAULT_ENV = "PLASMA_FAULT"

STAGES = (
    "collect",
    "fit",
    "value",
    "imagine",
    "label",
    "distill",
    "evaluate",
    "commit",
    "state",
    "refresh",
)
"""The stages of an iteration, in order: ``commit`` starts writing the iteration's files,
``state`` comes after they are written and before ``state.json`` commits them, ``refresh`` after
the commit and before the top-level copies (``transitions.npz``, ``policy/``...) are updated."""

Action = Literal["kill", "interrupt", "terminate", "stop", "enospc"]
ACTIONS: tuple[Action, ...] = ("kill", "interrupt", "terminate", "stop", "enospc")

FaultSpec = tuple[str, str, Action]


def parse_faults(text: str) -> list[FaultSpec]:
    """``PLASMA_FAULT``'s value as (stage, iteration, action) triples; raise ValueError when bad."""
    specs: list[FaultSpec] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        fields = part.split(":")
        if len(fields) not in (2, 3):
            raise ValueError(f"{FAULT_ENV} entry {part!r} is not STAGE:ITERATION[:ACTION]")
        stage, iteration = fields[0], fields[1]
        name = fields[2] if len(fields) == 3 else "kill"
        if stage != "*" and stage not in STAGES:
            raise ValueError(f"{FAULT_ENV}: unknown stage {stage!r} (stages: {', '.join(STAGES)})")
        if iteration != "*" and not iteration.isdigit():
            raise ValueError(f"{FAULT_ENV}: iteration {iteration!r} is not a number or *")
        action = next((a for a in ACTIONS if a == name), None)
        if action is None:
            raise ValueError(f"{FAULT_ENV}: unknown action {name!r} (actions: {ACTIONS})")
        specs.append((stage, "*" if iteration == "*" else str(int(iteration)), action))
    return specs


def _check_fault_env() -> None:
    raw = os.environ.get(FAULT_ENV, "").strip()
    if not raw:
        return
    try:
        parse_faults(raw)
    except ValueError as err:
        raise InvalidArgumentError(f"{err}; unset {FAULT_ENV} (it is for tests)") from None


register_check(FAULT_ENV, _check_fault_env)


def fault_point(stage: str, iteration: int) -> None:
    """Fail here if ``PLASMA_FAULT`` names this stage and iteration (see the module docstring)."""
    text = os.environ.get(FAULT_ENV)
    if not text:
        return
    for want_stage, want_iteration, action in parse_faults(text):
        if want_stage in ("*", stage) and want_iteration in ("*", str(iteration)):
            _act(action, stage, iteration)


def _act(action: Action, stage: str, iteration: int) -> None:
    sys.stderr.write(f"plasma-fault: {action} at {stage}:{iteration}\n")
    sys.stderr.flush()
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "interrupt":
        os.kill(os.getpid(), signal.SIGINT)
    elif action == "terminate":
        os.kill(os.getpid(), signal.SIGTERM)
    elif action == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
    else:
        message = f"{os.strerror(errno.ENOSPC)} (injected at {stage}:{iteration})"
        raise OSError(errno.ENOSPC, message)
