"""Agent trajectories as JSONL, one step per line, and the text fields the rules read.

Schema of one line (a JSON object; keys not listed are allowed and ignored)::

    {
      "trajectory_id": "run-17",          # optional str|int; default "default" (one trajectory)
      "step": 3,                          # optional int >= 0; default: order within the trajectory
      "role": "assistant",                # REQUIRED non-empty str: system|user|assistant|tool|...
      "content": "I'll run the tests.",   # str|null: the message text, or a tool's output
      "tool": "bash",                     # str|null: the tool the step calls
      "arguments": {"command": "pytest"}, # object|str|null: the tool call's arguments
      "reward": 1.0,                      # optional number|null: a reward signal, if any
      "metadata": {}                      # optional object
    }

A line needs ``role`` and at least one of ``content``, ``tool`` and ``arguments``. Blank lines
are skipped. A malformed line (bad JSON, a missing or mistyped field) raises
:class:`~plasma.auditor.errors.TrajectoryFormatError` naming its line number, or, with
``on_error="skip"``, is recorded in :attr:`TrajectoryBatch.errors` and skipped.

Text fields the rules read (see :data:`BASE_FIELDS`): ``content``; ``arguments`` (the string
values of the arguments, raw, one per line; other values as JSON); ``tool``; ``role``; ``file``
(the path the step touches: the first of the arguments ``path``, ``file_path``, ``filename``,
``file``, ``target_file``, ``target``, plus shell redirect and ``tee`` targets of the command);
``command`` (the arguments ``command``, ``cmd``, ``script`` or ``shell``); and
``arguments.KEY`` for any single argument.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from plasma.auditor.errors import TrajectoryFormatError

__all__ = [
    "BASE_FIELDS",
    "LineError",
    "TrajectoryBatch",
    "TrajectoryStep",
    "field_text",
    "read_trajectories",
]

BASE_FIELDS: tuple[str, ...] = ("content", "arguments", "tool", "role", "file", "command")
"""Fields every step has (empty when absent); ``arguments.KEY`` reads one argument."""

_FILE_KEYS = ("path", "file_path", "filename", "file", "target_file", "target")
_COMMAND_KEYS = ("command", "cmd", "script", "shell")
_REDIRECT = re.compile(r"(?:>{1,2}|\btee\s+(?:-a\s+)?)\s*([^\s;|&<>]+)")


class TrajectoryStep(BaseModel):
    """One step of an agent trajectory (one JSONL line)."""

    model_config = ConfigDict(extra="ignore")

    trajectory_id: str = "default"
    """Which trajectory the step belongs to."""
    step: int | None = Field(default=None, ge=0)
    """Position in the trajectory (default: line order)."""
    role: str = Field(min_length=1)
    """Who acts: system, user, assistant, tool, ..."""
    content: str | None = None
    """Message text or tool output."""
    tool: str | None = None
    """Tool called."""
    arguments: dict[str, Any] | str | None = None
    """Arguments of the tool call."""
    reward: float | None = None
    """Reward signal of the step, if any."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Anything else."""

    @field_validator("trajectory_id", mode="before")
    @classmethod
    def _id_to_str(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @model_validator(mode="after")
    def _says_something(self) -> TrajectoryStep:
        if self.content is None and self.tool is None and self.arguments is None:
            raise ValueError("a step needs at least one of content, tool and arguments")
        return self


@dataclass(frozen=True)
class LineError:
    """A malformed line that was skipped."""

    line: int
    """1-based line number."""
    message: str
    """What was wrong."""


@dataclass
class TrajectoryBatch:
    """Steps of one or more trajectories, in file order."""

    steps: list[TrajectoryStep] = field(default_factory=list)
    """The steps."""
    lines: list[int] = field(default_factory=list)
    """1-based line number of each step (its index in the list when not read from a file)."""
    errors: list[LineError] = field(default_factory=list)
    """Lines skipped with ``on_error="skip"``."""
    source: str | None = None
    """File the steps came from."""

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def trajectory_ids(self) -> list[str]:
        """Ids in order of first appearance."""
        return list(dict.fromkeys(s.trajectory_id for s in self.steps))

    def trajectory_index(self) -> list[int]:
        """For each step, the index of its trajectory in :attr:`trajectory_ids`."""
        order = {tid: i for i, tid in enumerate(self.trajectory_ids)}
        return [order[s.trajectory_id] for s in self.steps]

    def step_numbers(self) -> list[int]:
        """For each step, its ``step`` or its position within its trajectory."""
        seen: dict[str, int] = {}
        out = []
        for s in self.steps:
            pos = seen.get(s.trajectory_id, 0)
            seen[s.trajectory_id] = pos + 1
            out.append(s.step if s.step is not None else pos)
        return out

    @classmethod
    def from_steps(
        cls, steps: Iterable[TrajectoryStep | Mapping[str, Any]], *, on_error: str = "raise"
    ) -> TrajectoryBatch:
        """Validate in-memory steps (dicts or models); positions stand in for line numbers."""
        batch = cls()
        for i, raw in enumerate(steps, start=1):
            if isinstance(raw, TrajectoryStep):
                batch.steps.append(raw)
                batch.lines.append(i)
                continue
            _add(batch, i, raw, on_error, what="step")
        return batch


def _describe(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            parts.append(f"missing field {loc!r}")
        else:
            parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def _add(batch: TrajectoryBatch, line: int, raw: Any, on_error: str, *, what: str) -> None:
    try:
        if not isinstance(raw, Mapping):
            raise TrajectoryFormatError(
                f"{what} {line}: expected a JSON object, got {type(raw).__name__}", line=line
            )
        step = TrajectoryStep.model_validate(raw)
    except ValidationError as err:
        problem = TrajectoryFormatError(f"{what} {line}: {_describe(err)}", line=line)
        if on_error == "raise":
            raise problem from None
        batch.errors.append(LineError(line, str(problem)))
        return
    except TrajectoryFormatError as problem:
        if on_error == "raise":
            raise
        batch.errors.append(LineError(line, str(problem)))
        return
    batch.steps.append(step)
    batch.lines.append(line)


def read_trajectories(
    path: str | os.PathLike[str], *, on_error: Literal["raise", "skip"] = "raise"
) -> TrajectoryBatch:
    """Read a JSONL file of trajectory steps (see the module docstring for the schema).

    Raises:
        FileNotFoundError: no such file.
        TrajectoryFormatError: a malformed line (``on_error="raise"``), or a file that is not
            UTF-8 text.
    """
    if on_error not in ("raise", "skip"):
        raise TrajectoryFormatError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"trajectory file {file} does not exist")
    batch = TrajectoryBatch(source=str(file))
    try:
        with file.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as err:
                    problem = TrajectoryFormatError(
                        f"{file}: line {number}: not valid JSON ({err.msg} at column {err.colno})",
                        line=number,
                    )
                    if on_error == "raise":
                        raise problem from None
                    batch.errors.append(LineError(number, str(problem)))
                    continue
                _add(batch, number, raw, on_error, what=f"{file}: line")
    except UnicodeDecodeError as err:
        raise TrajectoryFormatError(f"{file} is not UTF-8 text: {err}") from None
    return batch


def _string(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def field_text(step: TrajectoryStep, name: str) -> str:
    """The text of one field of a step (empty when the step has none)."""
    args = step.arguments
    if name == "content":
        return step.content or ""
    if name == "tool":
        return step.tool or ""
    if name == "role":
        return step.role
    if name == "arguments":
        if args is None:
            return ""
        if isinstance(args, str):
            return args
        return "\n".join(_string(v) for v in args.values())
    if name == "command":
        if isinstance(args, dict):
            for key in _COMMAND_KEYS:
                if isinstance(args.get(key), str):
                    return str(args[key])
        return ""
    if name == "file":
        found: list[str] = []
        if isinstance(args, dict):
            for key in _FILE_KEYS:
                if isinstance(args.get(key), str):
                    found.append(str(args[key]))
                    break
        command = field_text(step, "command")
        if command:
            found.extend(m.group(1) for m in _REDIRECT.finditer(command))
        return "\n".join(found)
    if name.startswith("arguments."):
        key = name.split(".", 1)[1]
        if isinstance(args, dict) and key in args:
            return _string(args[key])
        return ""
    raise KeyError(name)
