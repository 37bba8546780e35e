"""Errors of :mod:`plasma.auditor`; each also inherits the matching :mod:`plasma.errors` class."""

from __future__ import annotations

from plasma.errors import InvalidArgumentError, PlasmaError

__all__ = [
    "AuditorError",
    "CalibrationError",
    "RulePackError",
    "TrajectoryFormatError",
    "UnknownEnvironmentError",
]


class AuditorError(PlasmaError):
    """Base class of the auditor's errors."""


class RulePackError(AuditorError, InvalidArgumentError):
    """A rule pack is invalid: bad YAML, a bad regex, an unknown field, a duplicate id. The
    message names the pack and the rule."""


class TrajectoryFormatError(AuditorError, InvalidArgumentError):
    """A line of an agent-trajectory JSONL file is malformed; the message names the line."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        """1-based line number of the bad line (None when not about one line)."""


class CalibrationError(AuditorError, InvalidArgumentError):
    """Real data cannot calibrate the detectors for these paths (wrong shape, too little data,
    another environment)."""


class UnknownEnvironmentError(AuditorError, InvalidArgumentError):
    """The auditor needs an environment (to calibrate itself or to replay paths) and neither the
    paths nor the configuration name one."""
