"""The console scripts ``plasma-train`` and ``plasma-eval``, as a process starts them.

Their commands live in :mod:`plasma.train.cli`, whose import loads torch (``plasma.train``
exports ``evaluate``); a process that cannot run them is told so before that import, on one line
with status 2, rather than by a library dying while it loads. So far one such process: one whose
working directory was deleted (``cd`` into a directory another shell then removed), where Intel
oneMKL ends the process while torch loads (:func:`plasma._cli.start_problem`).
"""

from __future__ import annotations

import sys

from plasma._cli import EXIT_USAGE, start_problem

__all__ = ["eval_main", "train_main"]


def _refused(prog: str) -> int | None:
    problem = start_problem()
    if problem is None:
        return None
    print(f"{prog}: error: {problem}", file=sys.stderr, flush=True)
    return EXIT_USAGE


def train_main() -> int:
    """``plasma-train``: :func:`plasma.train.cli.train_main`."""
    refused = _refused("plasma-train")
    if refused is not None:
        return refused
    from plasma.train.cli import train_main as main

    return main()


def eval_main() -> int:
    """``plasma-eval``: :func:`plasma.train.cli.eval_main`."""
    refused = _refused("plasma-eval")
    if refused is not None:
        return refused
    from plasma.train.cli import eval_main as main

    return main()
