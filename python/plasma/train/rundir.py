"""The run directory: where a training run keeps everything, written so a crash loses nothing.

Layout of ``runs/<name>/``::

    config.json                 the resolved TrainConfig
    state.json                  the commit point: last completed iteration and what is deployed
    trace.jsonl                 spans of every stage
    metrics.jsonl, metrics.csv  one row per completed iteration
    transitions.npz             all real transitions of the completed iterations
    world_model.safetensors     the latest world model
    policy/                     the deployed base policy (policy.json + policy.safetensors)
    packets/<id>/               instruction packets (LoRA adapters + signed manifests)
    iterations/NNNN/            per iteration: real.npz (its new real steps), world_model,
                                policy/, paths.npz (audited phantom paths)
    report.md                   summary and learning curve

Every file is written atomically (temp file, fsync, rename). ``state.json`` is written last in
an iteration; on resume everything newer than it (iteration directories, packets, metric rows) is
dropped and the iteration is redone from its seed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from plasma._io import atomic_write_bytes

__all__ = ["RunDir", "RunState", "find_latest_run"]

STATE_FILE = "state.json"
CONFIG_FILE = "config.json"
METRICS_JSONL = "metrics.jsonl"
METRICS_CSV = "metrics.csv"


def copy_dir_atomic(source: Path, target: Path) -> Path:
    """Replace directory ``target`` with a copy of ``source`` (copy aside, then swap)."""
    tmp = target.parent / f".{target.name}.tmp"
    old = target.parent / f".{target.name}.old"
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(source, tmp)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    if old.exists():
        shutil.rmtree(old)
    return target


class RunState(BaseModel):
    """``state.json``: what the last completed iteration left behind."""

    model_config = ConfigDict(extra="forbid")

    completed_iterations: int = 0
    """Iterations completed (the next one has this index)."""
    real_steps: int = 0
    """Real environment steps used for training so far."""
    eval_steps: int = 0
    """Real steps spent on evaluation episodes (not training data)."""
    imagined_steps: int = 0
    """Phantom steps imagined so far."""
    policy_dir: str | None = None
    """Deployed base policy, relative to the run directory."""
    active_packet: str | None = None
    """Directory of the active packet, relative to the run directory (None: the bare base)."""
    packets: list[str] = Field(default_factory=list)
    """Every packet directory written by completed iterations (relative paths)."""
    world_model: str | None = None
    """Latest world model file (relative path)."""
    last_eval_return: float | None = None
    """Mean return of the last evaluation."""
    trace_id: str | None = None
    """The run's trace id."""
    finished: bool = False
    """True when the run completed all its iterations."""
    updated: str = ""
    """When this state was written (UTC, ISO 8601)."""


class RunDir:
    """A run directory (see the module docstring); cheap to construct, creates nothing."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"RunDir({str(self.path)!r})"

    # ----------------------------------------------------------------- paths
    @property
    def state_file(self) -> Path:
        """``state.json``."""
        return self.path / STATE_FILE

    @property
    def config_file(self) -> Path:
        """``config.json``."""
        return self.path / CONFIG_FILE

    @property
    def trace_file(self) -> Path:
        """``trace.jsonl``."""
        return self.path / "trace.jsonl"

    @property
    def packets_dir(self) -> Path:
        """``packets/``."""
        return self.path / "packets"

    def iteration_dir(self, index: int) -> Path:
        """``iterations/NNNN/``."""
        return self.path / "iterations" / f"{index:04d}"

    def exists(self) -> bool:
        """True when the directory holds a config."""
        return self.config_file.is_file()

    # ----------------------------------------------------------------- state
    def read_state(self) -> RunState:
        """The committed state (a fresh one when none was written yet)."""
        if not self.state_file.is_file():
            return RunState()
        return RunState.model_validate_json(self.state_file.read_text(encoding="utf-8"))

    def write_state(self, state: RunState) -> None:
        """Commit ``state`` (atomically)."""
        state.updated = datetime.now(UTC).isoformat()
        atomic_write_bytes(self.state_file, state.model_dump_json(indent=2).encode())

    def write_config(self, config: BaseModel) -> None:
        """Write the resolved config."""
        atomic_write_bytes(self.config_file, config.model_dump_json(indent=2).encode())

    def read_config_dict(self) -> dict[str, Any]:
        """The resolved config as written."""
        data = json.loads(self.config_file.read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        return data

    # ----------------------------------------------------------------- metrics
    def read_metrics(self) -> list[dict[str, Any]]:
        """The metric rows of the completed iterations."""
        path = self.path / METRICS_JSONL
        if not path.is_file():
            return []
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                with contextlib.suppress(ValueError):
                    rows.append(json.loads(line))
        return rows

    def write_metrics(self, rows: Iterable[dict[str, Any]]) -> None:
        """Rewrite ``metrics.jsonl`` and ``metrics.csv`` from ``rows`` (atomically)."""
        rows = list(rows)
        jsonl = "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows)
        atomic_write_bytes(self.path / METRICS_JSONL, jsonl.encode())
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(row.get(k)) for k in columns})
        atomic_write_bytes(self.path / METRICS_CSV, buffer.getvalue().encode())

    # ----------------------------------------------------------------- recovery
    def discard_uncommitted(self, state: RunState) -> list[str]:
        """Remove what an interrupted iteration left behind; return what was removed."""
        removed: list[str] = []
        iterations = self.path / "iterations"
        if iterations.is_dir():
            for child in sorted(iterations.iterdir()):
                if child.name.isdigit() and int(child.name) >= state.completed_iterations:
                    shutil.rmtree(child)
                    removed.append(str(child.relative_to(self.path)))
        keep = set(state.packets)
        if self.packets_dir.is_dir():
            for child in sorted(self.packets_dir.iterdir()):
                rel = str(child.relative_to(self.path))
                if rel not in keep:
                    if child.is_dir():
                        shutil.rmtree(child)
                    else:
                        child.unlink()
                    removed.append(rel)
        rows = self.read_metrics()
        kept = [r for r in rows if int(r.get("iteration", -1)) < state.completed_iterations]
        if len(kept) != len(rows) or (kept and not (self.path / METRICS_CSV).is_file()):
            self.write_metrics(kept)
            removed.append(f"{len(rows) - len(kept)} metric rows")
        for leftover in self.path.glob(".*.tmp"):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        return removed


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def find_latest_run(runs_dir: str | os.PathLike[str]) -> Path | None:
    """The most recently updated run directory under ``runs_dir`` (one that holds a state)."""
    root = Path(runs_dir)
    if not root.is_dir():
        return None
    candidates = [p for p in root.iterdir() if (p / STATE_FILE).is_file()]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p / STATE_FILE).stat().st_mtime_ns)
