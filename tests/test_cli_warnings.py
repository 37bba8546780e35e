"""Where a command's warnings go (:func:`plasma._cli.run_command`): Plasma's own on one line
each, another library's (Gymnasium's env checker, say) to the ``py.warnings`` logger at INFO,
so that a command's error stays its one line; ``-W`` / ``PYTHONWARNINGS`` give Python's own
handling back. Before: Gymnasium's checker added two lines (with terminal colours) to
``plasma-eval``'s one-line error about an env whose ``reset()`` returned a bare array."""

from __future__ import annotations

import logging
import sys
import warnings

import pytest

from plasma._cli import run_command
from plasma.errors import PlasmaWarning
from plasma.trace.reader import TornLineWarning
from plasma.trace.tracker import SpanNotWrittenWarning

PROG = "plasma-test"
GYM_LIKE = (
    "\x1b[33mWARN: The result returned by `env.reset()` was not a tuple\n  of the form "
    "`(obs, info)`.\x1b[0m"
)

# (the warning, its category, what stderr holds besides the error, what py.warnings logs)
CASES = [
    (GYM_LIKE, UserWarning, [], ["UserWarning: WARN: The result returned by `env.reset()` was"]),
    ("x is\ndeprecated", DeprecationWarning, [], ["DeprecationWarning: x is deprecated"]),
    ("overflow in exp", RuntimeWarning, [], ["RuntimeWarning: overflow in exp"]),
    ("skipped a\ntorn line", TornLineWarning, [f"{PROG}: warning: skipped a torn line"], []),
    ("span lost", SpanNotWrittenWarning, [f"{PROG}: warning: span lost"], []),
    ("a plasma one", PlasmaWarning, [f"{PROG}: warning: a plasma one"], []),
]


def _main(message: str, category: type[Warning]) -> int:
    warnings.warn(message, category, stacklevel=1)
    print(f"{PROG}: error: env 'g/G-v0' returned ndarray, not the pair", file=sys.stderr)
    return 1


@pytest.mark.parametrize(("message", "category", "shown", "logged"), CASES)
def test_a_warning_never_adds_lines_to_the_error(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    message: str,
    category: type[Warning],
    shown: list[str],
    logged: list[str],
) -> None:
    monkeypatch.setattr(sys, "warnoptions", [])
    caplog.set_level(logging.INFO, logger="py.warnings")  # what --verbose shows
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        status = run_command(PROG, lambda: _main(message, category))
    assert status == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [*shown, f"{PROG}: error: env 'g/G-v0' returned ndarray, not the pair"]
    records = [r.getMessage() for r in caplog.records if r.name == "py.warnings"]
    assert len(records) == len(logged)
    for record, start in zip(records, logged, strict=True):
        assert record.startswith(start)
        assert "\n" not in record
        assert "\x1b" not in record
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name == "py.warnings")


def test_python_warning_options_give_python_its_own_handling(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "warnoptions", ["default"])  # PYTHONWARNINGS=default, or -W
    caplog.set_level(logging.INFO, logger="py.warnings")
    with pytest.warns(UserWarning, match="The result returned"):
        assert run_command(PROG, lambda: _main(GYM_LIKE, UserWarning)) == 1
    assert not [r for r in caplog.records if r.name == "py.warnings"]


def test_the_previous_handler_is_back_after_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "warnoptions", [])
    before = warnings.showwarning
    run_command(PROG, lambda: 0)
    assert warnings.showwarning is before
