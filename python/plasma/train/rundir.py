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
    .plasma-run                 marks the directory as Plasma's; the lock of the process using it

A run directory is a small database:

- **Never mixed.** A process works in a run directory only while it holds the exclusive lock on
  its ``.plasma-run`` file (:meth:`RunDir.claim`); a second ``plasma-train`` on the same
  directory is refused. The kernel drops the lock when the process ends, however it ends.
- **Never corrupted.** Every file is written atomically (temp file, fsync, rename).
  ``state.json`` is written last in an iteration and records the sha256 of every file the
  committed iterations wrote (``checksums``); every load of such a file checks it first
  (:meth:`RunDir.verified`). On resume everything newer than the commit (iteration directories,
  packets, metric rows) is dropped and the iteration is redone from its seed.
- **Nothing of the user's is deleted.** Plasma only creates a run in a directory that is new or
  empty, and only ever removes entries it names itself (``iterations/NNNN``, ``packets/pkt-...``
  and its own temporary files) from a directory that carries its ``.plasma-run`` marker.
- **No secrets.** ``config.json`` holds every setting except secret ones (signing keys), which
  are written as ``null``; a resumed run gets them again from the environment or a key file.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic_core
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretBytes,
    SecretStr,
    ValidationError,
    field_validator,
)

from plasma._io import (
    atomic_write_bytes,
    loads_json,
    read_at_most,
    sha256_file,
    write_dir_atomic,
    writing,
)
from plasma._names import json_text
from plasma.errors import (
    EnvNotSupportedError,
    IntegrityError,
    RunDirError,
    RunLockedError,
    WriteError,
)

if TYPE_CHECKING:
    from plasma.envs import PlasmaEnv, Transitions

Spaces = tuple[int, int, int | None]
"""An env's spaces as a run depends on them: observation width, action width, and the number
of discrete actions (None for Box actions)."""

MAX_HEADER_BYTES = 1 << 20
"""A saved policy's ``policy.json`` is a few hundred bytes; a larger one is not read."""

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks
    fcntl = None  # type: ignore[assignment]

__all__ = ["RunDir", "RunState", "find_latest_run", "public_json"]

log = logging.getLogger("plasma.train")

