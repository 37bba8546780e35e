"""Plasma's exception hierarchy.

Every error Plasma raises on purpose is a :class:`PlasmaError`. Where the meaning is "you passed a
bad value" the class also inherits :class:`ValueError` (or :class:`TypeError`, :class:`LookupError`,
:class:`RuntimeError`), so code that already catches the standard exceptions keeps working.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "ClusterConnectionError",
    "DistributedError",
    "EnvError",
    "EnvNotSupportedError",
    "IntegrityError",
    "InternalError",
    "InvalidArgumentError",
    "MissingFileError",
    "ModelNotFittedError",
    "NotStartedError",
    "PlasmaError",
    "PlasmaWarning",
    "RunDirError",
    "RunLockedError",
    "ShapeError",
    "SpanReuseError",
    "StateNotSerializableError",
    "TraceAlreadyCompletedError",
    "TraceError",
    "TraceFileError",
    "TraceNotFoundError",
    "TraceStillOpenError",
    "WriteError",
]


class PlasmaError(Exception):
    """Base class of every error Plasma raises on purpose."""


class PlasmaWarning(UserWarning):
    """Base class of every warning Plasma issues on purpose (a torn trace line skipped, a span
    that could not be written). A command shows these on one line each; the warnings of other
    libraries (Gymnasium's env checker, numpy...) it logs, shown with ``--verbose`` or when
    ``PYTHONWARNINGS`` / ``-W`` is set (:func:`plasma._cli.run_command`)."""


class NotStartedError(PlasmaError, RuntimeError):
    """A component was used before ``await component.start()`` (or after ``stop()``)."""


class ShapeError(PlasmaError, ValueError):
    """An array does not have the shape (or dtype) an operation needs; the message names both."""


class InvalidArgumentError(PlasmaError, ValueError):
    """An argument has a value the operation does not accept (non-positive count, NaN, ...)."""


class MissingFileError(InvalidArgumentError, FileNotFoundError):
    """A file or directory a user named (or a part of a saved directory: a policy's weights, a
    packet's manifest) does not exist; the message names the path and what it was to hold. A
    :class:`FileNotFoundError` too, as the loaders raised before. A path of the wrong kind (a
    file where a directory is expected, or the reverse) or an empty file is an
    :class:`InvalidArgumentError`."""

    def __str__(self) -> str:  # OSError would format (errno, strerror) pairs
        return str(self.args[0]) if self.args else ""


class WriteError(PlasmaError, OSError):
    """A file Plasma writes could not be written: the disk is full, a file-size limit
    (``ulimit -f``) or a quota is reached, the directory is read-only. ``filename`` is the file
    that was being written (not its temporary name), ``errno`` and ``strerror`` the system's
    reason; the message names both on one line. What the file held before is intact: Plasma
    writes through a temporary file and a rename (:mod:`plasma._io`). An :class:`OSError`, as
    the write's own error was. The commands end with status 1 on it (the system failed them,
    the input was fine)."""

    def __str__(self) -> str:  # OSError would format "[Errno 27] File too large: 'path'"
        reason = self.strerror or (str(self.args[0]) if self.args else "failed")
        return f"cannot write {self.filename}: {reason}"


class ModelNotFittedError(PlasmaError, RuntimeError):
    """A world model or policy was used before it was fitted or loaded."""


class EnvNotSupportedError(PlasmaError, ValueError):
    """A Gymnasium environment lacks what Plasma needs; the message says what."""


class EnvError(PlasmaError, RuntimeError):
    """The environment itself failed while Plasma used it: its ``reset()`` or ``step()`` raised,
    or it returned an observation or reward that is NaN or infinite. The message names the env,
    the call, the step of the episode and the env's own error."""


class RunDirError(PlasmaError, ValueError):
    """A directory cannot be used as a run directory: it is not Plasma's (Plasma never writes into
    a directory it did not create), or it holds no run."""


class RunLockedError(RunDirError):
    """Another process holds the run directory's lock (a run is training in it)."""


class IntegrityError(PlasmaError, ValueError):
    """A file does not match the sha256 recorded when it was written (corrupted or changed)."""


class InternalError(PlasmaError, RuntimeError):
    """A bug inside Plasma (for example a Rust panic, caught at the boundary). Please report it."""


class DistributedError(PlasmaError, RuntimeError):
    """A distributed backend (Ray) could not complete a call: a shard failed on every retry, or
    the cluster could not place the workers. Never raised with a partial result."""


class ClusterConnectionError(DistributedError, ConnectionError):
    """The Ray cluster at the configured address cannot be reached."""


class BackendUnavailableError(PlasmaError, ImportError):
    """An optional backend was asked for but its package is not installed; the message names the
    extra to install (``pip install "plasma-agents[ray]"``)."""


class TraceError(PlasmaError):
    """Base class of the errors of :mod:`plasma.trace`."""


class TraceNotFoundError(TraceError, LookupError):
    """The trace id is not known to this tracker (never created, or completed and evicted)."""

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0]) if self.args else ""


class TraceAlreadyCompletedError(TraceError, RuntimeError):
    """The trace was already completed: it cannot be completed again or take new spans."""


class TraceStillOpenError(TraceError, RuntimeError):
    """The trace still has spans in flight; end them first or complete it with ``force=True``."""


class SpanReuseError(TraceError, RuntimeError):
    """A span was entered a second time. A span measures one execution; create a new one."""


class StateNotSerializableError(TraceError, TypeError):
    """A value given to ``update_state`` (or as an attribute) cannot be represented as JSON."""


class TraceFileError(TraceError, ValueError):
    """A trace file is corrupt somewhere other than its last line (which a crash may tear)."""