STATE_FILE = "state.json"
CONFIG_FILE = "config.json"
METRICS_JSONL = "metrics.jsonl"
METRICS_CSV = "metrics.csv"
MARKER_FILE = ".plasma-run"
DECISIONS_FILE = "decisions.npz"
"""Per iteration: the planner's decisions at the iteration's real states."""
VALUE_FILE = "value.safetensors"
"""Per iteration: the value the planner used from that iteration on."""
RUN_FORMAT = "plasma.run/1"
# What Plasma itself writes at the top of a run directory: only temporary files of these names
# are ever cleaned up there.
_TOP_LEVEL_NAMES = (
    STATE_FILE,
    CONFIG_FILE,
    METRICS_JSONL,
    METRICS_CSV,
    "transitions.npz",
    "world_model.safetensors",
    "policy",
    "report.md",
    "learning_curve.png",
)
# The top-level copies a commit refreshes (after ``state.json``): never there before one.
_REFRESHED_NAMES = ("transitions.npz", "world_model.safetensors", "policy")
_WRITE_REFUSED = frozenset(
    {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
)
"""The reasons for which the system refuses a write (not a fault of the directory's contents)."""
_ITERATION_NAME = re.compile(r"^[0-9]{4,}$")
_PACKET_NAME = re.compile(r"^\.?pkt-[0-9a-f]{32}(\.(tmp|old)-[A-Za-z0-9_]+)?$")


def _strip_secrets(value: Any) -> Any:
    if isinstance(value, (SecretStr, SecretBytes)):
        return None
    if isinstance(value, dict):
        return {k: _strip_secrets(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strip_secrets(v) for v in value]
    return value


def public_json(model: BaseModel) -> bytes:
    """``model`` as indented JSON with every secret field (``SecretStr``) written as null, and
    every string and path as its text (:func:`plasma._names.json_text`: a run directory's name
    the locale cannot decode is written, not refused)."""
    return pydantic_core.to_json(json_text(_strip_secrets(model.model_dump())), indent=2)


def copy_dir_atomic(source: Path, target: Path) -> Path:
    """Replace directory ``target`` with a copy of the files of the flat directory ``source``
    (written aside, fsynced, then swapped in: see :func:`plasma._io.write_dir_atomic`)."""
    files = {p.name: p.read_bytes() for p in sorted(source.iterdir()) if p.is_file()}
    return write_dir_atomic(target, files, overwrite=True)


MAX_STATE_BYTES = 256 << 20
"""``state.json`` is refused above this size (a run of many thousand iterations records a few
MB of checksums): a file that large is not one Plasma wrote, and is not read whole."""
MAX_CONFIG_BYTES = 16 << 20
"""``config.json`` (and a ``--config`` file) is refused above this size."""


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
    checksums: dict[str, str] | None = None
    """sha256 of every file the committed iterations wrote (iteration directories, packets), by
    path relative to the run directory; None in runs written before Plasma recorded them."""
    finished: bool = False
    """True when the run completed all its iterations."""
    updated: str = ""
    """When this state was written (UTC, ISO 8601)."""

    @field_validator("policy_dir", "active_packet", "world_model")
    @classmethod
    def _inside_path(cls, value: str | None) -> str | None:
        return None if value is None else _inside(value)

    @field_validator("packets")
    @classmethod
    def _inside_paths(cls, value: list[str]) -> list[str]:
        return [_inside(rel) for rel in value]

    @field_validator("checksums")
    @classmethod
    def _inside_keys(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return None if value is None else {_inside(rel): digest for rel, digest in value.items()}


def _inside(rel: str) -> str:
    """``rel`` when it names a place inside the run directory: a relative path without ``..``
    (every path Plasma records is one); a ValueError otherwise, so that a tampered or foreign
    ``state.json`` cannot make a run load or check files elsewhere."""
    path = Path(rel)
    if not rel or path.is_absolute() or ".." in path.parts:
        raise ValueError(f"{rel!r} is not a path inside the run directory")
    return rel


class RunDir:
    """A run directory (see the module docstring); cheap to construct, creates nothing."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        # Absolute from the start: a relative path would name another directory once the
        # process's working directory changes (a user's env may chdir while it runs).
        self.path = Path(path).absolute()
        self._lock_fd: int | None = None

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

    @property
    def marker_file(self) -> Path:
        """``.plasma-run``: marks the directory as Plasma's; its lock is the run's lock."""
        return self.path / MARKER_FILE

    def exists(self) -> bool:
        """True when the directory holds a config."""
        return self.config_file.is_file()

    # ----------------------------------------------------------------- opened for reading
    @classmethod
    def find(
        cls, spec: str | os.PathLike[str], runs_dir: str | os.PathLike[str] | None = None
    ) -> RunDir:
        """The run ``spec`` names (a path, or a name under ``runs_dir``), for reading: the one
        place every command that reads a run (``plasma-eval``, ``--resume``, ``--base``) opens
        it, so that each says the same thing about the same directory.

        Raises:
            RunDirError: nothing is there; it is not a directory; it is not a Plasma run; or it
                is one that was stopped before it saved its config (a run killed while it
                started: it has no completed iteration and nothing to resume).
        """
        path = Path(spec)
        candidates = [path]
        if runs_dir is not None and not path.is_absolute():
            candidates.append(Path(runs_dir) / path)
        for candidate in candidates:
            run = cls(candidate)
            if run.config_file.is_file() or run.marker_file.is_file():
                run._check_started()
                return run
        for candidate in candidates:
            if candidate.exists() and not candidate.is_dir():
                raise RunDirError(f"run {spec}: {candidate} is not a directory")
            if candidate.is_dir() and not _holds_anything(candidate):
                raise RunDirError(
                    f"run {candidate} is empty: no run was started there, or one was stopped "
                    "before it wrote anything (nothing to resume or evaluate); start it with "
                    f"plasma-train --run-dir {candidate}"
                )
            if candidate.is_dir():
                raise RunDirError(
                    f"{candidate} is not a Plasma run directory (it holds no config.json): "
                    "name the directory plasma-train wrote"
                )
        where = " or ".join(str(c) for c in candidates)
        # A run stopped before it claimed its directory wrote nothing (its inputs are checked
        # before anything is created), so this is also what such a run's readers are told.
        raise RunDirError(f"run {spec} not found: there is no directory {where}")

    def _check_started(self) -> None:
        """Raise unless the run saved its config (its marker alone: killed while it started)."""
        if self.config_file.is_file():
            return
        raise RunDirError(
            f"run {self.path} has no completed iteration: it was stopped before it saved its "
            f"settings ({CONFIG_FILE}), so there is nothing to resume or evaluate; start it "
            f"again with plasma-train --run-dir {self.path} and the flags it was started with"
        )

    def committed_state(self) -> RunState:
        """The committed state of a run that must have completed an iteration (to evaluate it,
        to adapt it with ``--base``).

        Raises:
            RunDirError: no iteration was committed yet (the run is still in its first one, or
                was stopped before its first commit); it says how to continue it.
            IntegrityError: as :meth:`read_state`.
        """
        self._check_started()
        state = self.read_state()
        if state.completed_iterations == 0:
            raise RunDirError(
                f"run {self.path} has no completed iteration yet (it is in its first, or was "
                "stopped before its first commit): wait for it, or continue it with "
                f"plasma-train --resume {self.path}"
            )
        return state

    def is_plasma_run(self) -> bool:
        """True when the directory carries Plasma's marker (or, in a run written before the marker
        existed, a valid ``state.json`` beside its ``config.json``)."""
        if self.marker_file.is_file():
            return True
        if not (self.config_file.is_file() and self.state_file.is_file()):
            return False
        try:
            RunState.model_validate_json(read_at_most(self.state_file, MAX_STATE_BYTES))
        except (OSError, ValidationError):
            return False
        return True

    # ----------------------------------------------------------------- lock
    def claim(self) -> RunDir:
        """Take the run directory for this process: create it if needed, lock it, mark it.

        The lock (``flock`` on ``.plasma-run``) is held until :meth:`release` or the end of the
        process. Calling it again on a claimed object does nothing.

        Raises:
            RunLockedError: another process holds the lock.
            RunDirError: the path exists and is not a directory, or is a non-empty directory that
                is not a Plasma run (nothing is written into it).
        """
        if self._lock_fd is not None:
            return self
        path = self.path
        created = False
        try:
            path.mkdir(parents=True)
            created = True
        except FileExistsError:
            if not path.is_dir():
                raise RunDirError(f"run directory {path} exists and is not a directory") from None
        except OSError:  # a read-only or full file system: a failed write, naming the path
            with writing(path):
                raise
        if not created and not self.marker_file.exists():
            self._refuse_foreign()
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)  # never write elsewhere
        try:
            with writing(self.marker_file):
                fd = os.open(self.marker_file, flags, 0o644)
        except WriteError as err:
            # The system refused the write (a read-only directory or file system, a full disk):
            # a failed write (status 1). Anything else (a link where the marker must be) means
            # the directory is not one Plasma can use.
            if err.errno in _WRITE_REFUSED:
                raise
            raise RunDirError(f"{self.marker_file} cannot be opened: {err.strerror}") from err
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    holder = _holder(fd)
                    raise RunLockedError(
                        f"run directory {path} is in use by another Plasma process{holder}; "
                        "wait for it to end (or stop it) and resume the run"
                    ) from None
            info = {"format": RUN_FORMAT, "pid": os.getpid(), "since": _now()}
            with writing(self.marker_file):  # ulimit -f 0, a full disk
                data = json.dumps(info).encode() + b"\n"
                os.pwrite(fd, data, 0)  # then cut: a failed write leaves the old content
                os.ftruncate(fd, len(data))
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd
        return self

    def _refuse_foreign(self) -> None:
        """Raise unless the existing directory may become (or already is) a Plasma run."""
        if self.is_plasma_run():
            return
        try:
            entries = sorted(p.name for p in self.path.iterdir())
        except OSError as err:
            raise RunDirError(f"run directory {self.path} cannot be read: {err}") from err
        if entries:
            shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
            raise RunDirError(
                f"{self.path} is not empty ({shown}) and is not a Plasma run directory; Plasma "
                "only writes into a directory it created: choose a new or empty directory"
            )

    def release(self) -> None:
        """Let go of the lock (the end of the process does it too)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()

    # ----------------------------------------------------------------- state
    def read_state(self) -> RunState:
        """The committed state (a fresh one when none was written yet).

        Raises:
            IntegrityError: ``state.json`` is unreadable or not a valid state.
        """
        if not self.state_file.is_file():
            lost = self._committed_work()
            if lost:
                raise IntegrityError(
                    f"{self.state_file} is missing, but the run holds work only a committed "
                    f"iteration leaves ({', '.join(lost)}): the file was deleted or lost; "
                    "restore it (from a backup) or start a new run (Plasma does not discard "
                    "committed work)"
                )
            return RunState()
        try:
            return RunState.model_validate_json(read_at_most(self.state_file, MAX_STATE_BYTES))
        except (OSError, ValidationError) as err:
            raise IntegrityError(
                f"{self.state_file} is not a valid run state ({_state_problem(err)}): the file "
                "is damaged; restore it (from a backup) or start a new run"
            ) from err

    def _committed_work(self) -> list[str]:
        """What is here only once an iteration committed (its state written): the top-level
        copies, which are refreshed after a commit, and iteration directories past the first,
        which start after one. Empty in a run that never committed (a crash before the first
        commit leaves at most ``iterations/0000``, a packet and metric rows, all uncommitted)."""
        found = [name for name in _REFRESHED_NAMES if (self.path / name).exists()]
        iterations = self.path / "iterations"
        if iterations.is_dir():
            found += sorted(
                f"iterations/{child.name}"
                for child in iterations.iterdir()
                if _ITERATION_NAME.match(child.name) and int(child.name) >= 1
            )[:3]
        return found

    def write_state(self, state: RunState) -> None:
        """Commit ``state`` (atomically), recording the sha256 of the files it commits."""
        state.updated = _now()
        state.checksums = self._checksums(state)
        atomic_write_bytes(self.state_file, state.model_dump_json(indent=2).encode())

    def write_config(self, config: BaseModel) -> None:
        """Write the resolved config (secret fields as null: see :func:`public_json`)."""
        atomic_write_bytes(self.config_file, public_json(config))

    def read_config_dict(self) -> dict[str, Any]:
        """The resolved config as written.

        Raises:
            IntegrityError: ``config.json`` is unreadable or not a JSON object.
        """
        try:
            data = loads_json(read_at_most(self.config_file, MAX_CONFIG_BYTES))
        except (OSError, ValueError) as err:
            raise IntegrityError(f"{self.config_file} is not valid JSON ({err})") from err
        if not isinstance(data, dict):
            raise IntegrityError(f"{self.config_file} does not hold a JSON object")
        return data

    # ----------------------------------------------------------------- checksums
    def _committed_files(self, state: RunState) -> Iterator[str]:
        """Relative paths of the files the committed iterations wrote (not temporary ones)."""
        roots = [self.iteration_dir(i) for i in range(state.completed_iterations)]
        roots += [self.path / rel for rel in state.packets]
        for root in roots:
            if not root.is_dir():
                continue
            for file in sorted(root.rglob("*")):
                rel = file.relative_to(self.path)
                if file.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield rel.as_posix()

    def _checksums(self, state: RunState) -> dict[str, str]:
        sums = dict(state.checksums or {})
        for rel in self._committed_files(state):
            if rel not in sums:
                sums[rel] = sha256_file(self.path / rel)
        return sums

    def committed(self, state: RunState, index: int, name: str) -> Path | None:
        """File ``name`` of committed iteration ``index``, checked against the checksum ``state``
        records (None when the iteration did not write it).

        Raises:
            IntegrityError: the file differs from its checksum (see :meth:`verified`).
        """
        if index < 0:
            return None
        rel = self.iteration_dir(index).relative_to(self.path) / name
        if not (self.path / rel).is_file():
            return None
        return self.verified(state, rel)

    def verified(self, state: RunState, rel: str | os.PathLike[str]) -> Path:
        """``rel`` (a file or a directory of the run) after checking every file of it against
        the checksums ``state`` records; returns its path.

        Runs written before checksums were recorded are not checked.

        Raises:
            IntegrityError: a file is missing, unrecorded, or differs from its checksum.
        """
        path = self.path / rel
        root = self.path.resolve()
        if not path.resolve().is_relative_to(root):  # a link out of the run (state.json's
            raise IntegrityError(  # own paths are checked when it is read)
                f"{path} leads outside the run directory {root} (a symbolic link?); Plasma "
                "loads a run's files from the run only"
            )
        if state.checksums is None:
            return path
        key = Path(rel).as_posix().rstrip("/")
        entries = {k: v for k, v in state.checksums.items() if k == key or k.startswith(key + "/")}
        if not entries:
            raise IntegrityError(
                f"{path}: no checksum is recorded for it in {self.state_file} (it is not "
                "part of a committed iteration)"
            )
        for name, digest in sorted(entries.items()):
            file = self.path / name
            if not file.is_file():
                raise IntegrityError(f"{file} is missing (the committed run recorded it)")
            actual = sha256_file(file)
            if actual != digest:
                raise IntegrityError(
                    f"{file} has sha256 {actual[:16]}..., but {digest[:16]}... was recorded "
                    "when it was committed: the file was corrupted or changed"
                )
        return path

    def verify_all(self, state: RunState) -> None:
        """Check every file ``state`` records (see :meth:`verified`)."""
        for name in sorted(state.checksums or {}):
            self.verified(state, name)

    # ------------------------------------------------------------------ env spaces
    def saved_spaces(self, state: RunState) -> tuple[Spaces, Path] | None:
        """The spaces of the env the run was trained on, as its committed policy records them
        (or, without one, its world model), and the file that records them; None when the run
        holds neither or the file cannot be read (its loader reports that, in its own words).
        """
        if state.policy_dir is not None:
            header = self.path / state.policy_dir / "policy.json"
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                config = loads_json(read_at_most(header, MAX_HEADER_BYTES))["config"]
                spaces = _spaces(
                    config["obs_dim"], config.get("action_dim", 1), config.get("discrete_actions")
                )
                return spaces, header
        if state.world_model is not None:
            from safetensors import safe_open

            model = self.path / state.world_model
            with contextlib.suppress(Exception):  # safetensors raises its own error types
                with safe_open(str(model), framework="np") as handle:
                    meta = handle.metadata() or {}
                discrete = loads_json(meta.get("discrete_actions", "null"))
                return _spaces(meta["state_dim"], meta["action_dim"], discrete), model
        return None

    def check_env_fits(self, state: RunState, env: PlasmaEnv, how: str = "") -> None:
        """Refuse ``env`` (``how`` says where it came from: ``--env X``, ``config.json``) when
        its spaces are not those the run was trained on: the run's models would fail on its
        first observation, deep inside the work, or act with the wrong number of actions.

        Raises:
            EnvNotSupportedError: the spaces differ; the message names both and the file that
                records the run's.
        """
        saved = self.saved_spaces(state)
        if saved is None:
            return
        spaces, source = saved
        have = (env.state_dim, env.action_dim, env.n_actions)
        if have != spaces:
            raise EnvNotSupportedError(
                f"env {env.env_id!r}{f' ({how})' if how else ''} does not fit run {self.path}: "
                f"it has {_describe_spaces(have)}, but the run was trained on "
                f"{_describe_spaces(spaces)} (as {source} records); use the env the run was "
                "trained on"
            )

    def load_transitions(self, state: RunState | None = None) -> Transitions | None:
        """The real transitions of the committed iterations, verified and concatenated (None:
        no iteration completed)."""
        from plasma.envs import Transitions

        state = state or self.read_state()
        parts = []
        for i in range(state.completed_iterations):
            rel = (self.iteration_dir(i) / "real.npz").relative_to(self.path)
            if state.checksums is None and not (self.path / rel).is_file():
                continue
            parts.append(Transitions.load(self.verified(state, rel)))
        if not parts:
            return None
        return parts[0].concat(*parts[1:]) if len(parts) > 1 else parts[0]

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
        """Remove what an interrupted iteration left behind; return what was removed.

        Only entries Plasma names itself are removed (iteration directories ``NNNN`` at or past
        the commit, packets ``pkt-<32 hex>`` the state does not list, Plasma's temporary files),
        and only from a directory carrying Plasma's marker; anything else is left alone.

        Raises:
            RunDirError: the directory is not a Plasma run directory.
        """
        if not self.is_plasma_run():
            raise RunDirError(f"{self.path} is not a Plasma run directory; nothing was removed")
        removed: list[str] = []
        iterations = self.path / "iterations"
        if iterations.is_dir():
            for child in sorted(iterations.iterdir()):
                if (
                    _ITERATION_NAME.match(child.name)
                    and child.is_dir()
                    and int(child.name) >= state.completed_iterations
                ):
                    _remove(child)
                    removed.append(str(child.relative_to(self.path)))
        keep = set(state.packets)
        if self.packets_dir.is_dir():
            for child in sorted(self.packets_dir.iterdir()):
                rel = str(child.relative_to(self.path))
                if rel not in keep and _PACKET_NAME.match(child.name):
                    _remove(child)
                    removed.append(rel)
        rows = self.read_metrics()
        kept = [r for r in rows if int(r.get("iteration", -1)) < state.completed_iterations]
        if len(kept) != len(rows) or (kept and not (self.path / METRICS_CSV).is_file()):
            self.write_metrics(kept)
            removed.append(f"{len(rows) - len(kept)} metric rows")
        for known in _TOP_LEVEL_NAMES:
            for leftover in self.path.glob(f".{known}.*"):
                name = leftover.name
                if name.endswith((".tmp", ".old")) or ".tmp-" in name or ".old-" in name:
                    _remove(leftover)
                    removed.append(leftover.name)
        return removed


def _spaces(obs_dim: Any, action_dim: Any, discrete: Any) -> Spaces:
    """Spaces from a saved header's values (each an int, or a string of one)."""
    return int(obs_dim), int(action_dim), None if discrete is None else int(discrete)


def _describe_spaces(spaces: Spaces) -> str:
    width, actions, discrete = spaces
    acting = f"{discrete} discrete actions" if discrete is not None else f"{actions}-wide actions"
    return f"{width}-wide observations and {acting}"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _state_problem(err: BaseException) -> str:
    """What is wrong with a state file, in a few words (pydantic's first error, not its
    header)."""
    if isinstance(err, ValidationError) and err.errors():
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where + ': ' if where else ''}{first['msg']}"
    return _first_line(err)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _holder(fd: int) -> str:
    """`` (pid N)`` from a locked marker, when it says."""
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f" (pid {int(info['pid'])})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def _holds_anything(path: Path) -> bool:
    """Whether the directory ``path`` holds any entry (an unreadable one counts as holding)."""
    try:
        with os.scandir(path) as entries:
            return next(entries, None) is not None
    except OSError:
        return True


def find_latest_run(runs_dir: str | os.PathLike[str]) -> Path | None:
    """The most recently updated run directory under ``runs_dir`` (one that holds a state)."""
    root = Path(runs_dir)
    if not root.is_dir():
        return None
    candidates = [p for p in root.iterdir() if (p / STATE_FILE).is_file()]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p / STATE_FILE).stat().st_mtime_ns)
