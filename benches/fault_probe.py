"""Try every fault of ``benches/results/faults.md`` for real and say what each entry point did.

Each fault runs in its own process (the CLIs as users start them, or a short Python program for
the library's entry points) on real files, with real signals and real pipes, against a copy of a
small finished run. A fault passes when the entry point did what the table expects: the exit
status, one line on stderr naming the input and no traceback, nothing half-written.

    PYTHONPATH=python:. python benches/fault_probe.py [--base-run DIR] [--json OUT] [IDS...]

Without ``--base-run`` a two-iteration run (the test suite's tiny settings) is trained first
(about 20 s). About a third of the faults are held out: drawn by a seeded draw over the ids
before any was tried, they are measured here and never fixed one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELD_OUT_SEED = 20_261_206
HELD_OUT_SEED_D = 20_261_207  # batch D: its own seed, as the brief gave it


@dataclass(frozen=True)
class Outcome:
    ok: bool
    observed: str


@dataclass(frozen=True)
class Fault:
    id: str
    entry: str
    fault: str
    expected: str
    probe: Callable[[Path, Path], Outcome]  # (a scratch directory, the base run) -> outcome


def _env(extra_path: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLASMA_")}
    paths = [str(REPO / "python"), str(REPO)]
    if extra_path is not None:
        paths.insert(0, str(extra_path))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PLASMA_NUM_THREADS"] = "1"
    env.update(extra)
    return env


def _module(name: str) -> list[str]:
    return [sys.executable, "-m", name]


EVAL = [sys.executable, str(REPO / "scripts" / "eval.py")]
TRAIN = [sys.executable, str(REPO / "scripts" / "train.py")]
AUDIT = _module("plasma.auditor.cli")
TRACE = _module("plasma.trace")


MEMORY_LIMIT = 6 << 30  # address space of a probed process: a file read whole fails, not the host


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(
    cmd: list[str],
    cwd: Path,
    timeout: float = 120,
    user: Path | None = None,
    stdout_to: str | None = None,
    **extra: str,
) -> subprocess.CompletedProcess[str]:
    if stdout_to is not None:  # stdout to a file such as /dev/full (a full disk)
        with open(stdout_to, "w") as out:
            done = subprocess.run(
                cmd,
                cwd=cwd,
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                timeout=timeout,
                env=_env(user, **extra),
                check=False,
                preexec_fn=_limit_memory,
            )
        return subprocess.CompletedProcess(done.args, done.returncode, "", done.stderr)
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env=_env(user, **extra),
        check=False,
        preexec_fn=_limit_memory,
    )


def _describe(rc: int, stderr: str) -> str:
    lines = _error_lines(stderr)
    last = lines[-1].strip() if lines else "(no output)"
    tb = " + traceback" if "Traceback" in stderr else ""
    many = f", {len(lines)} lines" if len(lines) > 1 and not tb else ""
    return f"rc={rc}{tb}{many}: {last[:140]}"


def _error_lines(stderr: str) -> list[str]:
    """stderr's lines, less the line a started run prints first (where it runs)."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not line.startswith("plasma-train: run directory ")
    ]


def _judge(
    result: subprocess.CompletedProcess[str], want: tuple[int, ...], says: str = ""
) -> Outcome:
    lines = _error_lines(result.stderr)
    ok = (
        result.returncode in want
        and "Traceback" not in result.stderr
        and len(lines) == 1
        and says.lower() in lines[0].lower()
    )
    return Outcome(ok, _describe(result.returncode, result.stderr))


def _copy_run(base: Path, tmp: Path) -> Path:
    run = tmp / "run"
    shutil.copytree(base, run, symlinks=True)
    (run / ".plasma-run").touch()
    return run


def _rewrite_state(run: Path, change: Callable[[dict[str, object]], None]) -> None:
    state = json.loads((run / "state.json").read_text())
    change(state)
    (run / "state.json").write_text(json.dumps(state))


def _checksum(run: Path, rel: str) -> None:
    import hashlib

    digest = hashlib.sha256((run / rel).read_bytes()).hexdigest()

    def change(state: dict[str, object]) -> None:
        checksums = state["checksums"]
        assert isinstance(checksums, dict)
        checksums[rel] = digest

    _rewrite_state(run, change)


# ------------------------------------------------------------------------- plasma-eval
def _eval_on(
    mutate: Callable[[Path], None], *extra: str, want: tuple[int, ...] = (2,)
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        result = _run(
            [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", *extra], tmp
        )
        return _judge(result, want)

    return probe


def _zero_config(run: Path) -> None:
    (run / "config.json").write_bytes(b"")


def _typed_config(run: Path) -> None:
    config = json.loads((run / "config.json").read_text())
    config["seed"] = "five"
    (run / "config.json").write_text(json.dumps(config))


def _truncated_state(run: Path) -> None:
    data = (run / "state.json").read_bytes()
    (run / "state.json").write_bytes(data[: len(data) // 2])


def _state_loop(run: Path) -> None:
    (run / "state.json").unlink()
    os.symlink("state.json.b", run / "state.json")
    os.symlink("state.json", run / "state.json.b")


def _future_state(run: Path) -> None:
    _rewrite_state(run, lambda s: s.update(completed_iterations=-1, format=99))


def _policy_f64(run: Path) -> None:
    # A policy file from another version: same names and shapes, float64, checksums matching.
    from safetensors.numpy import load_file, save_file

    rel = "iterations/0000/policy/policy.safetensors"
    tensors = {k: v.astype("float64") for k, v in load_file(run / rel).items()}
    save_file(tensors, run / rel, metadata={"format": "pt"})
    _checksum(run, rel)


def _state_escape(run: Path) -> None:
    # state.json (rewritten with matching checksums) points outside the run directory.
    outside = run.parent / "elsewhere"
    shutil.copytree(run / "iterations/0000/policy", outside)
    rel = "../elsewhere"

    def change(state: dict[str, object]) -> None:
        state["policy_dir"] = rel
        checksums = state["checksums"]
        assert isinstance(checksums, dict)
        for name in ("policy.json", "policy.safetensors"):
            checksums[f"{rel}/{name}"] = checksums[f"iterations/0000/policy/{name}"]

    _rewrite_state(run, change)


def _packet_bad_manifest(run: Path) -> None:
    bogus = run.parent / "bogus-packet"
    shutil.copytree(next((run / "packets").iterdir()), bogus)
    (bogus / "manifest.json").write_text('{"id": "pkt-1", "lora": ')


def _eval_run_is_file(tmp: Path, base: Path) -> Outcome:
    path = tmp / "not-a-run"
    path.write_text("hello\n")
    return _judge(_run([*EVAL, "--run", str(path)], tmp), (2,))


def _eval_flags(*args: str, want: tuple[int, ...] = (2,)) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        result = _run([*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", *args], tmp)
        return _judge(result, want)

    return probe


def _eval_packet(which: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        if which == "missing":
            packet = str(tmp / "no-such-packet")
        else:
            _packet_bad_manifest(run)
            packet = str(run.parent / "bogus-packet")
        result = _run([*EVAL, "--run", str(run), "--episodes", "1", "--packet", packet], tmp)
        return _judge(result, (2,))

    return probe


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _signal_mid_run(
    cmd: list[str], tmp: Path, signum: int, want: int, after: float, user: Path | None = None
) -> Outcome:
    with open(tmp / "stderr", "w+") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=_env(user),
            text=True,
            # as a terminal starts it: SIGINT not ignored (a background job inherits SIG_IGN)
            preexec_fn=_default_sigint,
        )
        time.sleep(after)
        if proc.poll() is not None:
            err.seek(0)
            return Outcome(
                False, "ended before the signal: " + _describe(proc.returncode, err.read())
            )
        proc.send_signal(signum)
        try:
            rc = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return Outcome(False, "still running 20 s after the signal (killed)")
        err.seek(0)
        text = err.read()
    lines = [line for line in text.splitlines() if line.strip()]
    ok = rc == want and "Traceback" not in text and 1 <= len(lines) <= 3
    return Outcome(ok, _describe(rc, text))


def _eval_signal(signum: int, want: int) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        cmd = [*EVAL, "--run", str(run), "--episodes", "100000", "--max-steps", "200"]
        return _signal_mid_run(cmd, tmp, signum, want, after=9.0)

    return probe


def _closed_stdout(cmd: list[str], tmp: Path, user: Path | None = None) -> Outcome:
    """Start ``cmd`` with its stdout a pipe that the reader closes at once (``| head -c0``)."""
    proc = subprocess.Popen(
        cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(user)
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    rc = proc.wait(timeout=120)
    ok = "Traceback" not in err and "Exception ignored" not in err and rc in (0, 141)
    return Outcome(ok, _describe(rc, err))


def _eval_closed_stdout(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", "--json"]
    return _closed_stdout(cmd, tmp)


# ------------------------------------------------------------------------ plasma-train
_TINY = [
    *("--real-steps", "240", "--num-paths", "6", "--path-length", "8", "--eval-episodes", "1"),
    *("--iterations", "1", "--quiet", "--set", "world_model.max_epochs=5"),
    *("--set", "value.updates=5", "--set", "distiller.training.updates=5"),
    *("--set", "planner.population=16", "--set", "planner.horizon=4"),
]


def _train(
    *args: str, want: tuple[int, ...] = (2,), **extra: str
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        argv = [a.replace("{tmp}", str(tmp)) for a in args]
        result = _run(
            [*TRAIN, *argv], tmp, **{k: v.replace("{tmp}", str(tmp)) for k, v in extra.items()}
        )
        outcome = _judge(result, want)
        if (
            outcome.ok
            and want == (2,)
            and (tmp / "runs").exists()
            and any((tmp / "runs").iterdir())
        ):
            return Outcome(False, outcome.observed + " (but a run directory was created)")
        return outcome

    return probe


def _config_is_dir(tmp: Path, base: Path) -> Outcome:
    (tmp / "conf").mkdir()
    return _train("--config", str(tmp / "conf"), "--print-config")(tmp, base)


def _config_not_utf8(tmp: Path, base: Path) -> Outcome:
    (tmp / "conf.toml").write_bytes(b'env = "Pendulum-v1"\nname = "\xff\xfe"\n')
    return _train("--config", str(tmp / "conf.toml"), "--print-config")(tmp, base)


def _runs_dir_is_file(tmp: Path, base: Path) -> Outcome:
    (tmp / "afile").write_text("x")
    return _train("--runs-dir", str(tmp / "afile"), *_TINY)(tmp, base)


def _name_escapes(tmp: Path, base: Path) -> Outcome:
    (tmp / "runs").mkdir()
    result = _run([*TRAIN, "--runs-dir", "runs", "--name", "../escaped", *_TINY], tmp)
    if (tmp / "escaped").exists():
        return Outcome(
            False, _describe(result.returncode, result.stderr) + " (wrote outside --runs-dir)"
        )
    return _judge(result, (2,))


def _resume_escape(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    _state_escape(run)
    result = _run([*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"], tmp)
    return _judge(result, (2,))


def _user_env(source: str) -> Callable[[Path], Path]:
    def write(tmp: Path) -> Path:
        pkg = tmp / "userpkg"
        pkg.mkdir(exist_ok=True)
        (pkg / "faulty_env.py").write_text(source)
        return pkg

    return write


_ENV_HEAD = """
import time, sys
import gymnasium as gym
import numpy as np
from gymnasium import spaces

class E(gym.Env):
    def __init__(self):
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.n = 0
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        RESET
        return np.zeros(2, dtype=np.float32), {}
    def step(self, action):
        self.n += 1
        STEP
        return np.zeros(2, dtype=np.float32), 0.0, False, False, {}

gym.register("faulty/E-v0", entry_point=__name__ + ":E", max_episode_steps=50)
"""


def _env_source(reset: str = "pass", step: str = "pass", head: str = "") -> str:
    return head + _ENV_HEAD.replace("RESET", reset).replace("STEP", step)


def _train_user_env(
    source: str, want: tuple[int, ...], says: str = ""
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _user_env(source)(tmp)
        result = _run(
            [*TRAIN, "--env", "faulty_env:faulty/E-v0", "--runs-dir", "runs", *_TINY], tmp, user=pkg
        )
        return _judge(result, want, says)

    return probe


def _train_hung_reset(tmp: Path, base: Path) -> Outcome:
    pkg = _user_env(_env_source(reset="time.sleep(3600)"))(tmp)
    cmd = [*TRAIN, "--env", "faulty_env:faulty/E-v0", "--runs-dir", "runs", *_TINY]
    outcome = _signal_mid_run(cmd, tmp, signal.SIGINT, 130, after=9.0, user=pkg)
    if (tmp / "runs").exists() and any((tmp / "runs").iterdir()):
        return Outcome(False, outcome.observed + " (and left a run directory)")
    return outcome


def _huge_width(tmp: Path, base: Path) -> Outcome:
    probe = _train("--set", "world_model.hidden=[1099511627776]", "--runs-dir", "runs", *_TINY)
    return probe(tmp, base)


# ---------------------------------------------------------------------- python -m plasma.trace
def _trace(
    make: Callable[[Path], Path], want: tuple[int, ...] = (2,)
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        path = make(tmp)
        return _judge(_run([*TRACE, "show", str(path)], tmp), want)

    return probe


def _trace_bad_utf8(tmp: Path) -> Path:
    lines = (Path(_BASE) / "trace.jsonl").read_bytes().splitlines(keepends=True)
    path = tmp / "trace.jsonl"
    path.write_bytes(b"".join([lines[0], b'{"name": "\xff\xfe"}\n', *lines[1:]]))
    return path


def _trace_deep(tmp: Path) -> Path:
    lines = (Path(_BASE) / "trace.jsonl").read_bytes().splitlines(keepends=True)
    path = tmp / "trace.jsonl"
    deep = b"[" * 200_000 + b"]" * 200_000 + b"\n"
    path.write_bytes(b"".join([lines[0], deep, *lines[1:]]))
    return path


def _trace_dir(tmp: Path) -> Path:
    return tmp


def _trace_closed_stdout(tmp: Path, base: Path) -> Outcome:
    return _closed_stdout([*TRACE, "show", str(base / "trace.jsonl")], tmp)


# ------------------------------------------------------------------------ plasma-audit
def _audit(content: bytes, want: tuple[int, ...] = (2,)) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        path = tmp / "traj.jsonl"
        path.write_bytes(content)
        return _judge(_run([*AUDIT, str(path)], tmp), want)

    return probe


_GOOD_LINE = b'{"role": "user", "content": "list the files"}\n'


def _audit_closed_stdout(tmp: Path, base: Path) -> Outcome:
    path = tmp / "traj.jsonl"
    path.write_bytes(_GOOD_LINE * 3)
    return _closed_stdout([*AUDIT, str(path), "--json"], tmp)


# ---------------------------------------------------------------------------- library
def _python(code: str, want: str, timeout: float = 60) -> Callable[[Path, Path], Outcome]:
    """Run ``code`` (with ``tmp`` and ``base`` defined); it passes when it prints ``want``."""

    def probe(tmp: Path, base: Path) -> Outcome:
        head = f"from pathlib import Path\ntmp = Path({str(tmp)!r})\nbase = Path({str(base)!r})\n"
        prog = head + code
        try:
            result = _run([sys.executable, "-c", prog], tmp, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Outcome(False, f"still running after {timeout:.0f} s")
        out = result.stdout.strip().splitlines()
        said = out[-1] if out else ""
        ok = result.returncode == 0 and said.startswith(want)
        if ok:
            return Outcome(True, said[:160])
        return Outcome(False, said[:160] if said else _describe(result.returncode, result.stderr))

    return probe


_CAUGHT = """
def caught(call):
    from plasma.errors import PlasmaError
    try:
        call()
    except PlasmaError as err:
        print("refused:", type(err).__name__, " ".join(str(err).split())[:120])
    except BaseException as err:
        print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
    else:
        print("accepted")
"""

_WM = "(base / 'iterations/0001/world_model.safetensors')"


def _wm_header(edit: str) -> Callable[[Path, Path], Outcome]:
    """Load a world model whose safetensors file was edited by ``edit`` (``data``: its bytes,
    ``header``: its parsed JSON header; the code sets ``data``)."""
    code = (
        _CAUGHT
        + f"""
import json, struct
from plasma.simulator import WorldModel
data = {_WM}.read_bytes()
n = struct.unpack('<Q', data[:8])[0]
header = json.loads(data[8:8 + n])
body = data[8 + n:]
def pack(h, b):
    raw = json.dumps(h).encode()
    return struct.pack('<Q', len(raw)) + raw + b
{edit}
(tmp / 'wm.safetensors').write_bytes(data)
caught(lambda: WorldModel.load(tmp / 'wm.safetensors'))
"""
    )
    return _python(code, "refused:")


_PACKET_SETUP = (
    _CAUGHT
    + """
import shutil
from plasma.distiller import InstructionPacket, LoRAInjector, Policy
from plasma.distiller.signing import HmacSigner
src = next((base / 'packets').iterdir())
pkt = tmp / src.name
shutil.copytree(src, pkt)
policy = Policy.load(base / 'iterations/0000/policy')
"""
)


ENTRY_POINTS = ("plasma-eval", "plasma-train", "plasma-audit", "plasma.trace show", "Python API")
"""The entry points the faults are tried on, as the tables name them."""


def _faults() -> list[Fault]:
    e, t, a, s, lib = ENTRY_POINTS
    return [
        Fault(
            "E01",
            e,
            "config.json zero-length",
            "exit 2, one line naming config.json",
            _eval_on(_zero_config),
        ),
        Fault(
            "E02",
            e,
            "config.json: a field of the wrong type",
            "exit 2, one line",
            _eval_on(_typed_config),
        ),
        Fault(
            "E03", e, "state.json truncated halfway", "exit 2, one line", _eval_on(_truncated_state)
        ),
        Fault("E04", e, "state.json a symlink loop", "exit 2, one line", _eval_on(_state_loop)),
        Fault("E05", e, "--run names a regular file", "exit 2, one line", _eval_run_is_file),
        Fault(
            "E06",
            e,
            "state.json from another version (negative count, unknown field)",
            "exit 2, one line",
            _eval_on(_future_state),
        ),
        Fault(
            "E07",
            e,
            "policy weights float64 (checksums updated)",
            "exit 2, one line",
            _eval_on(_policy_f64),
        ),
        Fault(
            "E08",
            e,
            "state.json points outside the run (checksums updated)",
            "exit 2, one line",
            _eval_on(_state_escape),
        ),
        Fault(
            "E09", e, "--packet that does not exist", "exit 2, one line", _eval_packet("missing")
        ),
        Fault(
            "E10",
            e,
            "--packet whose manifest.json is torn",
            "exit 2, one line",
            _eval_packet("torn"),
        ),
        Fault(
            "E11",
            e,
            "stdout closed early (--json | head -c0)",
            "no traceback; exit 0 or 141",
            _eval_closed_stdout,
        ),
        Fault(
            "E12",
            e,
            "SIGTERM mid-evaluation",
            "exit 143, a line, no traceback",
            _eval_signal(signal.SIGTERM, 143),
        ),
        Fault(
            "E13",
            e,
            "Ctrl-C (SIGINT) mid-evaluation",
            "exit 130, a line, no traceback",
            _eval_signal(signal.SIGINT, 130),
        ),
        Fault(
            "E14",
            e,
            "--seed -1",
            "exit 2, one line (or runs)",
            _eval_flags("--seed", "-1", want=(0, 2)),
        ),
        Fault(
            "E15",
            e,
            "--env-kwargs the env rejects",
            "exit 2, one line",
            _eval_flags("--env-kwargs", '{"nope": 1}'),
        ),
        Fault(
            "E16",
            e,
            "--variant naming an unknown variable",
            "exit 2, one line",
            _eval_flags("--variant", "zz=1"),
        ),
        Fault(
            "E17",
            e,
            "--episodes 10**12 (huge)",
            "runs or exit 2; no overflow traceback",
            _eval_flags("--episodes", "1000000000000", "--max-steps", "1", want=(0, 2, 143)),
        ),
        Fault("T01", t, "--config is a directory", "exit 2, one line", _config_is_dir),
        Fault("T02", t, "--config not UTF-8", "exit 2, one line", _config_not_utf8),
        Fault("T03", t, "hidden width 2**40", "exit 2, one line, nothing created", _huge_width),
        Fault(
            "T04",
            t,
            "Ctrl-C while the env's reset hangs (env check)",
            "exit 130, no traceback, nothing created",
            _train_hung_reset,
        ),
        Fault("T05", t, "--runs-dir is a regular file", "exit 2, one line", _runs_dir_is_file),
        Fault(
            "T06",
            t,
            "--name ../escaped",
            "exit 2 (a name, not a path); nothing outside --runs-dir",
            _name_escapes,
        ),
        Fault(
            "T07",
            t,
            "PLASMA_NUM_THREADS=abc",
            "exit 2, one line",
            _train("--print-config", PLASMA_NUM_THREADS="abc"),
        ),
        Fault(
            "T08",
            t,
            "PLASMA_KEYRING names a missing file",
            "exit 2, one line",
            _train("--print-config", PLASMA_KEYRING="{tmp}/nokeys"),
        ),
        Fault(
            "T09",
            t,
            "--resume: state.json points outside the run",
            "exit 2, one line",
            _resume_escape,
        ),
        Fault(
            "T10",
            t,
            "env module calls sys.exit() on import",
            "exit 2, one line",
            _train_user_env("import sys\nsys.exit(3)\n", (2,)),
        ),
        Fault(
            "T11",
            t,
            "env step returns the wrong shape mid-episode",
            "exit 1, one line naming the env",
            _train_user_env(
                _env_source(
                    step="if self.n > 5: return np.zeros(3, np.float32), 0.0, False, False, {}"
                ),
                (1,),
                "step",
            ),
        ),
        Fault(
            "T12",
            t,
            "--signing-key-file is a directory",
            "exit 2, one line",
            _train("--signing-key-file", "{tmp}", "--print-config"),
        ),
        Fault(
            "T13",
            t,
            "--env-kwargs with a NaN (JSON NaN)",
            "exit 2 or runs; no traceback",
            _train("--env-kwargs", '{"g": NaN}', "--print-config", want=(0, 2)),
        ),
        Fault(
            "S01",
            s,
            "a line of invalid UTF-8 mid-file",
            "exit 2, one line",
            _trace(_trace_bad_utf8),
        ),
        Fault("S02", s, "a line nested 200,000 deep", "exit 2, one line", _trace(_trace_deep)),
        Fault("S03", s, "FILE is a directory", "exit 2, one line", _trace(_trace_dir)),
        Fault(
            "S04",
            s,
            "stdout closed early (| head -c0)",
            "no traceback; exit 0 or 141",
            _trace_closed_stdout,
        ),
        Fault(
            "A01",
            a,
            "JSONL with invalid UTF-8",
            "exit 2, one line",
            _audit(_GOOD_LINE + b'{"role": "user", "content": "\xff"}\n'),
        ),
        Fault("A02", a, "empty file", "exit 2, one line", _audit(b"")),
        Fault(
            "A03",
            a,
            "NUL bytes in a line",
            "exit 2, one line (or audits)",
            _audit(_GOOD_LINE + b"\x00\x00\n", want=(0, 1, 2)),
        ),
        Fault(
            "A04",
            a,
            "stdout closed early (--json | head -c0)",
            "no traceback; exit 0,1 or 141",
            _audit_closed_stdout,
        ),
        Fault(
            "W01",
            lib,
            "WorldModel.load: header offsets past the end",
            "PlasmaError",
            _wm_header(
                "k = next(k for k in header if k != '__metadata__')\n"
                "header[k]['data_offsets'][1] += 10**9\n"
                "data = pack(header, body)"
            ),
        ),
        Fault(
            "W02",
            lib,
            "WorldModel.load: header length 2**60",
            "PlasmaError, fast",
            _wm_header("data = struct.pack('<Q', 2**60) + data[8:]"),
        ),
        Fault(
            "W03", lib, "WorldModel.load: zero-length file", "PlasmaError", _wm_header("data = b''")
        ),
        Fault(
            "W04",
            lib,
            "WorldModel.load: a setting missing from the header",
            "PlasmaError",
            _wm_header(
                "del header['__metadata__']['config']\n"
                "header['__metadata__'].pop('sha256')\n"
                "data = pack(header, body)"
            ),
        ),
        Fault(
            "W05",
            lib,
            "WorldModel.load: a tensor of another shape (digest dropped)",
            "PlasmaError",
            _wm_header(
                "k = next(k for k in header if k != '__metadata__')\n"
                "start, end = header[k]['data_offsets']\n"
                "header[k]['shape'] = [1, end // 4 - start // 4]\n"
                "header['__metadata__'].pop('sha256')\n"
                "data = pack(header, body)"
            ),
        ),
        Fault(
            "P01",
            lib,
            "packet signed over other bytes (manifest edited after signing)",
            "refused",
            _python(
                _PACKET_SETUP
                + """
import json
signer = HmacSigner(b'k' * 32)
m = json.loads((pkt / 'manifest.json').read_text())
m['signature'] = signer.sign(InstructionPacket.load(pkt).manifest).model_dump()
m['env_id'] = 'CartPole-v1'  # changed after signing
(pkt / 'manifest.json').write_text(json.dumps(m))
caught(lambda: LoRAInjector(policy, verifier=signer).inject(pkt))
""",
                "refused:",
            ),
        ),
        Fault(
            "P02",
            lib,
            "LoRA packet for another architecture",
            "refused, live policy unchanged",
            _python(
                _PACKET_SETUP
                + """
import json
conf = json.loads((base / 'iterations/0000/policy/policy.json').read_text())['config']
other = Policy({**conf, 'hidden_sizes': [8, 8]})
before = other.fingerprint()
caught(lambda: LoRAInjector(other).inject(pkt))
assert other.fingerprint() == before and other.live_weights is None
""",
                "refused:",
            ),
        ),
        Fault(
            "P03",
            lib,
            "packet weights truncated",
            "refused",
            _python(
                _PACKET_SETUP
                + "w = pkt / 'adapter_model.safetensors'\n"
                + "w.write_bytes(w.read_bytes()[:100])\n"
                + "caught(lambda: LoRAInjector(policy).inject(pkt))",
                "refused:",
            ),
        ),
        Fault(
            "R01",
            lib,
            "StateTracker: OTLP endpoint unreachable",
            "spans kept in JSONL; stop() within 10 s; no exception",
            _python(
                """
import asyncio, time
from plasma import StateTracker
async def main():
    tr = StateTracker({'jsonl_path': str(tmp / 't.jsonl'), 'otlp_endpoint': 'http://127.0.0.1:9/v1/traces'})
    await tr.start()
    tid = tr.create_trace()
    span = await tr.create_span(tid, 'x')
    async with span:
        span.update_state({'k': 1})
    await tr.complete_trace(tid)
    t = time.monotonic(); await tr.stop(); took = time.monotonic() - t
    lines = (tmp / 't.jsonl').read_text().splitlines()
    print('kept' if lines and took < 10 else 'lost', len(lines), f'{took:.1f}s')
asyncio.run(main())
""",
                "kept",
            ),
        ),
        Fault(
            "R02",
            lib,
            "StateTracker: jsonl_path under a regular file",
            "PlasmaError or OSError at start(), one message",
            _python(
                _CAUGHT
                + """
import asyncio
from plasma import StateTracker
(tmp / 'f').write_text('x')
async def main():
    tr = StateTracker({'jsonl_path': str(tmp / 'f' / 't.jsonl')})
    await tr.start()
    tid = tr.create_trace(); span = await tr.create_span(tid, 'x')
    async with span: pass
    await tr.complete_trace(tid); await tr.stop()
try:
    asyncio.run(main()); print('accepted')
except (OSError) as err:
    print('refused:', type(err).__name__, str(err)[:100])
except Exception as err:
    print('raw:', type(err).__name__, str(err)[:100])
""",
                "refused:",
            ),
        ),
        Fault(
            "M01",
            lib,
            "Simulator.simulate before start()",
            "NotStartedError",
            _python(
                _CAUGHT
                + """
import asyncio
from plasma import Simulator
from plasma.simulator import WorldModel
sim = Simulator({'env_id': 'Pendulum-v1'})
sim.world_model = WorldModel.load(base / 'iterations/0001/world_model.safetensors')
caught(lambda: asyncio.run(sim.simulate(num_paths=0, path_length=5)))
""",
                "refused:",
            ),
        ),
        Fault(
            "M02",
            lib,
            "make_env variant g=nan",
            "InvalidArgumentError",
            _python(
                _CAUGHT
                + "from plasma.envs import make_env\n"
                + "caught(lambda: make_env('Pendulum-v1', 'g=nan'))",
                "refused:",
            ),
        ),
    ]


# ------------------------------------------------------------- the second batch (B01...)
def _sparse(path: Path, size: int = 8 << 30) -> None:
    """A sparse file of ``size`` bytes (no disk used): reading it whole exhausts memory."""
    with open(path, "wb") as handle:
        handle.truncate(size)


def _deep_json(depth: int = 30_000) -> str:  # 60 kB: one argument may hold 128 kB
    return "[" * depth + "]" * depth


def _eval_run_with(mutate: Callable[[Path], None], *extra: str) -> Callable[[Path, Path], Outcome]:
    return _eval_on(mutate, *extra)


def _huge_state(run: Path) -> None:
    (run / "state.json").unlink()
    _sparse(run / "state.json")


def _huge_config(run: Path) -> None:
    (run / "config.json").unlink()
    _sparse(run / "config.json")


def _train_with_file(flag: str, make: Callable[[Path], Path]) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        path = make(tmp)
        return _train(flag, str(path), "--print-config")(tmp, base)

    return probe


def _huge_file(name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        _sparse(tmp / name)
        return tmp / name

    return make


def _text_file(name: str, text: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_text(text)
        return tmp / name

    return make


def _base_damaged(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    _truncated_state(run)
    return _train("--base", str(run), "--variant", "m=1.3", "--print-config")(tmp, base)


def _resume_unknown_env(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    config = json.loads((run / "config.json").read_text())
    config["env"] = "gone_module:Gone-v0"
    (run / "config.json").write_text(json.dumps(config))
    result = _run([*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"], tmp)
    return _judge(result, (2,))


def _to_full_disk(
    cmd_of: Callable[[Path, Path], list[str]], want: tuple[int, ...]
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        result = _run(cmd_of(tmp, run), tmp, stdout_to="/dev/full")
        return _judge(result, want)

    return probe


def _tracker_full_disk(tmp: Path, base: Path) -> Outcome:
    code = """
import asyncio
from plasma import StateTracker
async def main():
    tr = StateTracker({'jsonl_path': '/dev/full'})
    await tr.start()
    tid = tr.create_trace(); span = await tr.create_span(tid, 'x')
    async with span: pass
    await tr.complete_trace(tid); await tr.stop()
try:
    asyncio.run(main()); print('accepted (spans lost silently)')
except OSError as err:
    print('refused:', type(err).__name__, str(err)[:100])
except Exception as err:
    plasma = 'PlasmaError' in [c.__name__ for c in type(err).__mro__]
    print('refused:' if plasma else 'raw:', type(err).__name__, str(err)[:100])
"""
    return _python(code, "refused:")(tmp, base)


def _faults_b() -> list[Fault]:
    e, t, _, s, lib = ENTRY_POINTS
    return [
        Fault(
            "B01",
            e,
            "state.json an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _eval_run_with(_huge_state),
        ),
        Fault(
            "B02",
            e,
            "config.json an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _eval_run_with(_huge_config),
        ),
        Fault(
            "B03",
            t,
            "--config an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _train_with_file("--config", _huge_file("big.json")),
        ),
        Fault(
            "B04",
            t,
            "--signing-key-file an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _train_with_file("--signing-key-file", _huge_file("big.key")),
        ),
        Fault(
            "B05",
            t,
            "--keyring an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _train_with_file("--keyring", _huge_file("big.ring")),
        ),
        Fault(
            "B06",
            t,
            "--signing-key-file /dev/zero (endless)",
            "exit 2, one line, bounded memory",
            _train_with_file("--signing-key-file", lambda tmp: Path("/dev/zero")),
        ),
        Fault(
            "B07",
            t,
            "--env-kwargs nested 30,000 deep",
            "exit 2, one line",
            _train("--env-kwargs", _deep_json(), "--print-config"),
        ),
        Fault(
            "B08",
            t,
            "--set value nested 30,000 deep",
            "exit 2, one line",
            _train("--set", "variant=" + _deep_json(), "--print-config"),
        ),
        Fault(
            "B09",
            t,
            "--config JSON nested 30,000 deep",
            "exit 2, one line",
            _train_with_file(
                "--config", _text_file("deep.json", '{"env_kwargs": ' + _deep_json() + "}")
            ),
        ),
        Fault(
            "B10",
            t,
            "--name with a control character (\\x01)",
            "exit 2, one line",
            _train("--name", "a\x01b", "--print-config"),
        ),
        Fault(
            "B11",
            e,
            "--run with a path too long for the OS",
            "exit 2, one line",
            _eval_flags_only("--run", "x" * 5000),
        ),
        Fault("B12", t, "--base run whose state.json is torn", "exit 2, one line", _base_damaged),
        Fault(
            "B13",
            t,
            "--resume a run whose env is no longer installed",
            "exit 2, one line",
            _resume_unknown_env,
        ),
        Fault(
            "B14",
            e,
            "stdout on a full disk (--json > /dev/full)",
            "exit 1, one line, no traceback",
            _to_full_disk(
                lambda tmp, run: [
                    *EVAL,
                    "--run",
                    str(run),
                    "--episodes",
                    "1",
                    "--max-steps",
                    "5",
                    "--json",
                ],
                (1,),
            ),
        ),
        Fault(
            "B15",
            t,
            "--print-config > /dev/full",
            "exit 1 or 2, one line, no traceback",
            _to_full_disk(lambda tmp, run: [*TRAIN, "--print-config"], (1, 2)),
        ),
        Fault(
            "B16",
            s,
            "stdout on a full disk (> /dev/full)",
            "exit 1, one line, no traceback",
            _to_full_disk(lambda tmp, run: [*TRACE, "show", str(run / "trace.jsonl")], (1,)),
        ),
        Fault(
            "B17",
            lib,
            "StateTracker writing its JSONL to a full disk (/dev/full)",
            "an error, not spans lost silently",
            _tracker_full_disk,
        ),
        Fault(
            "B18",
            t,
            "PLASMA_SIGNING_KEY not hex",
            "exit 2, one line",
            _train("--print-config", PLASMA_SIGNING_KEY="not-a-key"),
        ),
        Fault(
            "B19",
            t,
            "--trusted-key names an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _train_with_file("--trusted-key", _huge_file("big.pub")),
        ),
        Fault(
            "B20",
            s,
            "FILE an 8 GB sparse file",
            "exit 2, one line, bounded memory",
            _trace(_huge_file("trace.jsonl")),
        ),
    ]


def _eval_flags_only(*args: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        return _judge(_run([*EVAL, *args], tmp), (2,))

    return probe


def held_out_b(ids: list[str]) -> set[str]:
    """The second batch's held-out third, drawn the same way with the next seed."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED + 1).sample(ordered, k=round(len(ordered) / 3)))


# -------------------------------------------------------------- the third batch (C01...)
_NPZ_LIE = """
import io, zipfile
import numpy as np
def lying_npz(source, target, member):
    # ``source`` with ``member``'s .npy header claiming 2**33 float32 (32 GB); its data as is.
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, 'w') as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member + '.npy':
                buf = io.BytesIO()
                np.lib.format.write_array_header_1_0(
                    buf, {'descr': '<f4', 'fortran_order': False, 'shape': (2**33,)}
                )
                start = io.BytesIO(data)
                np.lib.format.read_magic(start)
                np.lib.format.read_array_header_1_0(start)
                data = buf.getvalue() + data[start.tell():]
            zout.writestr(info.filename, data)
    return target
"""


def _npz_lie(loader: str, member: str, source: str) -> Callable[[Path, Path], Outcome]:
    code = (
        _CAUGHT
        + _NPZ_LIE
        + f"""
from {loader.rsplit(".", 2)[0]} import {loader.rsplit(".", 2)[1]}
bad = lying_npz(base / {source!r}, tmp / 'bad.npz', {member!r})
caught(lambda: {loader.rsplit(".", 2)[1]}.{loader.rsplit(".", 2)[2]}(bad))
"""
    )
    return _python(code, "refused:")


def _audit_npz_lie(tmp: Path, base: Path) -> Outcome:
    code = _NPZ_LIE + "lying_npz(base / 'iterations/0001/paths.npz', tmp / 'bad.npz', 'states')"
    prog = f"from pathlib import Path\ntmp = Path({str(tmp)!r})\nbase = Path({str(base)!r})\n"
    _run([sys.executable, "-c", prog + code], tmp)
    return _judge(_run([*AUDIT, str(tmp / "bad.npz")], tmp), (2,))


def _plan_reshaped_model(run: Path) -> None:
    from safetensors.numpy import load_file, save_file

    rel = "iterations/0001/world_model.safetensors"
    import safetensors

    with safetensors.safe_open(str(run / rel), "np") as handle:
        meta = dict(handle.metadata())
    meta.pop("sha256", None)
    tensors = load_file(run / rel)
    name = sorted(tensors)[0]
    tensors[name] = tensors[name].reshape(1, -1)
    save_file(tensors, run / rel, metadata=meta)
    _checksum(run, rel)


def _resume_with(
    mutate: Callable[[Path], None], iterations: str = "3"
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        result = _run([*TRAIN, "--resume", str(run), "--iterations", iterations, "--quiet"], tmp)
        return _judge(result, (2,))

    return probe


def _real_int64(run: Path) -> None:
    import numpy as np

    rel = "iterations/0001/real.npz"
    with np.load(run / rel) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["obs"] = arrays["obs"].astype("int64")
    np.savez(run / rel, **arrays)
    _checksum(run, rel)


def _state_ahead(run: Path) -> None:
    _rewrite_state(run, lambda s: s.update(completed_iterations=5))


def _packet_gone(run: Path) -> None:
    state = json.loads((run / "state.json").read_text())
    shutil.rmtree(run / state["packets"][0])


def _deep_config(run: Path) -> None:
    config = (run / "config.json").read_text()
    deep = "[" * 100_000 + "]" * 100_000
    (run / "config.json").write_text(config.replace('"env_kwargs": {}', f'"env_kwargs": {deep}'))


def _faults_c() -> list[Fault]:
    e, t, a, _, lib = ENTRY_POINTS
    return [
        Fault(
            "C01",
            lib,
            "PhantomPaths.load: a member's header claims 32 GB",
            "PlasmaError, bounded memory",
            _npz_lie("plasma.simulator.PhantomPaths.load", "states", "iterations/0001/paths.npz"),
        ),
        Fault(
            "C02",
            lib,
            "Transitions.load: a member's header claims 32 GB",
            "PlasmaError, bounded memory",
            _npz_lie("plasma.envs.Transitions.load", "obs", "iterations/0001/real.npz"),
        ),
        Fault(
            "C03",
            a,
            "a paths .npz whose member's header claims 32 GB",
            "exit 2, one line",
            _audit_npz_lie,
        ),
        Fault(
            "C04",
            e,
            "--mode plan, world model tensor reshaped (checksums updated)",
            "exit 2, one line",
            _eval_on(_plan_reshaped_model, "--mode", "plan"),
        ),
        Fault(
            "C05",
            t,
            "--resume, real.npz obs as int64 (checksums updated)",
            "exit 2, one line",
            _resume_with(_real_int64),
        ),
        Fault(
            "C06",
            t,
            "--resume, state.json counts 5 iterations, 2 exist",
            "exit 2, one line",
            _resume_with(_state_ahead, "6"),
        ),
        Fault(
            "C07",
            t,
            "--resume, a committed packet directory deleted",
            "exit 2, one line",
            _resume_with(_packet_gone),
        ),
        Fault(
            "C08",
            lib,
            "PhantomPaths.load: zero-length file",
            "PlasmaError",
            _python(
                _CAUGHT
                + "from plasma.simulator import PhantomPaths\n"
                + "(tmp / 'z.npz').write_bytes(b'')\n"
                + "caught(lambda: PhantomPaths.load(tmp / 'z.npz'))",
                "refused:",
            ),
        ),
        Fault(
            "C09", e, "config.json nested 100,000 deep", "exit 2, one line", _eval_on(_deep_config)
        ),
    ]


def held_out_c(ids: list[str]) -> set[str]:
    """The third batch's held-out third, drawn the same way with the seed after that."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED + 2).sample(ordered, k=round(len(ordered) / 3)))


# -------------------------------------------------------------- the fourth batch (D01...)
def _judge_runs_or_refused(result: subprocess.CompletedProcess[str]) -> Outcome:
    """Either it ran (status 0, nothing on stderr but warnings) or it refused (status 2, one
    line); never a traceback."""
    if result.returncode == 0 and "Traceback" not in result.stderr:
        return Outcome(True, _describe(0, result.stderr))
    return _judge(result, (2,))


def _eval_runs_or_refused(*args: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", *args]
        return _judge_runs_or_refused(_run(cmd, tmp))

    return probe


def _other_env(run: Path) -> None:
    # config.json names another env whose spaces differ (2-D observation, not Pendulum's 3-D)
    config = json.loads((run / "config.json").read_text())
    config["env"] = "MountainCarContinuous-v0"
    (run / "config.json").write_text(json.dumps(config))


def _eval_ascii_locale(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"]
    result = _run(cmd, tmp, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING="ascii")
    ok = result.returncode == 0 and "Traceback" not in result.stderr and "return" in result.stdout
    return Outcome(ok, _describe(result.returncode, result.stderr))


def _deep_runs_dir(tmp: Path) -> str:
    return str(tmp / "/".join(["d" * 200] * 25))  # 5,000 characters, each part legal


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def _trace_fifo(tmp: Path, base: Path) -> Outcome:
    fifo = _fifo(tmp, "trace.jsonl")
    try:
        return _judge(_run([*TRACE, "show", str(fifo)], tmp, timeout=20), (2,))
    except subprocess.TimeoutExpired:
        return Outcome(False, "still waiting on the pipe after 20 s")


def _eval_state_fifo(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    (run / "state.json").unlink()
    os.mkfifo(run / "state.json")
    try:
        result = _run([*EVAL, "--run", str(run), "--episodes", "1"], tmp, timeout=20)
    except subprocess.TimeoutExpired:
        return Outcome(False, "still waiting on the pipe after 20 s")
    return _judge(result, (2,))


def _trace_lines(*extra: str) -> Callable[[Path], Path]:
    """The base run's trace with its second span edited: each ``extra`` is Python that changes
    ``span`` (a dict) in place."""

    def make(tmp: Path) -> Path:
        lines = (Path(_BASE) / "trace.jsonl").read_text().splitlines()
        index = next(i for i, line in enumerate(lines) if '"span_id"' in line)
        span = json.loads(lines[index])
        for code in extra:
            exec(code, {"span": span})
        lines[index] = json.dumps(span)
        path = tmp / "trace.jsonl"
        path.write_text("\n".join(lines) + "\n")
        return path

    return make


def _trace_not_object(tmp: Path) -> Path:
    lines = (Path(_BASE) / "trace.jsonl").read_text().splitlines()
    path = tmp / "trace.jsonl"
    path.write_text("\n".join([lines[0], "[1, 2, 3]", *lines[1:]]) + "\n")
    return path


def _eval_signal_hup(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "100000", "--max-steps", "200"]
    return _signal_mid_run(cmd, tmp, signal.SIGHUP, 129, after=9.0)


def _audit_nan_paths(tmp: Path, base: Path) -> Outcome:
    code = """
import numpy as np
with np.load(base / 'iterations/0001/paths.npz') as src:
    arrays = {k: src[k] for k in src.files}
arrays['states'] = arrays['states'].copy(); arrays['states'][0, 1] = np.nan
np.savez(tmp / 'nan.npz', **arrays)
"""
    prog = f"from pathlib import Path\ntmp = Path({str(tmp)!r})\nbase = Path({str(base)!r})\n"
    _run([sys.executable, "-c", prog + code], tmp)
    result = _run([*AUDIT, str(tmp / "nan.npz")], tmp)
    ok = result.returncode in (1, 2) and "Traceback" not in result.stderr
    return Outcome(ok, _describe(result.returncode, result.stderr))


_MANIFEST_EDIT = (
    _PACKET_SETUP
    + """
import json
m = json.loads((pkt / 'manifest.json').read_text())
m.pop('signature', None)
EDIT
(pkt / 'manifest.json').write_text(json.dumps(m))
caught(lambda: LoRAInjector(policy).inject(pkt))
"""
)


def _faults_d() -> list[Fault]:
    e, t, a, s, lib = ENTRY_POINTS
    nothing_runs = ("--runs-dir", "runs", *_TINY)
    return [
        Fault("D01", e, "--episodes 0", "exit 2, one line", _eval_flags("--episodes", "0")),
        Fault(
            "D02",
            e,
            "--max-steps 10**20 (past 64 bits)",
            "runs or exit 2, one line; no overflow traceback",
            _eval_runs_or_refused("--max-steps", str(10**20)),
        ),
        Fault(
            "D03",
            e,
            "--seed 2**64 (past 64 bits)",
            "runs or exit 2, one line; no overflow traceback",
            _eval_runs_or_refused("--seed", str(2**64)),
        ),
        Fault(
            "D04",
            e,
            "config.json names another env with other spaces",
            "exit 2, one line",
            _eval_on(_other_env),
        ),
        Fault(
            "D05",
            t,
            "--resume, config.json names another env with other spaces",
            "exit 2, one line",
            _resume_with(_other_env),
        ),
        Fault(
            "D06",
            e,
            "text output on an ASCII-only stdout (LC_ALL=C, PYTHONIOENCODING=ascii)",
            "exit 0, the result printed, no traceback",
            _eval_ascii_locale,
        ),
        Fault(
            "D07",
            t,
            "--name of 300 characters (past NAME_MAX)",
            "exit 2, one line, nothing created",
            _train("--name", "n" * 300, *nothing_runs),
        ),
        Fault(
            "D08",
            t,
            "--runs-dir of 5,000 characters (past PATH_MAX), each part legal",
            "exit 2, one line",
            lambda tmp, base: _train("--runs-dir", _deep_runs_dir(tmp), *_TINY)(tmp, base),
        ),
        Fault(
            "D09",
            t,
            "--run-dir names a regular file",
            "exit 2, one line",
            lambda tmp, base: (
                (tmp / "afile").write_text("x"),
                _train("--run-dir", str(tmp / "afile"), *_TINY)(tmp, base),
            )[1],
        ),
        Fault(
            "D10",
            t,
            "--resume names a regular file",
            "exit 2, one line",
            lambda tmp, base: (
                (tmp / "afile").write_text("x"),
                _train("--resume", str(tmp / "afile"), "--quiet")(tmp, base),
            )[1],
        ),
        Fault(
            "D11",
            t,
            "PLASMA_FAULT=garbage",
            "exit 2, one line naming PLASMA_FAULT, nothing created",
            _train(*nothing_runs, PLASMA_FAULT="garbage"),
        ),
        Fault(
            "D12",
            t,
            "PLASMA_NUM_THREADS=100000000 (out of range)",
            "exit 2, one line naming the variable, nothing created",
            _train(*nothing_runs, PLASMA_NUM_THREADS="100000000"),
        ),
        Fault(
            "D13",
            t,
            "PLASMA_KEYRING holding a line that is not a key",
            "exit 2, one line",
            lambda tmp, base: (
                (tmp / "ring").write_text("this is not a key\n"),
                _train(*nothing_runs, PLASMA_KEYRING=str(tmp / "ring"))(tmp, base),
            )[1],
        ),
        Fault(
            "D14",
            s,
            "FILE a named pipe no one writes",
            "exit 2, one line, at once",
            _trace_fifo,
        ),
        Fault(
            "D15",
            e,
            "state.json a named pipe no one writes",
            "exit 2, one line, at once",
            _eval_state_fifo,
        ),
        Fault(
            "D16",
            s,
            "a span of a kind this version does not know (from a newer writer)",
            "shown, or exit 2 one line; no traceback",
            lambda tmp, base: _judge_runs_or_refused(
                _run(
                    [*TRACE, "show", str(_trace_lines("span['kind'] = 'WORMHOLE'")(tmp))],
                    tmp,
                )
            ),
        ),
        Fault(
            "D17",
            s,
            "a line that is JSON but not an object",
            "exit 2, one line",
            _trace(_trace_not_object),
        ),
        Fault(
            "D18",
            s,
            "a span whose start time is a string and its end missing",
            "shown, or exit 2 one line; no traceback",
            lambda tmp, base: _judge_runs_or_refused(
                _run(
                    [
                        *TRACE,
                        "show",
                        str(
                            _trace_lines(
                                "k = next(k for k in span if 'start' in k); span[k] = 'soon'",
                                "[span.pop(k) for k in list(span) if 'end' in k]",
                            )(tmp)
                        ),
                    ],
                    tmp,
                )
            ),
        ),
        Fault(
            "D19",
            lib,
            "packet manifest of a newer format (plasma.instruction_packet/2)",
            "PlasmaError naming the format",
            _python(
                _MANIFEST_EDIT.replace("EDIT", "m['format'] = 'plasma.instruction_packet/2'"),
                "refused:",
            ),
        ),
        Fault(
            "D20",
            lib,
            "packet manifest with a field removed (lora)",
            "PlasmaError",
            _python(_MANIFEST_EDIT.replace("EDIT", "m.pop('lora')"), "refused:"),
        ),
        Fault(
            "D21",
            lib,
            "StateTracker given a malformed OTLP URL",
            "PlasmaError naming otlp_endpoint, before anything starts",
            _python(
                _CAUGHT
                + "from plasma import StateTracker\n"
                + "caught(lambda: StateTracker({'otlp_endpoint': 'http//no host:port/v1'}))",
                "refused:",
            ),
        ),
        Fault(
            "D22",
            lib,
            "a packet injected while another thread acts with the policy",
            "every action is the old or the new policy's; no exception",
            _python(
                _PACKET_SETUP
                + """
import threading, torch
import numpy as np
obs = torch.zeros(1, policy.obs_dim) + 0.3
with torch.no_grad():
    old = np.array(policy.act(obs))
errors, seen, stop = [], [], threading.Event()
def actor():
    while not stop.is_set():
        try:
            with torch.no_grad():
                seen.append(np.array(policy.act(obs)))
        except BaseException as err:
            errors.append(err); return
th = threading.Thread(target=actor); th.start()
inj = LoRAInjector(policy)
for _ in range(20):
    inj.inject(pkt); inj.eject()
inj.inject(pkt)
stop.set(); th.join()
with torch.no_grad():
    new = np.array(policy.act(obs))
odd = [a for a in seen if not (np.array_equal(a, old) or np.array_equal(a, new))]
if errors:
    print('raw:', type(errors[0]).__name__, str(errors[0])[:100])
else:
    print('consistent' if not odd else f'mixed: {len(odd)} of {len(seen)} actions')
""",
                "consistent",
            ),
        ),
        Fault(
            "D23",
            lib,
            "Transitions.load: arrays of different lengths (ragged)",
            "PlasmaError",
            _python(
                _CAUGHT
                + """
import numpy as np
from plasma.envs import Transitions
with np.load(base / 'iterations/0001/real.npz') as src:
    arrays = {k: src[k] for k in src.files}
arrays['action'] = arrays['action'][:-3]
np.savez(tmp / 'ragged.npz', **arrays)
caught(lambda: Transitions.load(tmp / 'ragged.npz'))
""",
                "refused:",
            ),
        ),
        Fault(
            "D24",
            a,
            "a paths .npz whose states hold a NaN",
            "exit 1 (rejected) or 2, no traceback",
            _audit_nan_paths,
        ),
        Fault(
            "D25",
            e,
            "SIGHUP (its terminal closed) mid-evaluation",
            "exit 129, a line, no traceback",
            _eval_signal_hup,
        ),
        Fault(
            "D26",
            lib,
            "Policy.load on a policy directory caught mid-write (weights not there yet)",
            "PlasmaError naming the missing file",
            _python(
                _CAUGHT
                + """
import shutil
from plasma.distiller import Policy
shutil.copytree(base / 'iterations/0000/policy', tmp / 'p')
(tmp / 'p' / 'policy.safetensors').unlink()
caught(lambda: Policy.load(tmp / 'p'))
""",
                "refused:",
            ),
        ),
    ]


def held_out_d(ids: list[str]) -> set[str]:
    """The fourth batch's held-out third: its own seed, drawn before any D fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_D).sample(ordered, k=round(len(ordered) / 3)))


# --------------------------------------------------------------- the fifth batch (F01...)
# Batch E of the brief; its ids start with F because E01-E17 are plasma-eval's first faults.
HELD_OUT_SEED_E = 20_261_208  # batch E: its own seed, as the brief gave it

_REFUSED_ONE_LINE = """
def refused(call, *names):
    # passes only for a PlasmaError whose message is one line and names each of ``names``
    from plasma.errors import PlasmaError
    try:
        call()
    except PlasmaError as err:
        text = str(err)
        flat = " ".join(text.split())[:120]
        if "\\n" in text.strip():
            print("multi-line:", type(err).__name__, flat)
        elif not all(str(n) in text for n in names):
            print("unnamed:", type(err).__name__, flat)
        else:
            print("refused:", type(err).__name__, flat)
    except BaseException as err:
        print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
    else:
        print("accepted")
"""


def _api(code: str) -> Callable[[Path, Path], Outcome]:
    """A library fault: ``code`` calls ``refused(call, *names)``; it passes on a one-line
    PlasmaError naming each of ``names``."""
    return _python(_REFUSED_ONE_LINE + code, "refused:")


def _other_env_named(env: str) -> Callable[[Path], None]:
    def mutate(run: Path) -> None:
        config = json.loads((run / "config.json").read_text())
        config["env"] = env
        (run / "config.json").write_text(json.dumps(config))

    return mutate


def _base_other_env(tmp: Path, base: Path) -> Outcome:
    # a new run adapting a Pendulum run's policy, on an env whose observations are 2-wide
    args = ["--env", "MountainCarContinuous-v0", "--base", str(base), "--runs-dir", "runs"]
    result = _run([*TRAIN, *args, *_TINY], tmp)
    outcome = _judge(result, (2,))
    created = (tmp / "runs").exists()
    return Outcome(outcome.ok and not created, outcome.observed + (" (created)" if created else ""))


_POLICY = "(base / 'iterations/0000/policy')"


def _faults_e() -> list[Fault]:
    e, t, _, _, lib = ENTRY_POINTS
    return [
        Fault(
            "F01",
            lib,
            "Policy.load on a path that does not exist",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import Policy\n"
                "refused(lambda: Policy.load(tmp / 'nowhere'), 'nowhere')"
            ),
        ),
        Fault(
            "F02",
            lib,
            "Policy.load given its weights file instead of the directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import Policy\n"
                f"p = {_POLICY} / 'policy.safetensors'\n"
                "refused(lambda: Policy.load(p), str(p))"
            ),
        ),
        Fault(
            "F03",
            lib,
            "Policy.load: policy.json (its header) zero-length",
            "PlasmaError, one line naming policy.json",
            _api(
                "import shutil\nfrom plasma import Policy\n"
                f"shutil.copytree({_POLICY}, tmp / 'p')\n"
                "(tmp / 'p' / 'policy.json').write_bytes(b'')\n"
                "refused(lambda: Policy.load(tmp / 'p'), 'policy.json')"
            ),
        ),
        Fault(
            "F04",
            lib,
            "WorldModel.load given a directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import WorldModel\n"
                "refused(lambda: WorldModel.load(base / 'iterations'), 'iterations')"
            ),
        ),
        Fault(
            "F05",
            lib,
            "ValueFunction.load on a file that does not exist",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma.simulator.value import ValueFunction\n"
                "refused(lambda: ValueFunction.load(tmp / 'v.safetensors'), 'v.safetensors')"
            ),
        ),
        Fault(
            "F06",
            lib,
            "Transitions.load given a directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import Transitions\n"
                "(tmp / 'd.npz').mkdir()\n"
                "refused(lambda: Transitions.load(tmp / 'd.npz'), 'd.npz')"
            ),
        ),
        Fault(
            "F07",
            lib,
            "Transitions.load on a file that does not exist",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import Transitions\n"
                "refused(lambda: Transitions.load(tmp / 'gone.npz'), 'gone.npz')"
            ),
        ),
        Fault(
            "F08",
            lib,
            "PhantomPaths.load given a directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import PhantomPaths\n"
                "refused(lambda: PhantomPaths.load(base / 'iterations/0001'), '0001')"
            ),
        ),
        Fault(
            "F09",
            lib,
            "InstructionPacket.load given its manifest.json instead of the directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma import InstructionPacket\n"
                "m = next((base / 'packets').iterdir()) / 'manifest.json'\n"
                "refused(lambda: InstructionPacket.load(m), 'manifest.json')"
            ),
        ),
        Fault(
            "F10",
            lib,
            "LoRAInjector.inject: the packet's weights file replaced by a directory",
            "PlasmaError, one line naming adapter_model.safetensors",
            _api(
                "import shutil\nfrom plasma import InstructionPacket, LoRAInjector, Policy\n"
                "src = next((base / 'packets').iterdir())\n"
                "shutil.copytree(src, tmp / src.name)\n"
                "w = tmp / src.name / 'adapter_model.safetensors'\n"
                "w.unlink(); w.mkdir()\n"
                f"policy = Policy.load({_POLICY})\n"
                "refused(lambda: LoRAInjector(policy).inject(tmp / src.name), "
                "'adapter_model.safetensors')"
            ),
        ),
        Fault(
            "F11",
            lib,
            "Keyring.from_file given a directory",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma.distiller import Keyring\n"
                "refused(lambda: Keyring.from_file(tmp), str(tmp))"
            ),
        ),
        Fault(
            "F12",
            lib,
            "plasma.trace.read_spans on a file that does not exist",
            "PlasmaError, one line naming the path",
            _api(
                "from plasma.trace import read_spans\n"
                "refused(lambda: read_spans(tmp / 'no.jsonl'), 'no.jsonl')"
            ),
        ),
        Fault(
            "F13",
            e,
            "--run whose config.json is a directory",
            "exit 2, one line naming config.json",
            _eval_on(lambda run: ((run / "config.json").unlink(), (run / "config.json").mkdir())),
        ),
        Fault(
            "F14",
            t,
            "--config names a zero-length file",
            "exit 2, one line",
            _train_with_file("--config", _text_file("empty.json", "")),
        ),
        Fault(
            "F15",
            lib,
            "Simulator given a config value of the wrong type",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import Simulator\n"
                "refused(lambda: Simulator({'warmup_steps': 'many'}), 'warmup_steps')"
            ),
        ),
        Fault(
            "F16",
            lib,
            "WorldModel given a config with an unknown field",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import WorldModel\n"
                "refused(lambda: WorldModel(3, 1, {'no_such_setting': 1}), 'no_such_setting')"
            ),
        ),
        Fault(
            "F17",
            lib,
            "Distiller given a negative nested setting (training.batch_size)",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import Distiller\n"
                "refused(lambda: Distiller({'training': {'batch_size': -4}}), 'batch_size')"
            ),
        ),
        Fault(
            "F18",
            lib,
            "SimulatorConfig constructed with a bad value",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import SimulatorConfig\n"
                "refused(lambda: SimulatorConfig(warmup_steps=-1), 'warmup_steps')"
            ),
        ),
        Fault(
            "F19",
            lib,
            "Policy given obs_dim=0",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import Policy\n"
                "refused(lambda: Policy(obs_dim=0, action_low=[-1.0], action_high=[1.0]), "
                "'obs_dim')"
            ),
        ),
        Fault(
            "F20",
            lib,
            "StateTracker given a negative capacity",
            "InvalidArgumentError, one line naming the field",
            _api(
                "from plasma import StateTracker\n"
                "refused(lambda: StateTracker({'memory_capacity': -1}), 'memory_capacity')"
            ),
        ),
        Fault(
            "F21",
            e,
            "--mode plan, config.json names a discrete-action env (CartPole-v1)",
            "exit 2, one line",
            _eval_on(_other_env_named("CartPole-v1"), "--mode", "plan"),
        ),
        Fault(
            "F22",
            t,
            "--base a Pendulum run with --env MountainCarContinuous-v0",
            "exit 2, one line, nothing created",
            _base_other_env,
        ),
        Fault(
            "F23",
            t,
            "--resume, config.json names a discrete-action env (CartPole-v1)",
            "exit 2, one line",
            _resume_with(_other_env_named("CartPole-v1")),
        ),
        Fault(
            "F24",
            e,
            "config.json names an env with other spaces, --json",
            "exit 2, one line, nothing on stdout",
            _eval_on(_other_env_named("Acrobot-v1"), "--json"),
        ),
    ]


def held_out_e(ids: list[str]) -> set[str]:
    """The fifth batch's held-out third: its own seed, drawn before any F fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_E).sample(ordered, k=round(len(ordered) / 3)))


# --------------------------------------------------------------- the sixth batch (G01...)
# Batch F of the brief: a user's env that misbehaves while a run uses it, writes that fail
# (a file-size limit, a directory made read-only), and a process killed hard mid-iteration.
HELD_OUT_SEED_F = 20_261_209  # batch F: its own seed, as the brief gave it

_G_ENV = """
import os
import gymnasium as gym
import numpy as np
from gymnasium import spaces

W = 3
AFTER = int(os.environ.get("G_AFTER", "150"))

class G(gym.Env):
    steps = 0  # class-wide: counts the steps of every copy the process makes
    def __init__(self):
        self.observation_space = OBS_SPACE
        self.action_space = ACT_SPACE
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        obs = self.np_random.uniform(-1, 1, W).astype(np.float32)
        RESET
        return obs, {}
    def step(self, action):
        G.steps += 1
        obs = self.np_random.uniform(-1, 1, W).astype(np.float32)
        reward, terminated, truncated, info = float(-np.sum(obs**2)), False, False, {}
        if os.environ.get("G_BREAK") and G.steps > AFTER:
            FAULT
        return obs, reward, terminated, truncated, info

gym.register("g/G-v0", entry_point=__name__ + ":G", max_episode_steps=40)
"""
_BOX_OBS = "spaces.Box(-5.0, 5.0, shape=(W,), dtype=np.float32)"
_BOX_ACT = "spaces.Box(-2.0, 2.0, shape=(1,), dtype=np.float32)"
_G_ID = "genv:g/G-v0"


def _g_source(
    fault: str = "pass", reset: str = "pass", obs: str = _BOX_OBS, act: str = _BOX_ACT
) -> str:
    return (
        _G_ENV.replace("FAULT", fault)
        .replace("RESET", reset)
        .replace("OBS_SPACE", obs)
        .replace("ACT_SPACE", act)
    )


def _g_pkg(tmp: Path, source: str) -> Path:
    pkg = tmp / "userpkg"
    pkg.mkdir(exist_ok=True)
    (pkg / "genv.py").write_text(source)
    return pkg


_TWO = [
    *_TINY[: _TINY.index("--iterations")],
    "--iterations",
    "2",
    *_TINY[_TINY.index("--quiet") :],
]


def _state_of(run: Path) -> dict[str, object] | None:
    try:
        state = json.loads((run / "state.json").read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _completed(run: Path) -> int:
    state = _state_of(run)
    return int(state.get("completed_iterations", 0)) if state else 0  # type: ignore[call-overload]


def _resumes(run: Path, tmp: Path, user: Path | None, want_done: int) -> str:
    """'' when ``plasma-train --resume`` (the env fixed, no limit) completes the run; else why."""
    result = _run([*TRAIN, "--resume", str(run), "--quiet"], tmp, user=user, timeout=300)
    if result.returncode != 0:
        return f"; the resume failed: {_describe(result.returncode, result.stderr)}"
    if _completed(run) != want_done:
        return f"; the resume ended with {_completed(run)} iterations, not {want_done}"
    return ""


def _train_env_breaks(fault: str, says: str = "g/G-v0") -> Callable[[Path, Path], Outcome]:
    """A two-iteration run on a user env that breaks in its second iteration: exit 1, one line
    naming the env; then, the env fixed, ``--resume`` completes the run."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(fault))
        run = tmp / "run"
        cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TWO]
        result = _run(cmd, tmp, user=pkg, timeout=300, G_BREAK="1")
        outcome = _judge(result, (1,), says)
        if not outcome.ok:
            return outcome
        kept = _completed(run)
        if kept < 1:
            return Outcome(False, outcome.observed + " (no iteration was committed before it)")
        return (
            Outcome(True, outcome.observed + f" (kept {kept})")
            if not (why := _resumes(run, tmp, pkg, 2))
            else Outcome(False, outcome.observed + why)
        )

    return probe


def _train_env_refused(obs: str = _BOX_OBS, act: str = _BOX_ACT) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(obs=obs, act=act))
        result = _run([*TRAIN, "--env", _G_ID, "--runs-dir", "runs", *_TINY], tmp, user=pkg)
        outcome = _judge(result, (2,), "g/G-v0")
        created = (tmp / "runs").exists() and any((tmp / "runs").iterdir())
        return Outcome(
            outcome.ok and not created, outcome.observed + (" (created)" if created else "")
        )

    return probe


def _eval_env_breaks(
    fault: str, *extra: str, reset: str = "pass"
) -> Callable[[Path, Path], Outcome]:
    """``plasma-eval`` of the base (Pendulum-shaped) run on a user env of the same spaces that
    breaks during the evaluation: exit 1, one line naming the env."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(fault, reset))
        run = _copy_run(base, tmp)
        _other_env_named(_G_ID)(run)
        cmd = [*EVAL, "--run", str(run), "--episodes", "2", "--max-steps", "20", *extra]
        result = _run(cmd, tmp, user=pkg, G_BREAK="1", G_AFTER="3")
        return _judge(result, (1,), "g/G-v0")

    return probe


def _eval_env_refused(obs: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(obs=obs))
        run = _copy_run(base, tmp)
        _other_env_named(_G_ID)(run)
        cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"]
        return _judge(_run(cmd, tmp, user=pkg), (2,), "g/G-v0")

    return probe


def _api_env(code: str, fault: str, reset: str = "pass") -> Callable[[Path, Path], Outcome]:
    """A library fault on the user env: passes on a one-line PlasmaError naming the env."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(fault, reset))
        prog = (
            f"import sys, os\nsys.path.insert(0, {str(pkg)!r})\nos.environ['G_BREAK'] = '1'\n"
            f"os.environ['G_AFTER'] = '5'\n" + _REFUSED_ONE_LINE + code
        )
        return _python(prog, "refused:")(tmp, base)

    return probe


# ------------------------------------------------------------------ writes that fail
def _fsize_limit(limit: int) -> Callable[[], None]:
    def limit_files() -> None:
        _limit_memory()
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


def _run_limited(
    cmd: list[str], cwd: Path, preexec: Callable[[], None], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env=_env(),
        check=False,
        preexec_fn=preexec,
    )


def _snapshot(run: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(run)): p.read_bytes()
        for p in sorted(run.rglob("*"))
        if p.is_file() and not p.name.startswith(".plasma-run") and p.name != "lock"
    }


def _committed_intact(run: Path, before: dict[str, bytes]) -> str:
    """'' when every file of ``state.json``'s checksums still holds what it did before."""
    state = _state_of(run)
    if state is None:
        return " (state.json damaged)"
    if (run / "state.json").read_bytes() != before.get("state.json"):
        return " (state.json changed)"
    checksums = state.get("checksums", {})
    assert isinstance(checksums, dict)
    for rel in checksums:
        if (run / rel).read_bytes() != before.get(rel):
            return f" ({rel} changed)"
    return ""


def _names_path(outcome: Outcome, result: subprocess.CompletedProcess[str], where: Path) -> Outcome:
    lines = _error_lines(result.stderr)
    said = lines[0].split("; the run stopped")[0] if lines else ""  # not the resume command
    if outcome.ok and not (str(where) in said or str(where.resolve()) in said):
        return Outcome(False, outcome.observed + " (names no path under the run)")
    return outcome


def _train_fsize_fresh(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TINY]
    result = _run_limited(cmd, tmp, _fsize_limit(48 << 10))
    outcome = _names_path(_judge(result, (1,), "too large"), result, run)
    stray = [p.name for p in run.rglob("*.tmp*")] if run.exists() else []
    if outcome.ok and stray:
        return Outcome(False, outcome.observed + f" (left {stray[:2]})")
    return outcome


def _resume_fsize(limit: int) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        before = _snapshot(run)
        cmd = [*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"]
        result = _run_limited(cmd, tmp, _fsize_limit(limit))
        outcome = _names_path(_judge(result, (1,), "too large"), result, run)
        damage = _committed_intact(run, before)
        if damage:
            return Outcome(False, outcome.observed + damage)
        check = _run([*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"], tmp)
        if check.returncode != 0:
            return Outcome(False, outcome.observed + " (plasma-eval fails after it)")
        return outcome

    return probe


def _as_nobody() -> None:
    _limit_memory()
    os.setgid(65534)
    os.setuid(65534)


def _open_to_nobody(tmp: Path, run: Path) -> None:
    for parent in (tmp, *tmp.parents):
        if parent == Path("/"):
            break
        os.chmod(parent, os.stat(parent).st_mode | 0o055)
    for p in [run, *run.rglob("*")]:
        os.chown(p, 65534, 65534, follow_symlinks=False)


def _chmod_tree(run: Path, writable: bool) -> None:
    for p in [run, *run.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            os.chmod(p, 0o755 if writable else 0o555)


def _resume_read_only(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    before = _snapshot(run)
    cmd = [*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"]
    if _ro_mount_works():  # root: a read-only bind mount (a chmod is ignored by root)
        result = _run_limited(_in_ro_namespace(_RO_RUN, run, cmd), tmp, _limit_memory)
        reason = "read-only file system"
    else:
        _open_to_nobody(tmp, run)
        _chmod_tree(run, writable=False)
        result = _run_limited(cmd, tmp, _as_nobody)
        reason = "permission denied"
    outcome = _names_path(_judge(result, (1,), reason), result, run)
    _chmod_tree(run, writable=True)
    return Outcome(
        outcome.ok and not _committed_intact(run, before),
        outcome.observed + _committed_intact(run, before),
    )


def _train_read_only_mid_run_mounted(tmp: Path, base: Path) -> Outcome:
    """As root: the run directory bind-mounted read-only once iteration 1 is committed."""
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TWO]
    result = _run_limited(_in_ro_namespace(_RO_MID_RUN, run, cmd), tmp, _limit_memory)
    if result.returncode == 98:
        return Outcome(False, f"probe failed: the bind mount failed ({result.returncode})")
    outcome = _names_path(_judge(result, (1,), "read-only file system"), result, run)
    if _state_of(run) is None or _completed(run) < 1:
        return Outcome(False, outcome.observed + " (state.json lost)")
    if not outcome.ok:
        return outcome
    return (
        Outcome(True, outcome.observed)
        if not (why := _resumes(run, tmp, None, 2))
        else (Outcome(False, outcome.observed + why))
    )


def _train_read_only_mid_run(tmp: Path, base: Path) -> Outcome:
    if _ro_mount_works():
        return _train_read_only_mid_run_mounted(tmp, base)
    run = tmp / "run"
    run.mkdir()
    _open_to_nobody(tmp, run)
    run.rmdir()
    (tmp / "runs").mkdir()
    os.chown(tmp, 65534, 65534)
    cmd = [*TRAIN, "--run-dir", str(run), *_TWO]
    with open(tmp / "stderr", "w+") as err:
        proc = subprocess.Popen(
            cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=err, env=_env(), preexec_fn=_as_nobody
        )
        deadline = time.monotonic() + 200
        while _completed(run) < 1 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is not None:
            err.seek(0)
            return Outcome(
                False, "ended before the chmod: " + _describe(proc.returncode, err.read())
            )
        before = _snapshot(run)
        _chmod_tree(run, writable=False)
        rc = proc.wait(timeout=240)
        err.seek(0)
        text = err.read()
    result = subprocess.CompletedProcess(cmd, rc, "", text)
    outcome = _names_path(_judge(result, (1,), "permission denied"), result, run)
    _chmod_tree(run, writable=True)
    if _state_of(run) is None or _completed(run) < 1:
        return Outcome(False, outcome.observed + " (state.json lost)")
    del before
    if not outcome.ok:
        return outcome
    resumed = subprocess.run(
        [*TRAIN, "--resume", str(run), "--quiet"],
        cwd=tmp,
        capture_output=True,
        text=True,
        env=_env(),
        preexec_fn=_as_nobody,
        timeout=300,
        check=False,
    )
    if resumed.returncode != 0 or _completed(run) != 2:
        return Outcome(
            False, outcome.observed + "; resume: " + _describe(resumed.returncode, resumed.stderr)
        )
    return outcome


_SAVE_LIMITED = """
import resource
from plasma.distiller import Policy
from plasma.envs import Transitions
src = base / SOURCE
target = tmp / "copy"
KIND.load(src).save(target, **EXTRA)
before = KIND.load(target)
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
def again():
    KIND.load(src).save(target, **EXTRA)
try:
    again()
except OSError as err:
    text = str(err)
    if "\\n" in text.strip() or str(target) not in text:
        print("unnamed:", type(err).__name__, " ".join(text.split())[:120])
    else:
        try:
            KIND.load(target)
            print("refused:", type(err).__name__, " ".join(text.split())[:120])
        except BaseException as lost:
            print("lost:", type(lost).__name__, str(lost)[:100])
except BaseException as err:
    print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
else:
    print("accepted")
"""


def _save_limited(kind: str, source: str, extra: str = "") -> Callable[[Path, Path], Outcome]:
    code = (
        _SAVE_LIMITED.replace("KIND", kind)
        .replace("SOURCE", repr(source))
        .replace("**EXTRA", extra or "**{}")
    )
    return _python(code, "refused:")


# ------------------------------------------------------------------ killed hard
def _kill_points(fault_id: str, count: int, low: float, high: float) -> list[float]:
    rng = random.Random(f"{HELD_OUT_SEED_F}-{fault_id}")
    return [round(rng.uniform(low, high), 2) for _ in range(count)]


def _kill_after(cmd: list[str], tmp: Path, after: float) -> int | None:
    """Start ``cmd``, SIGKILL it ``after`` seconds later; its status if it ended before."""
    proc = subprocess.Popen(
        cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
    )
    try:
        return proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def _committed_verifies(run: Path) -> str:
    state = _state_of(run)
    if state is None:
        return "" if not (run / "state.json").exists() else "state.json unreadable"
    import hashlib

    checksums = state.get("checksums", {})
    assert isinstance(checksums, dict)
    for rel, digest in checksums.items():
        path = run / rel
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return f"{rel} does not match its checksum"
    return ""


def _killed_then_resumed(fault_id: str, kills: int) -> Callable[[Path, Path], Outcome]:
    """A three-iteration run killed (SIGKILL) ``kills`` times at seeded random moments, resumed
    after each: the committed files verify after every kill, the real steps committed never go
    back, and the last resume ends the run with every real step of its budget."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = tmp / "run"
        three = [*_TINY[: _TINY.index("--iterations")], "--iterations", "3", "--quiet"]
        three += _TINY[_TINY.index("--quiet") + 1 :]
        first = [*TRAIN, "--run-dir", str(run), *three]
        steps_seen = 0
        notes = []
        for k, after in enumerate(_kill_points(fault_id, kills, 2.0, 14.0)):
            cmd = first if k == 0 or not run.exists() else [*TRAIN, "--resume", str(run), "--quiet"]
            rc = _kill_after(cmd, tmp, after)
            bad = _committed_verifies(run)
            state = _state_of(run) or {}
            steps = int(state.get("real_steps", 0))  # type: ignore[call-overload]
            notes.append(f"{after}s:{state.get('completed_iterations', '-')}")
            if bad:
                return Outcome(False, f"killed at {after}s: {bad}")
            if steps < steps_seen:
                return Outcome(
                    False, f"killed at {after}s: real steps went back {steps_seen}->{steps}"
                )
            steps_seen = steps
            if rc is not None and rc != 0:
                return Outcome(False, f"a resume failed (rc={rc}) after {notes}")
        cmd = [*TRAIN, "--resume", str(run), "--quiet"] if run.exists() else first
        result = _run(cmd, tmp, timeout=300)
        state = _state_of(run) or {}
        if result.returncode != 0:
            return Outcome(
                False, f"kills {notes}; then {_describe(result.returncode, result.stderr)}"
            )
        if state.get("completed_iterations") != 3 or state.get("real_steps") != 240:
            return Outcome(
                False,
                f"kills {notes}; ended with {state.get('completed_iterations')} iterations, "
                f"{state.get('real_steps')} real steps",
            )
        rows = [line for line in (run / "metrics.jsonl").read_text().splitlines() if line.strip()]
        if len(rows) != 3:
            return Outcome(False, f"kills {notes}; metrics.jsonl holds {len(rows)} rows, not 3")
        stray = [p.name for p in run.rglob("*") if ".tmp" in p.name]
        if stray:
            return Outcome(False, f"kills {notes}; left {stray[:2]}")
        return Outcome(True, f"kills at {notes}; resumed to 3 iterations, 240 real steps")

    return probe


def _eval_killed(
    fault_id: str, low: float, high: float, *, at_start: bool = False
) -> Callable[[Path, Path], Outcome]:
    """``plasma-eval`` on a run killed (SIGKILL) at a seeded moment: it evaluates the policy of
    the last committed iteration (and says so), or says on one line that none was committed.
    ``at_start``: the moment counts from the run directory's creation, not the process's (under
    load a kill 1 s after the start fell before there was a run at all)."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = tmp / "run"
        after = _kill_points(fault_id, 1, low, high)[0]
        cmd = [*TRAIN, "--run-dir", str(run), *_TWO]
        if at_start:  # the moment the run exists (its lock file), plus the seeded delay
            rc = _kill_when(cmd, tmp, (run / ".plasma-run").exists, after)
        else:
            rc = _kill_after(cmd, tmp, after)
        if rc is not None:
            return Outcome(False, f"the run ended (rc={rc}) before the kill at {after}s")
        done = _completed(run)
        result = _run(
            [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", "--json"], tmp
        )
        if done == 0:
            outcome = _judge(result, (2,), "no completed iteration")
            return Outcome(outcome.ok, f"killed at {after}s, none committed: {outcome.observed}")
        try:
            said = json.loads(result.stdout)
        except ValueError:
            return Outcome(
                False,
                f"killed at {after}s ({done} committed): "
                + _describe(result.returncode, result.stderr),
            )
        ok = result.returncode == 0 and said.get("iterations") == done
        return Outcome(
            ok,
            f"killed at {after}s ({done} committed): rc={result.returncode}, "
            f"iterations={said.get('iterations')}",
        )

    return probe


_SAVE_LOOP = """
import sys
from pathlib import Path
from plasma.distiller import Policy
src, target = Path(sys.argv[1]), Path(sys.argv[2])
policy = Policy.load(src)
while True:
    policy.save(target, overwrite=True)
"""


def _policy_save_killed(tmp: Path, base: Path) -> Outcome:
    src = base / "iterations/0000/policy"
    target = tmp / "p"
    (tmp / "loop.py").write_text(_SAVE_LOOP)
    shutil.copytree(src, target)
    for after in _kill_points("G25", 5, 1.5, 4.0):
        rc = _kill_after([sys.executable, str(tmp / "loop.py"), str(src), str(target)], tmp, after)
        if rc is not None:
            return Outcome(False, f"the save loop ended (rc={rc})")
        check = _run(
            [
                sys.executable,
                "-c",
                f"from plasma.distiller import Policy; Policy.load({str(target)!r})",
            ],
            tmp,
        )
        if check.returncode != 0:
            return Outcome(
                False, f"killed at {after}s: {_describe(check.returncode, check.stderr)}"
            )
    return Outcome(True, "Policy.load read the policy after each of 5 kills")


# ------------------------------------------------------------------ killed mid-iteration
# Part 2 of batch F: kills placed by the run's own progress, not by the clock (under load the
# clock's moments of G29-G31 all fell before the first commit). Written from the brief after
# part 1, they are open and outside batch F's held-out draw (which stays over G01-G32).
_KILL_STAGES = ("collect", "fit", "value", "distill", "commit", "state", "refresh")


def _same_as(reference: Path, run: Path) -> str:
    """'' when ``run`` ended as ``reference`` did (the test suite's rule: metrics less timings
    and packet ids, real data, weights, packets, no leftovers); else what differs."""
    sys.path[:0] = [str(REPO / "python"), str(REPO)]
    from tests.train.conftest import assert_same_run

    try:
        assert_same_run(reference, run)
    except AssertionError as err:
        return f"differs from the uninterrupted run: {' '.join(str(err).split())[:100] or 'assert'}"
    return ""


def _reference(tmp: Path) -> Path:
    ref = tmp / "reference"
    result = _run([*TRAIN, "--run-dir", str(ref), *_TWO], tmp, timeout=300)
    if result.returncode != 0:
        raise OSError(
            f"the uninterrupted run failed: {_describe(result.returncode, result.stderr)}"
        )
    return ref


def _after_kill(run: Path, ref: Path, want_done: int, where: str) -> str:
    """'' when the killed run's committed files verify, it kept ``want_done`` iterations (or
    at least one, for -1) and ``--resume`` ends it as the uninterrupted run; else why."""
    bad = _committed_verifies(run)
    if bad:
        return f"{where}: {bad}"
    done = _completed(run)
    if (want_done >= 0 and done != want_done) or (want_done < 0 and done < 1):
        return f"{where}: {done} iterations committed"
    result = _run([*TRAIN, "--resume", str(run), "--quiet"], run.parent, timeout=300)
    if result.returncode != 0:
        return f"{where}: the resume failed: {_describe(result.returncode, result.stderr)}"
    why = _same_as(ref, run)
    return f"{where} (kept {done}): {why}" if why else ""


def _killed_at_stages(tmp: Path, base: Path) -> Outcome:
    """SIGKILL at the start of each named stage of iteration 2 (``PLASMA_FAULT``), then
    ``--resume``: each ends as the uninterrupted run of the same seed."""
    ref = _reference(tmp)
    for stage in _KILL_STAGES:
        run = tmp / f"run-{stage}"
        fault = {"PLASMA_FAULT": f"{stage}:1:kill"}
        result = _run([*TRAIN, "--run-dir", str(run), *_TWO], tmp, timeout=300, **fault)
        if result.returncode != -signal.SIGKILL:
            return Outcome(
                False, f"{stage}: not killed ({_describe(result.returncode, result.stderr)})"
            )
        why = _after_kill(run, ref, 2 if stage == "refresh" else 1, stage)
        if why:
            return Outcome(False, why)
        shutil.rmtree(run)
    return Outcome(
        True,
        f"killed at {', '.join(_KILL_STAGES)} of iteration 2: each resumed to the "
        "uninterrupted run",
    )


def _kill_when(cmd: list[str], tmp: Path, ready: Callable[[], bool], delay: float) -> int | None:
    """Start ``cmd``; once ``ready()`` holds, wait ``delay`` s and SIGKILL it; its status if it
    ended first."""
    proc = subprocess.Popen(
        cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
    )
    try:
        deadline = time.monotonic() + 300
        while not ready():
            if proc.poll() is not None or time.monotonic() > deadline:
                return proc.wait()
            time.sleep(0.005)
        time.sleep(delay)
        if proc.poll() is not None:
            return proc.returncode
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _rows(run: Path) -> int:
    try:
        return sum(1 for line in (run / "metrics.jsonl").read_bytes().splitlines() if line.strip())
    except OSError:
        return 0


def _killed_by_progress(tmp: Path, base: Path) -> Outcome:
    """SIGKILL at moments placed by the run's progress: once iteration 1's metrics row exists,
    after seeded fractions of the time iteration 1 took; and the moment iteration 2's commit
    leaves its first file; then ``--resume`` ends each as the uninterrupted run."""
    ref = _reference(tmp)
    first = json.loads((ref / "metrics.jsonl").read_text().splitlines()[0])
    took = float(first["iteration_seconds"])
    rng = random.Random(f"{HELD_OUT_SEED_F}-G34")
    run = tmp / "run"

    def committed_one() -> bool:
        return _rows(run) >= 1

    def commit_began() -> bool:
        return (run / "iterations/0001/real.npz").exists()

    moments: list[tuple[str, Callable[[], bool], float]] = [
        (f"{f:.2f} iteration after commit 1", committed_one, f * took)
        for f in (round(rng.uniform(0.05, 0.95), 2) for _ in range(3))
    ]
    moments.append(("iteration 2's first committed file", commit_began, 0.0))
    notes = []
    for where, ready, delay in moments:
        rc = _kill_when([*TRAIN, "--run-dir", str(run), *_TWO], tmp, ready, delay)
        if rc is not None:
            notes.append(f"{where}: ended first (rc={rc})")
            if rc != 0:
                return Outcome(False, "; ".join(notes))
        else:
            kept = _completed(run)
            why = _after_kill(run, ref, -1, where)
            if why:
                return Outcome(False, why)
            notes.append(f"{where}: kept {kept}")
        shutil.rmtree(run)
    return Outcome(True, "; ".join(notes) + "; each resumed to the uninterrupted run")


# ------------------------------------------------------------------ read-only, as root too
def _ro_mount_works() -> bool:
    """A read-only bind mount in a private mount namespace (``unshare -rm``) refuses writes
    even to root, where a chmod (and so the ``nobody`` route) is ignored."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


_RO_RUN = 'mount --bind "$R" "$R" && mount -o remount,bind,ro "$R" && exec "$@"'
_RO_MID_RUN = (  # a new read-only mount over the run: the files it holds open stay writable
    '"$@" & pid=$!; '
    'until grep -qs \'"completed_iterations": [1-9]\' "$R/state.json"; do '
    "kill -0 $pid 2>/dev/null || { wait $pid; exit $?; }; sleep 0.05; done; "
    'mount --bind "$R" "$R" && mount -o remount,bind,ro "$R" || exit 98; wait $pid'
)


def _in_ro_namespace(script: str, run: Path, cmd: list[str]) -> list[str]:
    return ["unshare", "-rm", "env", f"R={run}", "sh", "-c", script, "sh", *cmd]


def _faults_f() -> list[Fault]:
    t, v, api = "plasma-train", "plasma-eval", "Python API"
    collect = (
        "from plasma.envs import collect, make_env\n"
        f"refused(lambda: collect(make_env({_G_ID!r}), 60), 'g/G-v0')\n"
    )
    step = (
        f"from plasma.envs import make_env\nenv = make_env({_G_ID!r})\n"
        "def run():\n    env.reset()\n    for _ in range(60):\n        env.step([0.0])\n"
        "refused(run, 'g/G-v0')\n"
    )
    one = "exit 1, one line naming the env; --resume completes after the fix"
    return [
        Fault(
            "G01",
            t,
            "env step() raises in iteration 2",
            one,
            _train_env_breaks("raise RuntimeError('sensor lost')"),
        ),
        Fault(
            "G02",
            t,
            "env reward NaN in iteration 2",
            one,
            _train_env_breaks("reward = float('nan')"),
        ),
        Fault(
            "G03",
            t,
            "env observation holds inf in iteration 2",
            one,
            _train_env_breaks("obs[1] = np.inf"),
        ),
        Fault(
            "G04",
            t,
            "env observation complex (dtype not its space's) in iteration 2",
            one,
            _train_env_breaks("obs = obs.astype(np.complex64) + 1j"),
        ),
        Fault(
            "G05",
            t,
            "env observation of shape (1, 3) for a (3,) space in iteration 2",
            one,
            _train_env_breaks("obs = obs.reshape(1, W)"),
        ),
        Fault(
            "G06",
            t,
            "env reward a 1-element array, not a scalar, in iteration 2",
            one,
            _train_env_breaks("reward = np.array([reward])"),
        ),
        Fault(
            "G07",
            t,
            "env terminated the string 'False' in iteration 2",
            one,
            _train_env_breaks("terminated = 'False'"),
        ),
        Fault(
            "G08",
            t,
            "env truncated None in iteration 2",
            one,
            _train_env_breaks("truncated = None"),
        ),
        Fault(
            "G09",
            t,
            "env step() returns 4 values (old gym API) in iteration 2",
            one,
            _train_env_breaks("return obs, reward, False, info"),
        ),
        Fault(
            "G10",
            t,
            "env observation space a Dict",
            "exit 2, one line naming the env, nothing created",
            _train_env_refused(obs="spaces.Dict({'x': " + _BOX_OBS + "})"),
        ),
        Fault(
            "G11",
            t,
            "env action space MultiDiscrete",
            "exit 2, one line naming the env, nothing created",
            _train_env_refused(act="spaces.MultiDiscrete([3, 3])"),
        ),
        Fault(
            "G12",
            t,
            "env action space MultiBinary",
            "exit 2, one line naming the env, nothing created",
            _train_env_refused(act="spaces.MultiBinary(2)"),
        ),
        Fault(
            "G13",
            v,
            "env step() raises mid-evaluation",
            "exit 1, one line naming the env",
            _eval_env_breaks("raise ValueError('bad torque')"),
        ),
        Fault(
            "G14",
            v,
            "env step() returns 4 values (old gym API) mid-evaluation",
            "exit 1, one line naming the env",
            _eval_env_breaks("return obs, reward, False, info"),
        ),
        Fault(
            "G15",
            v,
            "--mode plan, env reward a string mid-evaluation",
            "exit 1, one line naming the env",
            _eval_env_breaks("reward = '0.5'", "--mode", "plan"),
        ),
        Fault(
            "G16",
            v,
            "env reset() returns a bare array (old gym API)",
            "exit 1, one line naming the env",
            _eval_env_breaks("pass", reset="return obs"),
        ),
        Fault(
            "G17",
            v,
            "env observation space a Tuple",
            "exit 2, one line naming the env",
            _eval_env_refused(obs="spaces.Tuple((" + _BOX_OBS + ",))"),
        ),
        Fault(
            "G18",
            api,
            "collect(): env terminated a 2-element array",
            "PlasmaError, one line naming the env",
            _api_env(collect, "terminated = np.array([False, True])"),
        ),
        Fault(
            "G19",
            api,
            "PlasmaEnv.step: env info None",
            "PlasmaError, one line naming the env",
            _api_env(step, "info = None"),
        ),
        Fault(
            "G20",
            api,
            "PlasmaEnv.step: env observation of strings",
            "PlasmaError, one line naming the env",
            _api_env(step, "obs = np.array(['1', '2', '3'])"),
        ),
        Fault(
            "G21",
            t,
            "file-size limit 48 KB on a new run",
            "exit 1, one line naming the path and the OS reason; no temp file left",
            _train_fsize_fresh,
        ),
        Fault(
            "G22",
            t,
            "--resume under a file-size limit of 16 KB",
            "exit 1, one line naming the path; committed files intact; plasma-eval works",
            _resume_fsize(16 << 10),
        ),
        Fault(
            "G23",
            t,
            "--resume under a file-size limit of 200 bytes",
            "exit 1, one line naming the path; committed files intact; plasma-eval works",
            _resume_fsize(200),
        ),
        Fault(
            "G24",
            t,
            "--resume, run directory read-only (a non-root user)",
            "exit 1, one line naming the path and the OS reason; nothing changed",
            _resume_read_only,
        ),
        Fault(
            "G25",
            api,
            "Policy.save killed (SIGKILL) mid-write, 5 times",
            "Policy.load reads the old or the new policy",
            _policy_save_killed,
        ),
        Fault(
            "G26",
            t,
            "run directory made read-only mid-run (a non-root user)",
            "exit 1, one line naming the path; --resume completes after",
            _train_read_only_mid_run,
        ),
        Fault(
            "G27",
            api,
            "Policy.save over a policy under a file-size limit",
            "OSError naming the path; the old policy loads",
            _save_limited("Policy", "iterations/0000/policy", "overwrite=True"),
        ),
        Fault(
            "G28",
            api,
            "Transitions.save over a file under a file-size limit",
            "OSError naming the path; the old file loads",
            _save_limited("Transitions", "iterations/0001/real.npz"),
        ),
        Fault(
            "G29",
            t,
            "SIGKILL at 3 random moments, --resume after each",
            "committed files verify; resume ends with 3 iterations, 240 steps",
            _killed_then_resumed("G29", 3),
        ),
        Fault(
            "G30",
            t,
            "SIGKILL at 5 random moments, --resume after each",
            "committed files verify; resume ends with 3 iterations, 240 steps",
            _killed_then_resumed("G30", 5),
        ),
        Fault(
            "G31",
            v,
            "on a run killed (SIGKILL) mid-run",
            "evaluates the last committed policy, or one line: none committed",
            _eval_killed("G31", 6.0, 16.0),
        ),
        Fault(
            "G32",
            v,
            "on a run killed (SIGKILL) early (0-0.5 s after its directory appears)",
            "evaluates the last committed policy, or one line: none committed",
            _eval_killed("G32", 0.0, 0.5, at_start=True),
        ),
    ]


def _faults_f2() -> list[Fault]:
    """Batch F, part 2 (from its brief, after part 1): kills placed by the run's progress and a
    run directory that refuses every write. Open: batch F's held-out draw stays over G01-G32."""
    t = "plasma-train"
    return [
        Fault(
            "G33",
            t,
            "SIGKILL at the start of collect, fit, value, distill, commit, state, refresh of "
            "iteration 2 (PLASMA_FAULT), --resume after each",
            "each resumed run ends as the uninterrupted run (metrics, data, weights)",
            _killed_at_stages,
        ),
        Fault(
            "G34",
            t,
            "SIGKILL at 3 moments placed by the run's progress in iteration 2, and at its "
            "first committed file; --resume after each",
            "committed files verify; each resumed run ends as the uninterrupted run",
            _killed_by_progress,
        ),
        Fault(
            "G35",
            t,
            "--resume under a file-size limit of 0 (no byte can be written)",
            "exit 1, one line naming the path and the OS reason; committed files intact",
            _resume_fsize(0),
        ),
    ]


def held_out_f(ids: list[str]) -> set[str]:
    """The sixth batch's held-out third: its own seed, drawn before any G fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_F).sample(ordered, k=round(len(ordered) / 3)))


# ------------------------------------------------------------------ batch G (H01-H30)
HELD_OUT_SEED_G = 20_261_210  # batch G: its own seed, drawn before any H fault was tried

_HANG = "__import__('time').sleep(3600)"
_RESET_HANG = f"({_HANG} if os.environ.get('G_BREAK') and G.steps > AFTER else None)"


def _signal_when(
    cmd: list[str],
    tmp: Path,
    ready: Callable[[], bool],
    signals: list[int],
    user: Path | None = None,
    settle: float = 3.0,
    **extra: str,
) -> tuple[int | None, str]:
    """Start ``cmd``; once ``ready()`` holds, wait ``settle`` s and send ``signals`` (0.3 s
    apart); its status (None: still running 30 s later, then killed) and its stderr."""
    with open(tmp / "stderr", "w+") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=_env(user, **extra),
            preexec_fn=_default_sigint,
        )
        deadline = time.monotonic() + 300
        while not ready() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(settle)
        if proc.poll() is None:
            for k, signum in enumerate(signals):
                if k:
                    time.sleep(0.3)
                proc.send_signal(signum)
        try:
            rc: int | None = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            rc = None
        err.seek(0)
        return rc, err.read()


def _stopped_then_resumed(
    signals: list[int], want: int, reset: str = "pass", fault: str = "pass"
) -> Callable[[Path, Path], Outcome]:
    """A two-iteration run on a user env that hangs in iteration 2, stopped by ``signals``:
    status ``want``, at most three lines, no traceback; then (the env fixed) ``--resume``
    completes the run."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, _g_source(fault, reset))
        run = tmp / "run"
        cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TWO]
        rc, text = _signal_when(cmd, tmp, lambda: _completed(run) >= 1, signals, pkg, G_BREAK="1")
        if rc is None:
            return Outcome(False, "still running 30 s after the signal (killed)")
        lines = _error_lines(text)
        seen = _describe(rc, text)
        if rc != want or "Traceback" in text or not 1 <= len(lines) <= 3:
            return Outcome(False, seen)
        bad = _committed_verifies(run)
        why = f"; {bad}" if bad else _resumes(run, tmp, pkg, 2)
        return Outcome(not why, seen + why)

    return probe


def _huge_space_refused(
    obs: str = _BOX_OBS, act: str = _BOX_ACT
) -> Callable[[Path, Path], Outcome]:
    """A space too large to train on: refused up front, naming the env, nothing created, and
    quickly (the env returns views of one number, so only Plasma could allocate)."""
    inner = _train_env_refused(obs=obs, act=act)

    def probe(tmp: Path, base: Path) -> Outcome:
        start = time.monotonic()
        source = _g_source(obs=obs, act=act).replace(
            "self.np_random.uniform(-1, 1, W).astype(np.float32)",
            "np.broadcast_to(np.float32(0.5), self.observation_space.shape)",
        )
        _g_pkg(tmp, source)
        outcome = inner(tmp, base)
        took = time.monotonic() - start
        if took > 60:
            return Outcome(False, outcome.observed + f" (after {took:.0f} s)")
        return outcome

    return probe


def _train_and_eval_at(where: str, **extra: str) -> Callable[[Path, Path], Outcome]:
    """A new run at the odd path ``where`` (under the scratch directory): it trains (status 0,
    no traceback) and ``plasma-eval`` then evaluates it; or both refuse the path on one line."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = tmp / where
        result = _run([*TRAIN, "--run-dir", str(run), *_TINY], tmp, **extra)
        if result.returncode == 2:
            return _judge(result, (2,))
        if result.returncode != 0 or "Traceback" in result.stderr:
            return Outcome(False, _describe(result.returncode, result.stderr))
        check = _run(
            [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"], tmp, **extra
        )
        ok = check.returncode == 0 and "Traceback" not in check.stderr
        return Outcome(ok, "trained; eval " + _describe(check.returncode, check.stderr))

    return probe


def _two_at_once(tmp: Path, base: Path) -> Outcome:
    """Two ``plasma-train`` started together on one ``--run-dir``: one trains, the other is
    refused on one line saying the directory is in use; the run verifies."""
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TWO]
    procs = [
        subprocess.Popen(
            cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300)[1] for p in procs]
    rcs = [p.returncode for p in procs]
    said = "; ".join(_describe(rc, err) for rc, err in zip(rcs, outs, strict=True))
    if sorted(rcs) != [0, 2]:
        return Outcome(False, said)
    loser = outs[rcs.index(2)]
    lines = _error_lines(loser)
    ok = len(lines) == 1 and "in use" in lines[0] and "Traceback" not in loser
    bad = _committed_verifies(run) or ("" if _completed(run) == 2 else "not 2 iterations")
    return Outcome(ok and not bad, said + (f"; {bad}" if bad else ""))


def _resume_while_running(tmp: Path, base: Path) -> Outcome:
    """``--resume`` of a run another process is training now: one line, in use; the first
    run is untouched and completes."""
    run = tmp / "run"
    first = subprocess.Popen(
        [*TRAIN, "--run-dir", str(run), *_TWO],
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (run / "config.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = _run([*TRAIN, "--resume", str(run), "--quiet"], tmp)
    first_err = first.communicate(timeout=300)[1]
    outcome = _judge(second, (2,), "in use")
    if first.returncode != 0:
        return Outcome(
            False, outcome.observed + "; first: " + _describe(first.returncode, first_err)
        )
    return outcome


def _config_edit(change: Callable[[dict[str, object]], None]) -> Callable[[Path], None]:
    def mutate(run: Path) -> None:
        config = json.loads((run / "config.json").read_text())
        change(config)
        (run / "config.json").write_text(json.dumps(config))

    return mutate


def _resume_runs_or_refused(mutate: Callable[[Path], None]) -> Callable[[Path, Path], Outcome]:
    """``--resume`` after ``mutate``: it completes a third iteration, or refuses on one line."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        result = _run([*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"], tmp)
        if result.returncode == 0 and "Traceback" not in result.stderr:
            ok = _completed(run) == 3
            return Outcome(ok, f"resumed to {_completed(run)} iterations")
        return _judge(result, (2,))

    return probe


def _swap(a: str, b: str) -> Callable[[Path], None]:
    def mutate(run: Path) -> None:
        pa, pb, spare = run / a, run / b, run / (a + ".swap")
        pa.rename(spare)
        pb.rename(pa)
        spare.rename(pb)

    return mutate


def _link_to(rel: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    """Replace ``rel`` by a symlink to ``target(run)`` (a copy made outside the run, or a
    device)."""

    def mutate(run: Path) -> None:
        where = run / rel
        to = target(run)
        if where.is_dir():
            shutil.rmtree(where)
        else:
            where.unlink()
        where.symlink_to(to)

    return mutate


def _copy_outside(rel: str) -> Callable[[Path], Path]:
    def make(run: Path) -> Path:
        other = run.parent / ("outside-" + Path(rel).name)
        (shutil.copytree if (run / rel).is_dir() else shutil.copy2)(run / rel, other)
        return other

    return make


def _eval_mutated(
    mutate: Callable[[Path], None], *extra: str, says: str = ""
) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", *extra]
        return _judge(_run(cmd, tmp), (2,), says)

    return probe


def _resume_mutated(mutate: Callable[[Path], None]) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        result = _run([*TRAIN, "--resume", str(run), "--iterations", "3", "--quiet"], tmp)
        return _judge(result, (2,))

    return probe


def _train_odd_home(tmp: Path, base: Path) -> Outcome:
    """HOME and the XDG directories under a regular file (no write there can succeed): the
    run trains, or one line names the path."""
    bad = "/dev/null/home"
    extra = {"HOME": bad, "XDG_CACHE_HOME": bad, "XDG_CONFIG_HOME": bad, "XDG_DATA_HOME": bad}
    result = _run([*TRAIN, "--run-dir", str(tmp / "run"), *_TINY], tmp, **extra)
    if result.returncode == 0 and "Traceback" not in result.stderr:
        return Outcome(True, _describe(0, result.stderr))
    return _judge(result, (1, 2), "/dev/null")


_LOUD = [a for a in _TINY if a != "--quiet"]


def _train_head_one(tmp: Path, base: Path) -> Outcome:
    """``plasma-train ... | head -1``: the reader takes one line and goes. No traceback; status
    0 or 141; what was committed verifies (and a stopped run resumes)."""
    run = tmp / "run"
    proc = subprocess.Popen(
        [*TRAIN, "--run-dir", str(run), *_LOUD],
        cwd=tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    rc = proc.wait(timeout=300)
    seen = _describe(rc, err)
    if "Traceback" in err or "Exception ignored" in err or rc not in (0, 141):
        return Outcome(False, seen)
    bad = _committed_verifies(run)
    if bad:
        return Outcome(False, f"{seen}; {bad}")
    return Outcome(True, seen + (_resumes(run, tmp, None, 1) if rc == 141 else ""))


def _no_stdout() -> None:
    _limit_memory()
    os.close(1)


def _train_stdout_closed(tmp: Path, base: Path) -> Outcome:
    """``plasma-train ... >&-`` (no stdout at all): it trains, or one line; no traceback."""
    done = subprocess.run(
        [*TRAIN, "--run-dir", str(tmp / "run"), *_LOUD],
        cwd=tmp,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        timeout=300,
        env=_env(),
        check=False,
        preexec_fn=_no_stdout,
    )
    if done.returncode == 0 and "Traceback" not in done.stderr:
        return Outcome(True, _describe(0, done.stderr))
    return _judge(done, (1, 2))


def _signal_at_stage(
    stage: str, action: str, want: int, keep: int
) -> Callable[[Path, Path], Outcome]:
    """A signal at ``stage`` of the final iteration (``PLASMA_FAULT``): status ``want``, at
    most three lines, no traceback; ``keep`` iterations committed and verifying; ``--resume``
    completes the run."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = tmp / "run"
        with open(tmp / "stderr", "w+") as err:
            rc = subprocess.run(
                [*TRAIN, "--run-dir", str(run), *_TWO],
                cwd=tmp,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=_env(PLASMA_FAULT=f"{stage}:1:{action}"),
                timeout=300,
                check=False,
                preexec_fn=_default_sigint,
            ).returncode
            err.seek(0)
            text = "\n".join(
                line for line in err.read().splitlines() if not line.startswith("plasma-fault:")
            )
        seen = _describe(rc, text)
        lines = _error_lines(text)
        if rc != want or "Traceback" in text or not 1 <= len(lines) <= 3:
            return Outcome(False, seen)
        bad = _committed_verifies(run) or (
            "" if _completed(run) == keep else f"{_completed(run)} iterations committed"
        )
        why = f"; {bad}" if bad else _resumes(run, tmp, None, 2)
        return Outcome(not why, seen + why)

    return probe


_BAD_IMPORT = "raise RuntimeError('licence server unreachable')\n"
_REGISTERS_NOTHING = "import gymnasium\nVALUE = 1\n"


def _train_env_module(source: str, env_id: str, says: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = tmp / "userpkg"
        pkg.mkdir()
        module = env_id.partition(":")[0]
        (pkg / f"{module}.py").write_text(source)
        result = _run([*TRAIN, "--env", env_id, "--runs-dir", "runs", *_TINY], tmp, user=pkg)
        outcome = _judge(result, (2,), says)
        created = (tmp / "runs").exists() and any((tmp / "runs").iterdir())
        return Outcome(
            outcome.ok and not created, outcome.observed + (" (created)" if created else "")
        )

    return probe


_CLOCK_BACK = """
import time
_real = time.time
_start = _real()
def _jumped():
    now = _real()
    return now - 3600.0 if now - _start > 8.0 else now
time.time = _jumped
"""


def _train_clock_back(tmp: Path, base: Path) -> Outcome:
    """The wall clock set back an hour 8 s into the run (``time.time``): it trains, no
    traceback, and no duration it records or prints is negative."""
    pkg = tmp / "clock"
    pkg.mkdir()
    (pkg / "sitecustomize.py").write_text(_CLOCK_BACK)
    run = tmp / "run"
    result = _run([*TRAIN, "--run-dir", str(run), *_TWO], tmp, user=pkg, timeout=300)
    seen = _describe(result.returncode, result.stderr)
    if result.returncode != 0 or "Traceback" in result.stderr:
        return Outcome(False, seen)
    negative = []
    for line in (run / "metrics.jsonl").read_text().splitlines():
        row = json.loads(line)
        negative += [
            k for k, v in row.items() if isinstance(v, (int, float)) and "second" in k and v < 0
        ]
    if negative:
        return Outcome(False, f"{seen}; negative {sorted(set(negative))}")
    return Outcome(True, seen)


def _eval_through_link(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    link = tmp / "latest"
    link.symlink_to(run, target_is_directory=True)
    cmd = [*EVAL, "--run", f"{link}/", "--episodes", "1", "--max-steps", "5"]
    result = _run(cmd, tmp)
    ok = result.returncode == 0 and "Traceback" not in result.stderr
    return Outcome(ok, _describe(result.returncode, result.stderr))


def _faults_g() -> list[Fault]:
    t, v = "plasma-train", "plasma-eval"
    resumable = "status {}, at most 3 lines, no traceback; --resume completes after"
    return [
        Fault(
            "H01",
            t,
            "Ctrl-C while the env's step() hangs in iteration 2",
            resumable.format(130),
            _stopped_then_resumed([signal.SIGINT], 130, fault=_HANG),
        ),
        Fault(
            "H02",
            t,
            "SIGTERM while the env's reset() hangs in iteration 2",
            resumable.format(143),
            _stopped_then_resumed([signal.SIGTERM], 143, reset=_RESET_HANG),
        ),
        Fault(
            "H03",
            t,
            "Ctrl-C twice (0.3 s apart) while the env's step() hangs",
            resumable.format(130),
            _stopped_then_resumed([signal.SIGINT, signal.SIGINT], 130, fault=_HANG),
        ),
        Fault(
            "H04",
            t,
            "env replaces its observation space by a (4,) Box mid-run, obs to match",
            "exit 1, one line naming the env; --resume completes after the fix",
            _train_env_breaks(
                "self.observation_space = spaces.Box(-5, 5, (4,), np.float32); "
                "obs = np.zeros(4, np.float32)"
            ),
        ),
        Fault(
            "H05",
            t,
            "observation space of 10**9 dimensions",
            "exit 2 within 60 s, one line naming the env, nothing created",
            _huge_space_refused(obs="spaces.Box(-5.0, 5.0, shape=(10**9,), dtype=np.float32)"),
        ),
        Fault(
            "H06",
            t,
            "action space a Box of 10**8 dimensions",
            "exit 2 within 60 s, one line naming the env, nothing created",
            _huge_space_refused(act="spaces.Box(-2.0, 2.0, shape=(10**8,), dtype=np.float32)"),
        ),
        Fault(
            "H07",
            t,
            "--run-dir with spaces and non-ASCII characters",
            "trains (0) and plasma-eval evaluates it",
            _train_and_eval_at("my runs/r\u00fcn \u00e9t\u00e9 \u76ee\u5f55"),
        ),
        Fault(
            "H08",
            t,
            "non-ASCII --run-dir under an ASCII-only locale (LC_ALL=C, ascii stdio)",
            "trains and evaluates, or exit 2 one line; no traceback",
            _train_and_eval_at(
                "rün-é",
                LC_ALL="C",
                LANG="C",
                PYTHONIOENCODING="ascii",
                PYTHONUTF8="0",
                PYTHONCOERCECLOCALE="0",
            ),
        ),
        Fault(
            "H09",
            t,
            "two plasma-train started at once on one --run-dir",
            "one trains (0), the other exit 2 one line 'in use'; the run verifies",
            _two_at_once,
        ),
        Fault(
            "H10",
            t,
            "--resume of a run another process is training now",
            "exit 2, one line 'in use'; the first run completes",
            _resume_while_running,
        ),
        Fault(
            "H11",
            t,
            "--resume, config.json with a field from a newer version",
            "exit 2, one line",
            _resume_mutated(_config_edit(lambda c: c.update(future_knob=1))),
        ),
        Fault(
            "H12",
            t,
            "--resume, config.json without a field an older version lacked",
            "resumes to 3 iterations, or exit 2 one line",
            _resume_runs_or_refused(_config_edit(lambda c: c.pop("keep_best"))),
        ),
        Fault(
            "H13",
            v,
            "--mode plan, the latest world model swapped with an earlier iteration's",
            "exit 2, one line",
            _eval_mutated(
                _swap(
                    "iterations/0001/world_model.safetensors",
                    "iterations/0000/world_model.safetensors",
                ),
                "--mode",
                "plan",
            ),
        ),
        Fault(
            "H14",
            v,
            "the deployed policy/ a symlink to a copy outside the run",
            "exit 2, one line",
            _eval_mutated(_link_to("policy", _copy_outside("policy"))),
        ),
        Fault(
            "H15",
            t,
            "--resume, a committed real.npz a symlink to /dev/zero",
            "exit 2, one line",
            _resume_mutated(_link_to("iterations/0001/real.npz", lambda r: Path("/dev/zero"))),
        ),
        Fault(
            "H16",
            v,
            "--mode plan, the latest value function swapped with an earlier one",
            "exit 2, one line",
            _eval_mutated(
                _swap("iterations/0001/value.safetensors", "iterations/0000/value.safetensors"),
                "--mode",
                "plan",
            ),
        ),
        Fault(
            "H17",
            t,
            "HOME and XDG dirs under a regular file (/dev/null/home)",
            "trains, or one line naming the path",
            _train_odd_home,
        ),
        Fault(
            "H18",
            t,
            "plasma-train ... | head -1 (progress on stdout, reader gone)",
            "no traceback; 0 or 141; committed files verify (and resume)",
            _train_head_one,
        ),
        Fault(
            "H19",
            t,
            "stdout closed (>&-)",
            "trains, or one line; no traceback",
            _train_stdout_closed,
        ),
        Fault(
            "H20",
            t,
            "SIGTERM at the final iteration's refresh (after its commit)",
            "exit 143, <= 3 lines; 2 iterations committed; --resume completes",
            _signal_at_stage("refresh", "terminate", 143, 2),
        ),
        Fault(
            "H21",
            t,
            "Ctrl-C at the final iteration's commit",
            "exit 130, <= 3 lines; 1 iteration committed; --resume completes",
            _signal_at_stage("commit", "interrupt", 130, 1),
        ),
        Fault(
            "H22",
            t,
            "--set iteratons=3 (misspelt)",
            "exit 2, one line naming it",
            _train("--set", "iteratons=3", "--runs-dir", "runs", *_TINY),
        ),
        Fault(
            "H23",
            t,
            "--set world_model.max_epoch=5 (misspelt, nested)",
            "exit 2, one line naming it",
            _train("--set", "world_model.max_epoch=5", "--runs-dir", "runs", *_TINY),
        ),
        Fault(
            "H24",
            t,
            "--set path_buffer=three (no flag overrides it)",
            "exit 2, one line naming it",
            _train("--runs-dir", "runs", *_TINY, "--set", "path_buffer=three"),
        ),
        Fault(
            "H25",
            t,
            "--set world_model.max_epochs.x=1 (a number used as a section), after the rest",
            "exit 2, one line naming it",
            _train("--runs-dir", "runs", *_TINY, "--set", "world_model.max_epochs.x=1"),
        ),
        Fault(
            "H26",
            t,
            "--env module:Id whose module raises on import",
            "exit 2, one line naming the module, nothing created",
            _train_env_module(_BAD_IMPORT, "badmod:Bad-v0", "badmod"),
        ),
        Fault(
            "H27",
            t,
            "--env module:Id whose module registers nothing",
            "exit 2, one line naming the id, nothing created",
            _train_env_module(_REGISTERS_NOTHING, "quietmod:Nothing-v0", "Nothing-v0"),
        ),
        Fault(
            "H28",
            t,
            "--env module:Id of a version the module does not register (v1 of v0)",
            "exit 2, one line naming the id, nothing created",
            _train_env_module(_g_source(), "genv:g/G-v1", "g/G-v1"),
        ),
        Fault(
            "H29",
            t,
            "wall clock set back an hour mid-run",
            "trains; no traceback; no negative duration recorded",
            _train_clock_back,
        ),
        Fault(
            "H30",
            v,
            "--run through a symlink, with a trailing slash",
            "evaluates (0)",
            _eval_through_link,
        ),
    ]


def held_out_g(ids: list[str]) -> set[str]:
    """The seventh batch's held-out third: its own seed, drawn before any H fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_G).sample(ordered, k=round(len(ordered) / 3)))


# ====================================================================== batch H (I01-I29)
HELD_OUT_SEED_H = 20_261_211  # batch H: its own seed, drawn before any I fault was tried

_EITHER = """
def either(call, *names):
    # passes on a result, or on a PlasmaError whose one line names each of ``names``
    from plasma.errors import PlasmaError
    try:
        out = call()
    except PlasmaError as err:
        text = str(err)
        flat = " ".join(text.split())[:120]
        if "\\n" in text.strip():
            print("multi-line:", type(err).__name__, flat)
        elif not all(str(n) in text for n in names):
            print("unnamed:", type(err).__name__, flat)
        else:
            print("ok refused:", type(err).__name__, flat)
    except BaseException as err:
        print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
    else:
        print("ok accepted:", " ".join(repr(out).split())[:100])
"""

_SIM = """
import asyncio
import numpy as np
from plasma import Simulator, WorldModel
loop = asyncio.new_event_loop()
sim = Simulator(model=WorldModel.load(base / "world_model.safetensors"))
loop.run_until_complete(sim.start())
def simulate(*args, **kwargs):
    return loop.run_until_complete(sim.simulate(*args, **kwargs))
"""

_POLICY = """
import json
import numpy as np
from plasma import Policy
state = json.loads((base / "state.json").read_text())
policy = Policy.load(base / "policy")
"""


def _api_either(code: str, timeout: float = 60) -> Callable[[Path, Path], Outcome]:
    """A library call that may work or refuse: passes on a result, or on a one-line PlasmaError
    naming what ``either(call, *names)`` asks; a raw exception or a traceback fails."""
    return _python(_REFUSED_ONE_LINE + _EITHER + code, "ok ", timeout=timeout)


def _api_g(
    code: str, source: str, want: str = "ok ", timeout: float = 60
) -> Callable[[Path, Path], Outcome]:
    """A library call on a user env built from ``source`` (``pkg`` is its directory); passes
    when its last line starts with ``want``."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, source)
        head = f"import sys\nsys.path.insert(0, {str(pkg)!r})\npkg = {str(pkg)!r}\n"
        return _python(head + _REFUSED_ONE_LINE + _EITHER + code, want, timeout=timeout)(tmp, base)

    return probe


def _g_variant(
    obs: str = _BOX_OBS,
    act: str = _BOX_ACT,
    value: str = "self.np_random.uniform(-1, 1, W).astype(np.float32)",
    fault: str = "pass",
    limit: int = 40,
) -> str:
    """The user env of batch F with its observations made by ``value`` (another dtype), a
    ``fault`` from the first step on (when G_BREAK is set) and a time limit of ``limit``."""
    return (
        _g_source(fault=fault, obs=obs, act=act)
        .replace("self.np_random.uniform(-1, 1, W).astype(np.float32)", value)
        .replace("max_episode_steps=40", f"max_episode_steps={limit}")
    )


def _train_g(
    source: str, *extra: str, refusal: bool = True, **env: str
) -> Callable[[Path, Path], Outcome]:
    """A one-iteration run on a user env: it trains (0, no traceback), or (``refusal``) it is
    refused on one line naming the env with status 2, nothing created."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, source)
        run = tmp / "run"
        cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY, *extra]
        result = _run(cmd, tmp, user=pkg, timeout=300, G_AFTER="0", **env)
        if refusal and result.returncode == 2:
            outcome = _judge(result, (2,), "g/G-v0")
            return Outcome(outcome.ok and not run.exists(), outcome.observed)
        ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 1
        return Outcome(
            ok, ("trained: " if ok else "") + _describe(result.returncode, result.stderr)
        )

    return probe


def _train_flags_either(*flags: str) -> Callable[[Path, Path], Outcome]:
    """``plasma-train`` with these flags (Pendulum, tiny): it trains (0), or exit 2 one line."""

    def probe(tmp: Path, base: Path) -> Outcome:
        run = tmp / "run"
        result = _run([*TRAIN, "--run-dir", str(run), *_TINY, *flags], tmp, timeout=300)
        if result.returncode == 2:
            outcome = _judge(result, (2,))
            return Outcome(outcome.ok and not run.exists(), outcome.observed)
        ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 1
        return Outcome(
            ok, ("trained: " if ok else "") + _describe(result.returncode, result.stderr)
        )

    return probe


def _eval_while_training(tmp: Path, base: Path) -> Outcome:
    """``plasma-eval`` on a run a live ``plasma-train`` is writing (after its first commit):
    it evaluates what is committed (0) or says on one line why not (2); the run then completes
    and its committed files verify."""
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TWO, "--iterations", "3"]
    train = subprocess.Popen(
        cmd,
        cwd=tmp,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit_memory,
    )
    try:
        deadline = time.monotonic() + 240
        while _completed(run) < 1 and train.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if train.poll() is not None or _completed(run) < 1:
            return Outcome(False, f"the run ended first (rc={train.returncode})")
        check = _run([*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"], tmp)
        was_live = train.poll() is None
        _, err = train.communicate(timeout=300)
    finally:
        if train.poll() is None:
            train.kill()
            train.wait()
    outcome = (
        _judge(check, (0, 2))
        if check.returncode
        else Outcome("Traceback" not in check.stderr, _describe(0, check.stderr))
    )
    if not was_live:
        return Outcome(False, outcome.observed + " (the run had ended before the eval did)")
    if train.returncode != 0:
        return Outcome(
            False, outcome.observed + f"; the run failed: {_describe(train.returncode, err)}"
        )
    why = _committed_verifies(run)
    return Outcome(outcome.ok and not why, outcome.observed + (f"; {why}" if why else ""))


def _resume_env_changed(tmp: Path, base: Path) -> Outcome:
    """A run on a user env, then the env's package changes (its time limit, 40 -> 60; the spaces
    the same) and the run is resumed: it resumes (0) or is refused on one line (2)."""
    pkg = _g_pkg(tmp, _g_variant())
    run = tmp / "run"
    first = _run(
        [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY], tmp, user=pkg, timeout=300
    )
    if first.returncode != 0:
        return Outcome(False, "the first run failed: " + _describe(first.returncode, first.stderr))
    _g_pkg(tmp, _g_variant(limit=60))
    cmd = [*TRAIN, "--resume", str(run), "--iterations", "2", "--quiet"]
    result = _run(cmd, tmp, user=pkg, timeout=300)
    if result.returncode == 2:
        return _judge(result, (2,))
    ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 2
    return Outcome(ok, ("resumed: " if ok else "") + _describe(result.returncode, result.stderr))


_TMPFS_RUN = 'mount -t tmpfs -o size=160k plasma-h "$R" && exec "$@"'


def _train_small_tmpfs(tmp: Path, base: Path) -> Outcome:
    """A run directory on a 160 KB tmpfs that fills while the run writes (a real ENOSPC, in a
    private mount namespace): exit 1, one line naming the file and the OS reason."""
    if not _ro_mount_works():
        return Outcome(False, "not measured: no private mount namespace here")
    where = tmp / "small"
    where.mkdir()
    cmd = _in_ro_namespace(
        _TMPFS_RUN, where, [*TRAIN, "--run-dir", str(where / "run"), *_TINY, "--iterations", "2"]
    )
    result = _run(cmd, tmp, timeout=300)
    outcome = _judge(result, (1,), "No space left")
    if outcome.ok and "cannot write" not in result.stderr:
        return Outcome(False, outcome.observed + " (names no file)")
    return outcome


_HUGE_ACT = "spaces.Box(-2.0, 2.0, shape=(10**8,), dtype=np.float32)"
_BROADCAST_OBS = "np.broadcast_to(np.float32(0.5), self.observation_space.shape)"


def _faults_h() -> list[Fault]:
    t, v, api = "plasma-train", "plasma-eval", "Python API"
    return [
        Fault(
            "I01",
            api,
            "Simulator.simulate: initial_state of 2 values for a 3-variable env",
            "PlasmaError, one line naming initial_state",
            _api(_SIM + "refused(lambda: simulate(np.zeros(2), 2, 3), 'initial_state')\n"),
        ),
        Fault(
            "I02",
            api,
            "Simulator.simulate: initial_state holding NaN",
            "PlasmaError, one line naming initial_state",
            _api(
                _SIM + "refused(lambda: simulate(np.array([0.1, np.nan, 0.2]), 2, 3), "
                "'initial_state')\n"
            ),
        ),
        Fault(
            "I03",
            api,
            "Simulator.simulate: initial_state an empty array",
            "PlasmaError, one line naming initial_state",
            _api(_SIM + "refused(lambda: simulate(np.array([]), 2, 3), 'initial_state')\n"),
        ),
        Fault(
            "I04",
            api,
            "Simulator.simulate: initial_state a list of Python ints",
            "paths (ints are numbers), or PlasmaError one line",
            _api_either(_SIM + "either(lambda: simulate([1, 0, 0], 2, 3).states.shape)\n"),
        ),
        Fault(
            "I05",
            api,
            "Simulator.simulate: num_paths a float (2.0)",
            "PlasmaError, one line naming num_paths",
            _api(_SIM + "refused(lambda: simulate(None, 2.0, 3), 'num_paths')\n"),
        ),
        Fault(
            "I06",
            api,
            "Simulator.simulate: 2-D initial_state of 5 rows for num_paths=2",
            "PlasmaError, one line naming initial_state",
            _api(_SIM + "refused(lambda: simulate(np.zeros((5, 3)), 2, 3), 'initial_state')\n"),
        ),
        Fault(
            "I07",
            api,
            "Policy.act: an observation of the wrong width",
            "PlasmaError, one line",
            _api(_POLICY + "refused(lambda: policy.act(np.zeros(policy.obs_dim + 2)))\n"),
        ),
        Fault(
            "I08",
            api,
            "Policy.act: an observation holding NaN",
            "PlasmaError, one line (not NaN actions returned silently)",
            _api(_POLICY + "refused(lambda: policy.act(np.full(policy.obs_dim, np.nan)))\n"),
        ),
        Fault(
            "I09",
            api,
            "Policy.act: an empty batch (0, S)",
            "an empty (0, A) result, or PlasmaError one line",
            _api_either(
                _POLICY + "either(lambda: policy.act(np.zeros((0, policy.obs_dim))).shape)\n"
            ),
        ),
        Fault(
            "I10",
            api,
            "Distiller.distill_from_paths given a list, not PhantomPaths",
            "PlasmaError, one line naming paths",
            _api(
                "import asyncio\nfrom plasma import Distiller\n"
                "d = Distiller({'mode': 'full'})\nloop = asyncio.new_event_loop()\n"
                "loop.run_until_complete(d.start())\n"
                "refused(lambda: loop.run_until_complete(d.distill_from_paths([])), 'paths')\n"
            ),
        ),
        Fault(
            "I11",
            api,
            "make_env given a gym env class, not an instance or an id",
            "PlasmaError, one line",
            _api(
                "import gymnasium as gym\nfrom gymnasium.envs.classic_control import PendulumEnv\n"
                "from plasma import make_env\nrefused(lambda: make_env(PendulumEnv))\n"
            ),
        ),
        Fault(
            "I12",
            api,
            "make_env given a vectorised env (SyncVectorEnv of 2 Pendulums)",
            "PlasmaError, one line",
            _api(
                "import gymnasium as gym\nfrom plasma import make_env\n"
                "venv = gym.vector.SyncVectorEnv([lambda: gym.make('Pendulum-v1')] * 2)\n"
                "refused(lambda: make_env(venv))\n"
            ),
        ),
        Fault(
            "I13",
            api,
            "collect() on a built env wrapped in a TimeLimit of 1 step",
            "20 transitions (each episode 1 step), or PlasmaError one line",
            _api_either(
                "import gymnasium as gym\nfrom plasma import make_env, collect\n"
                "env = make_env(gym.make('Pendulum-v1', max_episode_steps=1))\n"
                "either(lambda: len(collect(env, 20, seed=0)))\n"
            ),
        ),
        Fault(
            "I14",
            api,
            "Trainer given an env id string as its config",
            "PlasmaError, one line",
            _api(
                "from plasma.train import Trainer, RunDir\n"
                "refused(lambda: Trainer('Pendulum-v1', RunDir(tmp / 'r')))\n"
            ),
        ),
        Fault(
            "I15",
            t,
            "--seed -1",
            "exit 2, one line naming the seed",
            _train_flags_either("--seed", "-1"),
        ),
        Fault(
            "I16",
            t,
            "--seed 2**32 + 5 (past 32 bits)",
            "trains (0), or exit 2 one line",
            _train_flags_either("--seed", str(2**32 + 5)),
        ),
        Fault(
            "I17",
            api,
            "Trainer on an env of 10**8 action dimensions",
            "PlasmaError within 60 s, one line naming the env, no run directory",
            _api_g(
                "import asyncio\nfrom plasma.train import Trainer, TrainConfig, RunDir\n"
                "cfg = TrainConfig(env='genv:g/G-v0', iterations=1)\n"
                "import contextlib, io\nbuf = io.StringIO()\n"
                "with contextlib.redirect_stdout(buf):\n"
                "    refused(lambda: asyncio.run(Trainer(cfg, RunDir(tmp / 'r')).run()), "
                "'g/G-v0')\n"
                "said, made = buf.getvalue().strip(), (tmp / 'r').exists()\n"
                "ok = said.startswith('refused:') and not made\n"
                "print(('ok ' if ok else '') + said + (' (run directory made)' if made else ''))\n",
                _g_variant(act=_HUGE_ACT, value=_BROADCAST_OBS),
            ),
        ),
        Fault(
            "I18",
            t,
            "env observations float64 (its Box float64)",
            "trains (0)",
            _train_g(
                _g_variant(
                    obs="spaces.Box(-5.0, 5.0, shape=(W,), dtype=np.float64)",
                    value="self.np_random.uniform(-1, 1, W)",
                ),
                refusal=False,
            ),
        ),
        Fault(
            "I19",
            t,
            "env observations int64 (its Box int64)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(
                _g_variant(
                    obs="spaces.Box(-5, 5, shape=(W,), dtype=np.int64)",
                    value="self.np_random.integers(-1, 2, W).astype(np.int64)",
                )
            ),
        ),
        Fault(
            "I20",
            t,
            "env observations float16 (its Box float16)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(
                _g_variant(
                    obs="spaces.Box(-5.0, 5.0, shape=(W,), dtype=np.float16)",
                    value="self.np_random.uniform(-1, 1, W).astype(np.float16)",
                )
            ),
        ),
        Fault(
            "I21",
            t,
            "env returns terminated and truncated both True at its episodes' ends",
            "trains (0)",
            _train_g(
                _g_variant(fault="terminated = truncated = G.steps % 25 == 0"),
                refusal=False,
                G_BREAK="1",
            ),
        ),
        Fault(
            "I22",
            t,
            "episodes of one step (terminated at every first step)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(_g_variant(fault="terminated = True"), G_BREAK="1"),
        ),
        Fault(
            "I23",
            t,
            "env reward a 0-d numpy array (one number)",
            "trains (0)",
            _train_g(_g_variant(fault="reward = np.array(reward)"), refusal=False, G_BREAK="1"),
        ),
        Fault(
            "I24",
            t,
            "--env-kwargs render_mode=human (no display)",
            "trains (0), or exit 2 one line",
            _train_flags_either("--env-kwargs", '{"render_mode": "human"}'),
        ),
        Fault(
            "I25",
            t,
            "--real-steps 10, fewer than one episode (Pendulum: 200)",
            "trains (0), or exit 2 one line",
            _train_flags_either("--real-steps", "10"),
        ),
        Fault(
            "I26",
            v,
            "on a run a live plasma-train is writing (after its first commit)",
            "0 or exit 2 one line; the run completes and verifies",
            _eval_while_training,
        ),
        Fault(
            "I27",
            t,
            "--resume after the env's package changed (time limit 40 -> 60)",
            "resumes to 2 iterations, or exit 2 one line",
            _resume_env_changed,
        ),
        Fault(
            "I28",
            t,
            "run directory on a 160 KB tmpfs that fills mid-run",
            "exit 1, one line naming the file and 'No space left'",
            _train_small_tmpfs,
        ),
        Fault(
            "I29",
            api,
            "Simulator config with a gym env object as env_id",
            "PlasmaError, one line naming env_id",
            _api(
                "import gymnasium as gym\nfrom plasma import Simulator\n"
                "refused(lambda: Simulator({'env_id': gym.make('Pendulum-v1')}), 'env_id')\n"
            ),
        ),
    ]


def held_out_h(ids: list[str]) -> set[str]:
    """The eighth batch's held-out third: its own seed, drawn before any I fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_H).sample(ordered, k=round(len(ordered) / 3)))


# --------------------------------------------------------------- the ninth batch (J01...)
# Batch I of the brief; its ids start with J because I01-I29 are batch H's.
HELD_OUT_SEED_I = 20_261_212  # batch I: its own seed, drawn before any J fault was tried


def _audit_cli(
    make: Callable[[Path, Path], list[str]],
    want: tuple[int, ...] = (2,),
    says: str = "",
    timeout: float = 120,
) -> Callable[[Path, Path], Outcome]:
    """``plasma-audit`` with the arguments ``make(tmp, base)`` writes and returns: exit status
    in ``want``; for 2 (bad input) one line on stderr saying ``says``; never a traceback; done
    within ``timeout`` seconds under the probe's 6 GB memory limit."""

    def probe(tmp: Path, base: Path) -> Outcome:
        argv = make(tmp, base)
        start = time.monotonic()
        try:
            result = _run([*AUDIT, *argv], tmp, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Outcome(False, f"still running after {timeout:.0f} s")
        took = f" ({time.monotonic() - start:.0f} s)"
        if result.returncode == 2 or result.returncode not in (0, 1):
            outcome = _judge(result, want, says)
            return Outcome(outcome.ok, outcome.observed + took)
        ok = result.returncode in want and "Traceback" not in result.stderr
        return Outcome(ok, _describe(result.returncode, result.stderr) + took)

    return probe


_STEPS = (
    b'{"trajectory_id": "t1", "step": 0, "role": "user", "content": "list the files"}\n'
    b'{"trajectory_id": "t1", "step": 1, "role": "assistant", "content": "running ls",'
    b' "tool_calls": [{"name": "bash", "arguments": {"command": "ls -la"}}]}\n'
    b'{"trajectory_id": "t1", "step": 2, "role": "tool", "content": "a.txt b.txt"}\n'
)


def _audit_same_as_plain(edit: Callable[[bytes], bytes]) -> Callable[[Path, Path], Outcome]:
    """The trajectory file edited by ``edit`` (a BOM, CRLF) must audit as the plain file does:
    the same status and the same number of steps and findings in the JSON report."""

    def summary(result: subprocess.CompletedProcess[str]) -> tuple[int, object, object]:
        try:
            report = json.loads(result.stdout)
        except ValueError:
            return (result.returncode, None, None)
        return (result.returncode, report.get("transitions"), len(report.get("findings", [])))

    def probe(tmp: Path, base: Path) -> Outcome:
        (tmp / "plain.jsonl").write_bytes(_STEPS)
        (tmp / "edited.jsonl").write_bytes(edit(_STEPS))
        plain = _run([*AUDIT, "--json", str(tmp / "plain.jsonl")], tmp)
        edited = _run([*AUDIT, "--json", str(tmp / "edited.jsonl")], tmp)
        ok = (
            summary(edited) == summary(plain)
            and plain.returncode in (0, 1)
            and "Traceback" not in edited.stderr
        )
        return Outcome(
            ok,
            f"plain {summary(plain)}, edited {summary(edited)}: "
            + _describe(edited.returncode, edited.stderr),
        )

    return probe


def _jsonl_long_line(tmp: Path, base: Path) -> list[str]:
    path = tmp / "long.jsonl"
    with path.open("wb") as out:
        out.write(b'{"trajectory_id": "t1", "step": 0, "role": "assistant", "content": "')
        out.write(b"a" * (50 << 20))
        out.write(b'"}\n')
    return [str(path)]


def _jsonl_sparse(tmp: Path, base: Path) -> list[str]:
    path = tmp / "huge.jsonl"
    path.write_bytes(_STEPS)
    with path.open("r+b") as out:
        out.truncate(2 << 30)  # 2 GB: three steps, then a hole that reads as NUL bytes
    return [str(path)]


def _jsonl_deep(tmp: Path, base: Path) -> list[str]:
    path = tmp / "deep.jsonl"
    path.write_bytes(_STEPS + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    return [str(path)]


def _jsonl_fifo(tmp: Path, base: Path) -> list[str]:
    return [str(_fifo(tmp, "traj.jsonl"))]


def _with_pack(pack: str, steps: bytes = _STEPS) -> Callable[[Path, Path], list[str]]:
    def make(tmp: Path, base: Path) -> list[str]:
        (tmp / "traj.jsonl").write_bytes(steps)
        (tmp / "pack.yaml").write_text(pack)
        return [str(tmp / "traj.jsonl"), "--rules", str(tmp / "pack.yaml")]

    return make


def _pack(*rules: tuple[str, str]) -> str:
    """A rule pack of rules (id, regex)."""
    body = "".join(
        f"  - id: {rule_id}\n    severity: high\n    category: probe\n"
        f"    description: probe rule\n    regexes: ['{regex}']\n"
        for rule_id, regex in rules
    )
    return f"name: probe\nversion: 1\ndescription: probe pack\nrules:\n{body}"


_YAML_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "name: bomb\nversion: 1\ndescription: nine to the ninth\nrules: [*i]\n"
)


def _pack_dir(tmp: Path, base: Path) -> list[str]:
    (tmp / "traj.jsonl").write_bytes(_STEPS)
    (tmp / "pack.yaml").mkdir()
    return [str(tmp / "traj.jsonl"), "--rules", str(tmp / "pack.yaml")]


def _paths_with(flag: str, code: str, name: str) -> Callable[[Path, Path], list[str]]:
    """The base run's paths, audited with ``flag`` naming a file ``code`` writes to ``name``."""

    def make(tmp: Path, base: Path) -> list[str]:
        prog = f"from pathlib import Path\ntmp = Path({str(tmp)!r})\nbase = Path({str(base)!r})\n"
        _run([sys.executable, "-c", prog + code], tmp)
        return [str(base / "iterations/0001/paths.npz"), flag, str(tmp / name)]

    return make


_NARROW_REAL = """
import numpy as np
with np.load(base / 'iterations/0001/real.npz') as src:
    arrays = {k: src[k] for k in src.files}
for k in ('obs', 'next_obs'):
    arrays[k] = np.ascontiguousarray(arrays[k][:, :2])
np.savez(tmp / 'narrow.npz', **arrays)
"""

_COPY_POLICY = """
import shutil
shutil.copy(base / 'policy/policy.safetensors', tmp / 'policy.safetensors')
"""

_SIGNED_SETUP = (
    _PACKET_SETUP
    + """
import json
from plasma.distiller import Ed25519Signer, Keyring
def resign(signer):
    m = json.loads((pkt / 'manifest.json').read_text())
    m['signature'] = signer.sign(InstructionPacket.load(pkt).manifest).model_dump(mode='json')
    (pkt / 'manifest.json').write_text(json.dumps(m))
"""
)

_PICKLE_BESIDE = """
import pickle
class Boom:
    def __reduce__(self):
        return (open, (str(tmp / 'UNPICKLED'), 'w'))
(pkt / 'adapter_model.bin').write_bytes(pickle.dumps(Boom()))
try:
    LoRAInjector(policy).inject(pkt)
    what = 'injected'
except Exception as err:
    what = f'refused: {type(err).__name__}'
print(('unpickled: ' if (tmp / 'UNPICKLED').exists() else 'ok never unpickled, ') + what)
"""

_TWO_INJECTS = """
import threading
import numpy as np
from plasma.distiller import InstructionPacket, LoRAInjector, Policy
import hashlib, json, shutil
from safetensors.numpy import load_file, save_file
src = next((base / 'packets').iterdir())
other = tmp / 'pkt-00000000000000000000000000000002'
shutil.copytree(src, other)  # a second packet: the same adapter, its B matrices doubled
weights = {k: v * 2 if 'lora_B' in k else v
           for k, v in load_file(other / 'adapter_model.safetensors').items()}
save_file(weights, other / 'adapter_model.safetensors')
m = json.loads((other / 'manifest.json').read_text())
data = (other / 'adapter_model.safetensors').read_bytes()
m.update(id=other.name, weights_sha256=hashlib.sha256(data).hexdigest(), weights_bytes=len(data))
(other / 'manifest.json').write_text(json.dumps(m))
packets = [src, other]
policy = Policy.load(base / 'iterations/0000/policy')
injector = LoRAInjector(policy)
obs = np.zeros((4, policy.obs_dim), dtype=np.float32)
expected = {}
for p in packets:
    injector.inject(p)
    expected[InstructionPacket.load(p).id] = policy.act(obs)
    injector.eject()
errors = []
barrier = threading.Barrier(len(packets))
def go(p):
    try:
        barrier.wait()
        for _ in range(20):
            injector.inject(p)
    except BaseException as err:
        errors.append(err)
threads = [threading.Thread(target=go, args=(p,)) for p in packets]
for t in threads: t.start()
for t in threads: t.join()
final = policy.act(obs)
same = [k for k, v in expected.items() if np.array_equal(v, final)]
if errors:
    print('raw:', type(errors[0]).__name__, str(errors[0])[:100])
elif np.array_equal(*expected.values()):
    print('probe: the two packets act alike')
else:
    print('ok one packet live' if len(same) == 1 else f'mixed: matches {len(same)} packets')
"""

_OTLP_SERVER = """
import asyncio, socket, threading, time
from plasma import StateTracker
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(16)
port = server.getsockname()[1]
held = []
def serve():
    while True:
        conn, _ = server.accept()
        held.append(conn)
        ANSWER
threading.Thread(target=serve, daemon=True).start()
async def main():
    tr = StateTracker({'jsonl_path': str(tmp / 't.jsonl'),
                       'otlp_endpoint': f'http://127.0.0.1:{port}/v1/traces'})
    await tr.start()
    t0 = time.monotonic()
    tid = tr.create_trace()
    for i in range(3):
        span = await tr.create_span(tid, f's{i}')
        async with span:
            span.update_state({'k': i})
    await tr.complete_trace(tid)
    work = time.monotonic() - t0
    t = time.monotonic(); await tr.stop(); took = time.monotonic() - t
    lines = (tmp / 't.jsonl').read_text().splitlines()
    ok = len(lines) >= 3 and took < 15 and work < 15
    print('kept' if ok else 'lost', len(lines), f'work {work:.1f}s, stop {took:.1f}s')
asyncio.run(main())
"""

_HTTP_500 = (
    "conn.recv(65536); conn.sendall(b'HTTP/1.1 500 Internal Server Error\\r\\n"
    "Content-Length: 0\\r\\n\\r\\n')"
)


def _trace_torn_last(tmp: Path, base: Path) -> Outcome:
    raw = (base / "trace.jsonl").read_bytes()
    lines = raw.splitlines(keepends=True)
    path = tmp / "trace.jsonl"
    path.write_bytes(b"".join(lines) + lines[-1][: len(lines[-1]) // 2])
    result = _run([*TRACE, "show", str(path)], tmp)
    lines_err = _error_lines(result.stderr)
    ok = (
        result.returncode == 0
        and "Traceback" not in result.stderr
        and len(lines_err) <= 1
        and bool(result.stdout.strip())
    )
    return Outcome(ok, _describe(result.returncode, result.stderr))


def _eval_twice_at_once(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--json", "--episodes", "2"]
    procs = [
        subprocess.Popen(
            cmd,
            cwd=tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            preexec_fn=_limit_memory,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    rcs = [p.returncode for p in procs]
    same = outs[0][0] == outs[1][0] and bool(outs[0][0].strip())
    ok = rcs == [0, 0] and same and not any("Traceback" in e for _, e in outs)
    return Outcome(ok, f"rcs {rcs}, same result {same}: " + _describe(rcs[1], outs[1][1]))


def _eval_stopped_continued(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "100"]  # long enough to be stopped mid-way
    proc = subprocess.Popen(
        cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    time.sleep(5)
    stopped = proc.poll() is None
    if stopped:
        proc.send_signal(signal.SIGSTOP)
        time.sleep(3)
        proc.send_signal(signal.SIGCONT)
    out, err = proc.communicate(timeout=180)
    ok = proc.returncode == 0 and "Traceback" not in err and bool(out.strip())
    where = "" if stopped else " (ended before the stop)"
    return Outcome(ok and stopped, _describe(proc.returncode, err) + where)


def _eval_cwd_gone(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    gone = tmp / "gone"
    gone.mkdir()
    script = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    cmd = ["sh", "-c", script, "sh", str(gone), *EVAL, "--run", str(run), "--episodes", "1"]
    result = _run(cmd, tmp)
    if result.returncode == 0:
        ok = "Traceback" not in result.stderr
        return Outcome(ok, _describe(0, result.stderr))
    return _judge(result, (2,), "plasma-eval")  # the command's own line, not a library's


def _ray_absent(tmp: Path) -> Path:
    pkg = tmp / "noray"
    (pkg / "ray").mkdir(parents=True)
    (pkg / "ray" / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    return pkg


def _train_no_ray(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TINY, "--backend", "ray"]
    result = _run(cmd, tmp, user=_ray_absent(tmp), timeout=300)
    outcome = _judge(result, (2,), "ray")
    return Outcome(outcome.ok and not run.exists(), outcome.observed)


def _train_ray_nowhere(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    cmd = [*TRAIN, "--run-dir", str(run), *_TINY, "--backend", "ray"]
    start = time.monotonic()
    try:
        result = _run([*cmd, "--ray-address", "127.0.0.1:9"], tmp, timeout=180)
    except subprocess.TimeoutExpired:
        return Outcome(False, "still running after 180 s")
    took = time.monotonic() - start
    outcome = _judge(result, (2,))
    ok = outcome.ok and took < 120 and _completed(run) == 0
    return Outcome(ok, outcome.observed + f" ({took:.0f} s)")


def _train_g_or_line(source: str, says: str) -> Callable[[Path, Path], Outcome]:
    """A one-iteration run on a user env: it trains (0) with finite metrics, or stops with
    status 1 or 2 on one line saying ``says`` (2: nothing created)."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, source)
        run = tmp / "run"
        cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY]
        result = _run(cmd, tmp, user=pkg, timeout=300, G_AFTER="0", G_BREAK="1")
        if result.returncode in (1, 2):
            outcome = _judge(result, (1, 2), says)
            fresh = result.returncode == 1 or not run.exists()
            return Outcome(outcome.ok and fresh, outcome.observed)
        finite = False
        if result.returncode == 0:
            text = (run / "metrics.jsonl").read_text() if (run / "metrics.jsonl").exists() else ""
            finite = bool(text) and not any(w in text for w in ("NaN", "Infinity"))
        ok = result.returncode == 0 and "Traceback" not in result.stderr and finite
        why = "" if finite or result.returncode != 0 else " (non-finite metrics)"
        return Outcome(
            ok, ("trained: " if ok else "") + _describe(result.returncode, result.stderr) + why
        )

    return probe


_LOW_EQ_HIGH = (
    "spaces.Box(np.array([-2.0, 1.0], dtype=np.float32), np.array([2.0, 1.0], dtype=np.float32))"
)


def _faults_i() -> list[Fault]:
    e, t, a, s, api = ENTRY_POINTS
    return [
        Fault(
            "J01",
            a,
            "trajectory JSONL starting with a UTF-8 BOM",
            "audited as the same file without the BOM (same status, steps, findings)",
            _audit_same_as_plain(lambda raw: b"\xef\xbb\xbf" + raw),
        ),
        Fault(
            "J02",
            a,
            "trajectory JSONL with CRLF line endings",
            "audited as the same file with LF (same status, steps, findings)",
            _audit_same_as_plain(lambda raw: raw.replace(b"\n", b"\r\n")),
        ),
        Fault(
            "J03",
            a,
            "a trajectory line of 50 MB (one long content string)",
            "audited (0/1) or exit 2 one line, within 120 s, bounded memory",
            _audit_cli(_jsonl_long_line, want=(0, 1, 2)),
        ),
        Fault(
            "J04",
            a,
            "trajectory JSONL a 2 GB sparse file (3 steps, then NUL bytes)",
            "exit 2, one line, within 120 s, bounded memory",
            _audit_cli(_jsonl_sparse),
        ),
        Fault(
            "J05",
            a,
            "a trajectory line nested 100,000 deep",
            "exit 2, one line naming the line",
            _audit_cli(_jsonl_deep, says="line 4"),
        ),
        Fault(
            "J06",
            a,
            "FILE a named pipe no one writes",
            "exit 2, one line, at once",
            _audit_cli(_jsonl_fifo, timeout=30),
        ),
        Fault(
            "J07",
            a,
            "--rules pack with a regex that does not compile ('(unclosed')",
            "exit 2, one line naming the rule",
            _audit_cli(_with_pack(_pack(("bad-regex", "(unclosed"))), says="bad-regex"),
        ),
        Fault(
            "J08",
            a,
            "--rules pack with a look-behind regex (Python re accepts, the engine does not)",
            "exit 2, one line naming the rule",
            _audit_cli(_with_pack(_pack(("look-behind", "(?<=rm )-rf"))), says="look-behind"),
        ),
        Fault(
            "J09",
            a,
            "--rules pack with a catastrophic-backtracking regex over a 100,000-character line",
            "audited (0/1) within 60 s",
            _audit_cli(
                _with_pack(
                    _pack(("backtrack", "(a+)+$")),
                    _STEPS
                    + b'{"trajectory_id": "t1", "step": 3, "role": "assistant", "content": "'
                    + b"a" * 100_000
                    + b'b"}\n',
                ),
                want=(0, 1),
                timeout=60,
            ),
        ),
        Fault(
            "J10",
            a,
            "--rules pack with two rules of one id",
            "exit 2, one line naming the id",
            _audit_cli(_with_pack(_pack(("twice", "foo"), ("twice", "bar"))), says="twice"),
        ),
        Fault(
            "J11",
            a,
            "--rules pack a YAML bomb (9 anchors, 9**9 leaves)",
            "exit 2, one line, within 30 s, bounded memory",
            _audit_cli(_with_pack(_YAML_BOMB), timeout=30),
        ),
        Fault(
            "J12",
            a,
            "--rules names a directory",
            "exit 2, one line naming the path",
            _audit_cli(_pack_dir, says="pack.yaml"),
        ),
        Fault(
            "J13",
            a,
            "paths .npz with --transitions of another observation width",
            "exit 2, one line naming the transitions file",
            _audit_cli(_paths_with("--transitions", _NARROW_REAL, "narrow.npz"), says="narrow.npz"),
        ),
        Fault(
            "J14",
            a,
            "paths .npz with --model naming a policy's safetensors (not a world model)",
            "exit 2, one line naming the file",
            _audit_cli(
                _paths_with("--model", _COPY_POLICY, "policy.safetensors"),
                says="policy.safetensors",
            ),
        ),
        Fault(
            "J15",
            api,
            "LoRAInjector: packet HMAC-signed with another key than the verifier's",
            "refused (PacketSignatureError)",
            _python(
                _SIGNED_SETUP
                + """
resign(HmacSigner(b'a' * 32))
caught(lambda: LoRAInjector(policy, verifier=HmacSigner(b'b' * 32)).inject(pkt))
""",
                "refused:",
            ),
        ),
        Fault(
            "J16",
            api,
            "LoRAInjector: packet ed25519-signed, keyring holding another public key",
            "refused (PacketSignatureError)",
            _python(
                _SIGNED_SETUP
                + """
resign(Ed25519Signer.generate())
ring = Keyring([Ed25519Signer.generate().verifier()])
caught(lambda: LoRAInjector(policy, verifier=ring).inject(pkt))
""",
                "refused:",
            ),
        ),
        Fault(
            "J17",
            api,
            "packet with an adapter_model.bin pickle beside its weights",
            "injected from the safetensors or refused; the pickle never unpickled",
            _python(_PACKET_SETUP + _PICKLE_BESIDE, "ok "),
        ),
        Fault(
            "J18",
            api,
            "two threads inject two different packets at once (20 times each)",
            "no exception; the live policy acts as exactly one of the packets",
            _python(_TWO_INJECTS, "ok ", timeout=120),
        ),
        Fault(
            "J19",
            s,
            "trace.jsonl whose last line is torn (a writer killed mid-line)",
            "exit 0, the spans shown, at most one line on stderr",
            _trace_torn_last,
        ),
        Fault(
            "J20",
            api,
            "StateTracker: OTLP collector accepts connections and never answers",
            "spans kept in JSONL; work and stop() each within 15 s",
            _python(_OTLP_SERVER.replace("ANSWER", "pass"), "kept", timeout=90),
        ),
        Fault(
            "J21",
            api,
            "StateTracker: OTLP collector answers every export with HTTP 500",
            "spans kept in JSONL; work and stop() each within 15 s",
            _python(_OTLP_SERVER.replace("ANSWER", _HTTP_500), "kept", timeout=90),
        ),
        Fault(
            "J22",
            e,
            "two plasma-eval on one run at once (--json)",
            "both exit 0 with the same result",
            _eval_twice_at_once,
        ),
        Fault(
            "J23",
            e,
            "config.json names an env id no longer registered (Pendulum-v0)",
            "exit 2, one line naming the env",
            _eval_mutated(_other_env_named("Pendulum-v0"), says="Pendulum-v0"),
        ),
        Fault(
            "J24",
            e,
            "stopped (SIGSTOP) for 3 s mid-evaluation, then continued",
            "exit 0, the result printed, no traceback",
            _eval_stopped_continued,
        ),
        Fault(
            "J25",
            e,
            "started in a working directory that was deleted (--run absolute)",
            "exit 0, or exit 2 one line",
            _eval_cwd_gone,
        ),
        Fault(
            "J26",
            t,
            "--backend ray with Ray not importable",
            "exit 2, one line naming ray, nothing created",
            _train_no_ray,
        ),
        Fault(
            "J27",
            t,
            "--backend ray --ray-address where nothing listens (127.0.0.1:9)",
            "exit 2, one line, within 120 s, no iteration committed",
            _train_ray_nowhere,
        ),
        Fault(
            "J28",
            t,
            "env rewards of 1e30",
            "trains (0) with finite metrics, or one line naming the reward",
            _train_g_or_line(_g_variant(fault="reward = 1e30"), "reward"),
        ),
        Fault(
            "J29",
            t,
            "env observation with a constant variable (always 0.5)",
            "trains (0) with finite metrics",
            _train_g_or_line(
                _g_variant(
                    value="np.array([0.5, *self.np_random.uniform(-1, 1, W - 1)], dtype=np.float32)"
                ),
                "observation",
            ),
        ),
        Fault(
            "J30",
            t,
            "action space Box with low == high in one dimension",
            "trains (0) with finite metrics, or one line naming the action space",
            _train_g_or_line(_g_variant(act=_LOW_EQ_HIGH), "action"),
        ),
        Fault(
            "J31",
            t,
            "action space Box of width 0",
            "exit 2, one line naming the env, nothing created",
            _train_env_refused(act="spaces.Box(-1.0, 1.0, shape=(0,), dtype=np.float32)"),
        ),
        Fault(
            "J32",
            t,
            "env step() returns its observation as a Python list",
            "trains (0) with finite metrics",
            _train_g_or_line(_g_variant(fault="obs = obs.tolist()"), "observation"),
        ),
    ]


def held_out_i(ids: list[str]) -> set[str]:
    """The ninth batch's held-out third: its own seed, drawn before any J fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_I).sample(ordered, k=round(len(ordered) / 3)))


# ====================================================================== batch K (K01-K28)
# A demanding user's own env and data: an env that ends the process, outputs the adapter
# refuses but the up-front check let through, no time limit, a one-action space, observations
# past their bounds, one buffer returned each step, prints on stdout, a changed cwd, a thread
# that never ends, a close() that raises, a constructor that needs render_mode; HOME unset,
# TMPDIR nowhere, a read-only filesystem, a resume with other flags; the library given strided,
# float16, int, empty and misshaped arrays.
HELD_OUT_SEED_K = 20_261_213  # batch K: its own seed, drawn before any K fault was tried


def _train_g_refused(source: str, says: str = "g/G-v0") -> Callable[[Path, Path], Outcome]:
    """A run on a user env whose every reset or step (from the first) returns what Plasma
    refuses: exit 2, one line naming ``says``, nothing created (the check finds it first)."""

    def probe(tmp: Path, base: Path) -> Outcome:
        pkg = _g_pkg(tmp, source)
        run = tmp / "run"
        cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY]
        result = _run(cmd, tmp, user=pkg, timeout=300, G_AFTER="0", G_BREAK="1")
        outcome = _judge(result, (2,), says)
        created = run.exists()
        return Outcome(outcome.ok and not created, outcome.observed + (" (created)" * created))

    return probe


def _g_with(source: str, after: str, added: str) -> str:
    """``source`` with the lines ``added`` after the line holding ``after`` (indented as it)."""
    lines = source.splitlines()
    at = next(i for i, line in enumerate(lines) if after in line)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    return "\n".join(
        [*lines[: at + 1], *(indent + a for a in added.splitlines()), *lines[at + 1 :]]
    )


_NO_LIMIT = _g_variant(limit=None)  # type: ignore[arg-type]
_SAME_BUFFER = _g_with(
    _g_variant(
        value="(self.buf.__setitem__(slice(None), self.np_random.uniform(-1, 1, W)), self.buf)[1]"
    ),
    "self.action_space =",
    "self.buf = np.zeros(W, dtype=np.float32)",
)
_CLOSE_RAISES = _g_with(
    _g_variant(),
    "steps = 0",
    "def close(self):\n    raise RuntimeError('simulator link already closed')",
)


def _eval_g(
    source: str, *extra: str, timeout: float = 120, **env: str
) -> Callable[[Path, Path], subprocess.CompletedProcess[str]]:
    def run(tmp: Path, base: Path) -> subprocess.CompletedProcess[str]:
        pkg = _g_pkg(tmp, source)
        copy = _copy_run(base, tmp)
        _other_env_named(_G_ID)(copy)
        cmd = [*EVAL, "--run", str(copy), *extra]
        return _run(cmd, tmp, user=pkg, timeout=timeout, G_AFTER="0", **env)

    return run


def _eval_g_ends(tmp: Path, base: Path) -> Outcome:
    """``plasma-eval`` with no --max-steps on an env that never ends its episodes."""
    try:
        result = _eval_g(_NO_LIMIT, "--episodes", "1", timeout=120)(tmp, base)
    except subprocess.TimeoutExpired:
        return Outcome(False, "still running after 120 s")
    if result.returncode == 0:
        return Outcome("Traceback" not in result.stderr, _describe(0, result.stderr))
    return _judge(result, (2,), "--max-steps")


def _eval_json_printing(tmp: Path, base: Path) -> Outcome:
    """``plasma-eval --json`` on an env that prints at every step: stdout one JSON object."""
    fault = "print('G: step', G.steps)"
    run = _eval_g(
        _g_variant(fault=fault), "--episodes", "1", "--max-steps", "5", "--json", G_BREAK="1"
    )
    result = run(tmp, base)
    try:
        parsed = json.loads(result.stdout)
        whole = isinstance(parsed, dict)
    except ValueError:
        whole = False
    ok = result.returncode == 0 and whole and "Traceback" not in result.stderr
    said = "stdout one JSON object" if whole else f"stdout not JSON: {result.stdout[:60]!r}"
    return Outcome(ok, f"{said}; {_describe(result.returncode, result.stderr)}")


def _print_config_printing(tmp: Path, base: Path) -> Outcome:
    """``plasma-train --print-config`` on an env that prints when made: stdout the config."""
    pkg = _g_pkg(
        tmp, _g_with(_g_variant(), "self.observation_space =", "print('G: simulator ready')")
    )
    cmd = [*TRAIN, "--env", _G_ID, "--run-dir", str(tmp / "run"), *_TINY, "--print-config"]
    result = _run(cmd, tmp, user=pkg, timeout=300)
    try:
        parsed = json.loads(result.stdout)
        whole = isinstance(parsed, dict) and parsed.get("env") == _G_ID
    except ValueError:
        whole = False
    ok = result.returncode == 0 and whole and "Traceback" not in result.stderr
    said = "stdout the config" if whole else f"stdout not the config: {result.stdout[:60]!r}"
    return Outcome(ok, f"{said}; {_describe(result.returncode, result.stderr)}")


def _train_cwd_moved(tmp: Path, base: Path) -> Outcome:
    """An env whose reset() changes the process's cwd; ``--runs-dir runs`` (relative)."""
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    pkg = _g_pkg(tmp, _g_source(reset="os.chdir(os.environ['G_ELSEWHERE'])"))
    cmd = [*TRAIN, "--env", _G_ID, "--runs-dir", "runs", "--name", "r", *_TINY]
    result = _run(cmd, tmp, user=pkg, timeout=300, G_ELSEWHERE=str(elsewhere))
    here = _completed(tmp / "runs" / "r")
    stray = sorted(p.name for p in elsewhere.iterdir())
    ok = result.returncode == 0 and "Traceback" not in result.stderr and here == 1 and not stray
    where = f"; {here} iteration(s) in ./runs/r" + (
        f", written elsewhere: {stray}" if stray else ""
    )
    return Outcome(ok, _describe(result.returncode, result.stderr) + where)


def _train_thread_left(tmp: Path, base: Path) -> Outcome:
    """An env whose constructor starts a non-daemon thread that never ends."""
    thread = "__import__('threading').Thread(target=__import__('time').sleep, args=(3600,)).start()"
    pkg = _g_pkg(tmp, _g_with(_g_variant(), "self.observation_space =", thread))
    run = tmp / "run"
    start = time.monotonic()
    try:
        result = _run(
            [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY], tmp, user=pkg, timeout=200
        )
    except subprocess.TimeoutExpired:
        return Outcome(
            False, f"still running after 200 s ({_completed(run)} iteration(s) committed)"
        )
    took = time.monotonic() - start
    ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 1
    return Outcome(ok, _describe(result.returncode, result.stderr) + f" ({took:.0f} s)")


def _train_close_raises(tmp: Path, base: Path) -> Outcome:
    pkg = _g_pkg(tmp, _CLOSE_RAISES)
    run = tmp / "run"
    result = _run(
        [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY], tmp, user=pkg, timeout=300
    )
    lines = [line for line in _error_lines(result.stderr) if "plasma-train: done" not in line]
    done = _completed(run)
    if result.returncode == 0:
        ok = "Traceback" not in result.stderr and done == 1 and len(lines) <= 1
    else:
        ok = _judge(result, (1,), "g/G-v0").ok and done == 1
    return Outcome(ok, _describe(result.returncode, result.stderr) + f" ({done} committed)")


def _eval_close_raises(tmp: Path, base: Path) -> Outcome:
    result = _eval_g(_CLOSE_RAISES, "--episodes", "1", "--max-steps", "5")(tmp, base)
    if result.returncode == 0:
        printed = "return:" in result.stdout
        ok = printed and "Traceback" not in result.stderr and len(_error_lines(result.stderr)) <= 1
        return Outcome(ok, _describe(0, result.stderr) + ("" if printed else " (no result)"))
    return _judge(result, (1,), "g/G-v0")


def _train_entry_point_string(tmp: Path, base: Path) -> Outcome:
    pkg = _g_pkg(tmp, _g_variant())
    run = tmp / "run"
    result = _run([*TRAIN, "--env", "genv:G", "--run-dir", str(run), *_TINY], tmp, user=pkg)
    outcome = _judge(result, (2,), "genv:G")
    return Outcome(outcome.ok and not run.exists(), outcome.observed)


def _train_no_home(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    env = _env()
    env.pop("HOME", None)
    cmd = [*TRAIN, "--run-dir", str(run), *_TINY]
    common = {"cwd": tmp, "capture_output": True, "text": True, "env": env, "check": False}
    result = subprocess.run(cmd, timeout=300, preexec_fn=_limit_memory, **common)  # type: ignore[call-overload]
    if result.returncode != 0 or _completed(run) != 1:
        return Outcome(False, _describe(result.returncode, result.stderr))
    check = subprocess.run(  # type: ignore[call-overload]
        [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"],
        timeout=120,
        preexec_fn=_limit_memory,
        **common,
    )
    ok = check.returncode == 0 and "Traceback" not in result.stderr + check.stderr
    return Outcome(ok, "trained; eval " + _describe(check.returncode, check.stderr))


def _train_tmpdir_nowhere(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    result = _run(
        [*TRAIN, "--run-dir", str(run), *_TINY], tmp, timeout=300, TMPDIR=str(tmp / "no" / "tmp")
    )
    if result.returncode == 2:
        outcome = _judge(result, (2,), "TMPDIR")
        return Outcome(outcome.ok and not run.exists(), outcome.observed)
    ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 1
    return Outcome(ok, ("trained: " if ok else "") + _describe(result.returncode, result.stderr))


def _train_read_only_fs(tmp: Path, base: Path) -> Outcome:
    if not _ro_mount_works():
        return Outcome(False, "not measured: no private mount namespace here")
    where = tmp / "ro"
    where.mkdir()
    cmd = _in_ro_namespace(_RO_RUN, where, [*TRAIN, "--runs-dir", str(where / "runs"), *_TINY])
    result = _run(cmd, tmp, timeout=300)
    outcome = _judge(result, (1, 2), "Read-only")
    named = str(where) in result.stderr or "…" in result.stderr
    created = any(where.iterdir())
    ok = outcome.ok and named and not created
    return Outcome(
        ok, outcome.observed + (" (names no path)" * (not named)) + (" (created)" * created)
    )


def _resume_other_flags(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)

    def settings() -> dict[str, object]:  # less --iterations and where the copy lives
        config = json.loads((run / "config.json").read_text())
        return {k: v for k, v in config.items() if k not in ("iterations", "name", "runs_dir")}

    saved = settings()
    flags = ["--real-steps", "999", "--env", "MountainCarContinuous-v0"]
    result = _run(
        [*TRAIN, "--resume", str(run), "--iterations", "3", *flags, "--quiet"], tmp, timeout=300
    )
    said = all(f in result.stderr for f in ("--real-steps", "--env"))
    same = settings() == saved
    if result.returncode == 2:
        outcome = _judge(result, (2,))
        return Outcome(outcome.ok and same and _completed(run) == 2, outcome.observed)
    ok = result.returncode == 0 and "Traceback" not in result.stderr and _completed(run) == 3
    why = ("" if said else " (the ignored flags not named)") + (
        "" if same else " (config.json changed)"
    )
    return Outcome(ok and said and same, _describe(result.returncode, result.stderr) + why)


_SAME_OR_REFUSED = """
def same_or_refused(call, reference, *names):
    # passes on the reference's result, or on a one-line PlasmaError naming ``names``
    import numpy as np
    from plasma.errors import PlasmaError
    try:
        out = call()
    except PlasmaError as err:
        text = str(err)
        one = "\\n" not in text.strip() and all(str(n) in text for n in names)
        said = "ok refused:" if one else "unnamed:"
        print(said, type(err).__name__, " ".join(text.split())[:120])
    except BaseException as err:
        print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
    else:
        ref = reference()
        same = np.shape(out) == np.shape(ref) and np.array_equal(out, ref)
        print("ok same" if same else f"differs: {np.shape(out)} vs {np.shape(ref)}")
"""

_POLICY_K = (
    _SAME_OR_REFUSED
    + """
import numpy as np
from plasma import Policy
policy = Policy.load(base / 'policy')
rng = np.random.default_rng(0)
"""
)


def _transitions_reward_column(tmp: Path, base: Path) -> Outcome:
    code = (
        _REFUSED_ONE_LINE
        + """
import numpy as np
from plasma import Transitions
from plasma.errors import PlasmaError
n = 10
try:
    t = Transitions(np.zeros((n, 3)), np.zeros((n, 1)), np.ones((n, 1)), np.zeros((n, 3)),
                    np.zeros(n, bool), np.zeros(n, bool), env_id='Pendulum-v1')
except PlasmaError as err:
    text = str(err)
    one = "\\n" not in text.strip() and "reward" in text
    print(("ok refused:" if one else "unnamed:"), " ".join(text.split())[:120])
except BaseException as err:
    print("raw:", type(err).__name__, " ".join(str(err).split())[:120])
else:
    print("ok accepted: (N,)" if t.reward.shape == (n,) else f"accepted as {t.reward.shape}")
"""
    )
    return _python(code, "ok ")(tmp, base)


def _faults_k() -> list[Fault]:
    e, t, _, _, api = ENTRY_POINTS
    return [
        Fault(
            "K01",
            t,
            "env step() calls sys.exit(0) in iteration 2",
            "exit 1, one line naming the env; --resume completes after the fix",
            _train_env_breaks("raise SystemExit(0)"),
        ),
        Fault(
            "K02",
            e,
            "env step() calls sys.exit(3) mid-evaluation",
            "exit 1, one line naming the env",
            _eval_env_breaks("raise SystemExit(3)"),
        ),
        Fault(
            "K03",
            t,
            "env reset() returns an info that is None (every reset)",
            "exit 2, one line naming the env, nothing created",
            _train_g_refused(_g_variant().replace("return obs, {}", "return obs, None")),
        ),
        Fault(
            "K04",
            t,
            "env step() returns an info that is a list (every step)",
            "exit 2, one line naming the env, nothing created",
            _train_g_refused(_g_variant(fault="info = []")),
        ),
        Fault(
            "K05",
            t,
            "env reward a numpy bool (obs[0] > 0) at every step",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(_g_variant(fault="reward = np.bool_(obs[0] > 0)"), G_BREAK="1"),
        ),
        Fault(
            "K06",
            t,
            "env reward a Python int at every step",
            "trains (0)",
            _train_g(_g_variant(fault="reward = int(obs[0] > 0)"), refusal=False, G_BREAK="1"),
        ),
        Fault(
            "K07",
            t,
            "env registered without a time limit that never terminates or truncates",
            "trains (0)",
            _train_g(_NO_LIMIT, refusal=False),
        ),
        Fault(
            "K08",
            e,
            "env without a time limit that never ends its episodes, no --max-steps",
            "ends within 120 s: exit 0, or exit 2 one line naming --max-steps",
            _eval_g_ends,
        ),
        Fault(
            "K09",
            t,
            "env action space Discrete(1) (one action)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(_g_variant(act="spaces.Discrete(1)")),
        ),
        Fault(
            "K10",
            t,
            "env observations past its declared Box (bounds +-1, values up to +-50)",
            "trains (0) with finite metrics, or one line naming the observation",
            _train_g_or_line(
                _g_variant(
                    obs="spaces.Box(-1.0, 1.0, shape=(W,), dtype=np.float32)",
                    value="self.np_random.uniform(-50, 50, W).astype(np.float32)",
                ),
                "observation",
            ),
        ),
        Fault(
            "K11",
            t,
            "env reset()/step() return one ndarray, updated in place, every time",
            "trains (0); the real data hold each step's own observation",
            _train_same_buffer,
        ),
        Fault(
            "K12",
            e,
            "--json, env prints a line on stdout at every step",
            "exit 0; stdout exactly one JSON object",
            _eval_json_printing,
        ),
        Fault(
            "K13",
            t,
            "--print-config, env prints a line on stdout when it is made",
            "exit 0; stdout exactly the config's JSON",
            _print_config_printing,
        ),
        Fault(
            "K14",
            t,
            "env reset() changes the process's cwd, --runs-dir relative",
            "trains (0); the run under the starting directory's runs/, nothing written elsewhere",
            _train_cwd_moved,
        ),
        Fault(
            "K15",
            t,
            "env constructor starts a non-daemon thread that never ends",
            "trains (0) and the process exits (within 200 s in all)",
            _train_thread_left,
        ),
        Fault(
            "K16",
            t,
            "env close() raises",
            "trains (0), at most one warning line; or exit 1 one line naming the env, "
            "the iteration committed",
            _train_close_raises,
        ),
        Fault(
            "K17",
            e,
            "env close() raises",
            "exit 0 with the result, at most one warning line; or exit 1 one line naming the env",
            _eval_close_raises,
        ),
        Fault(
            "K18",
            t,
            "env constructor requires render_mode (no default), --env-kwargs render_mode null",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(
                _g_with(
                    _g_variant(), "self.observation_space =", "self.render_mode = render_mode"
                ).replace("def __init__(self):", "def __init__(self, render_mode):"),
                "--env-kwargs",
                '{"render_mode": null}',
            ),
        ),
        Fault(
            "K19",
            t,
            "--env 'genv:G' (module and class, an entry-point string, not the registered id)",
            "exit 2, one line naming genv:G, nothing created",
            _train_entry_point_string,
        ),
        Fault(
            "K20",
            t,
            "HOME unset",
            "trains (0), and plasma-eval evaluates it",
            _train_no_home,
        ),
        Fault(
            "K21",
            t,
            "TMPDIR names a directory that does not exist",
            "trains (0), or exit 2 one line naming TMPDIR, nothing created",
            _train_tmpdir_nowhere,
        ),
        Fault(
            "K22",
            t,
            "--runs-dir on a read-only filesystem (a read-only bind mount)",
            "exit 1 or 2, one line naming the path and 'Read-only', nothing created",
            _train_read_only_fs,
        ),
        Fault(
            "K23",
            t,
            "--resume with another --real-steps and --env",
            "resumes on the saved config (0), a line naming the ignored flags; "
            "config.json unchanged",
            _resume_other_flags,
        ),
        Fault(
            "K24",
            api,
            "Policy.act on a non-contiguous batch (every other column of a wider array)",
            "the actions of its contiguous copy",
            _python(
                _POLICY_K
                + "wide = rng.uniform(-1, 1, (8, 2 * policy.obs_dim)).astype(np.float32)\n"
                "view = wide[:, ::2]\n"
                "same_or_refused(lambda: policy.act(view), lambda: policy.act(view.copy()))\n",
                "ok ",
            ),
        ),
        Fault(
            "K25",
            api,
            "Policy.act on float16 and on int64 observations",
            "the actions of their float32 copies, or PlasmaError one line",
            _python(
                _POLICY_K + "obs = rng.uniform(-3, 3, (8, policy.obs_dim))\n"
                "for arr in (obs.astype(np.float16), np.round(obs).astype(np.int64)):\n"
                "    same_or_refused(lambda: policy.act(arr),"
                " lambda: policy.act(arr.astype(np.float32)))\n",
                "ok ",
            ),
        ),
        Fault(
            "K26",
            api,
            "WorldModel.fit on Transitions of 0 steps (empty arrays)",
            "PlasmaError, one line",
            _api(
                "import numpy as np\nfrom plasma import Transitions, WorldModel\n"
                "def fit():\n"
                "    t = Transitions(np.zeros((0, 3)), np.zeros((0, 1)), np.zeros(0),"
                " np.zeros((0, 3)), np.zeros(0, bool), np.zeros(0, bool), env_id='Pendulum-v1')\n"
                "    return WorldModel(3, 1, {'max_epochs': 2}).fit(t)\n"
                "refused(fit)\n"
            ),
        ),
        Fault(
            "K27",
            api,
            "Transitions given a reward of shape (N, 1) (a column)",
            "PlasmaError one line naming reward, or accepted as (N,)",
            _transitions_reward_column,
        ),
        Fault(
            "K28",
            api,
            "Simulator.simulate: initial_state float16, non-contiguous (a column of a 2-D array)",
            "the paths of its float32 contiguous copy, or PlasmaError one line",
            _python(
                _SAME_OR_REFUSED
                + _SIM
                + "cols = np.array([[1.0, 0.5], [0.0, 0.5], [0.5, 0.5]], dtype=np.float16)\n"
                "state = cols[:, 0]\n"
                "same_or_refused(lambda: simulate(state, 2, 4, seed=0).states,"
                " lambda: simulate(np.ascontiguousarray(state, dtype=np.float32), 2, 4,"
                " seed=0).states)\n",
                "ok ",
                timeout=120,
            ),
        ),
    ]


def _train_same_buffer(tmp: Path, base: Path) -> Outcome:
    import numpy as np

    pkg = _g_pkg(tmp, _SAME_BUFFER)
    run = tmp / "run"
    result = _run(
        [*TRAIN, "--env", _G_ID, "--run-dir", str(run), *_TINY], tmp, user=pkg, timeout=300
    )
    if result.returncode != 0 or _completed(run) != 1:
        return Outcome(False, _describe(result.returncode, result.stderr))
    with np.load(run / "transitions.npz") as data:
        obs, nxt = data["obs"], data["next_obs"]
        ended = data["terminated"] | data["truncated"]
    distinct = len(np.unique(obs, axis=0))
    chained = bool(np.array_equal(obs[1:][~ended[:-1]], nxt[:-1][~ended[:-1]]))
    ok = "Traceback" not in result.stderr and distinct > len(obs) // 2 and chained
    return Outcome(
        ok, f"trained: {distinct} distinct of {len(obs)} observations, chained {chained}"
    )


def held_out_k(ids: list[str]) -> set[str]:
    """Batch K's held-out third: its own seed, drawn before any K fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_K).sample(ordered, k=round(len(ordered) / 3)))


HELD_OUT_SEED_L = 20_261_214  # batch L: its own seed, drawn before any L fault was tried


def _audit_same_or_refused(
    name: str, edit: Callable[[bytes], bytes], *, stdin: bool = False, says: str = ""
) -> Callable[[Path, Path], Outcome]:
    """``plasma-audit --json`` on the trajectory file ``name`` holding ``edit(_STEPS)`` (with
    ``stdin``: given as ``/dev/stdin``, the bytes written into a pipe): it audits as the plain
    file does (same status, steps, findings), or exit 2 on one line naming ``says`` (default
    the file); never a traceback."""

    def summary(result: subprocess.CompletedProcess[str]) -> tuple[int, object, object]:
        try:
            report = json.loads(result.stdout)
        except ValueError:
            return (result.returncode, None, None)
        if not isinstance(report, dict):
            return (result.returncode, None, None)
        return (result.returncode, report.get("transitions"), len(report.get("findings", [])))

    def probe(tmp: Path, base: Path) -> Outcome:
        (tmp / "plain.jsonl").write_bytes(_STEPS)
        plain = _run([*AUDIT, "--json", str(tmp / "plain.jsonl")], tmp)
        data = edit(_STEPS)
        if stdin:
            edited = subprocess.run(
                [*AUDIT, "--json", "/dev/stdin"],
                cwd=tmp,
                input=data,
                capture_output=True,
                timeout=120,
                env=_env(),
                check=False,
                preexec_fn=_limit_memory,
            )
            result = subprocess.CompletedProcess(
                edited.args,
                edited.returncode,
                edited.stdout.decode(errors="replace"),
                edited.stderr.decode(errors="replace"),
            )
        else:
            path = tmp / name
            if data:
                path.write_bytes(data)
            else:
                path.mkdir()  # an empty edit: the path is a directory
            result = _run([*AUDIT, "--json", str(path)], tmp)
        if result.returncode == 2:
            outcome = _judge(result, (2,), says or name)
            return Outcome(outcome.ok, "refused: " + outcome.observed)
        ok = (
            summary(result) == summary(plain)
            and plain.returncode in (0, 1)
            and "Traceback" not in result.stderr
        )
        return Outcome(
            ok,
            f"plain {summary(plain)}, this {summary(result)}: "
            + _describe(result.returncode, result.stderr),
        )

    return probe


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


def _utf16(data: bytes) -> bytes:
    return data.decode().encode("utf-16")


def _reader_takes(cmd: list[str], tmp: Path, count: int) -> Outcome:
    """``cmd | head -c COUNT``: the reader takes ``count`` bytes, then closes the pipe."""
    proc = subprocess.Popen(
        cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    got = proc.stdout.read(count)
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    rc = proc.wait(timeout=300)
    ok = (
        "Traceback" not in err
        and "Exception ignored" not in err
        and rc in (0, 141)
        and len(_error_lines(err)) <= 1
    )
    return Outcome(ok, f"read {len(got)} bytes; " + _describe(rc, err))


def _eval_head_ten(tmp: Path, base: Path) -> Outcome:
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5", "--json"]
    return _reader_takes(cmd, tmp, 10)


def _print_config_head_ten(tmp: Path, base: Path) -> Outcome:
    run = tmp / "run"
    outcome = _reader_takes([*TRAIN, "--run-dir", str(run), *_TINY, "--print-config"], tmp, 10)
    return Outcome(outcome.ok and not run.exists(), outcome.observed + " (created)" * run.exists())


def _eval_sigint_twice(tmp: Path, base: Path) -> Outcome:
    """Ctrl-C twice, 50 ms apart, while ``plasma-eval`` evaluates: 130, no traceback."""
    run = _copy_run(base, tmp)
    cmd = [*EVAL, "--run", str(run), "--episodes", "100000", "--max-steps", "200"]
    with open(tmp / "stderr", "w+") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=_env(),
            preexec_fn=_default_sigint,
        )
        time.sleep(12.0)
        if proc.poll() is not None:
            err.seek(0)
            return Outcome(
                False, "ended before the signal: " + _describe(proc.returncode, err.read())
            )
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        try:
            rc = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return Outcome(False, "still running 20 s after the signals (killed)")
        err.seek(0)
        text = err.read()
    ok = rc == 130 and "Traceback" not in text and 1 <= len(_error_lines(text)) <= 2
    return Outcome(ok, _describe(rc, text))


def _json_file(rel: str, value: object) -> Callable[[Path], None]:
    def mutate(run: Path) -> None:
        (run / rel).write_text(json.dumps(value))

    return mutate


def _eval_names(mutate: Callable[[Path], None], says: str) -> Callable[[Path, Path], Outcome]:
    def probe(tmp: Path, base: Path) -> Outcome:
        run = _copy_run(base, tmp)
        mutate(run)
        cmd = [*EVAL, "--run", str(run), "--episodes", "1", "--max-steps", "5"]
        return _judge(_run(cmd, tmp), (2,), says)

    return probe


def _audit_empty_pipe(tmp: Path, base: Path) -> Outcome:
    """``plasma-audit /dev/stdin`` whose writer closes the pipe at once: as an empty file."""
    done = subprocess.run(
        [*AUDIT, "/dev/stdin"],
        cwd=tmp,
        input=b"",
        capture_output=True,
        timeout=120,
        env=_env(),
        check=False,
        preexec_fn=_limit_memory,
    )
    err = done.stderr.decode(errors="replace")
    lines = _error_lines(err)
    ok = done.returncode in (1, 2) and "Traceback" not in err and len(lines) <= 1
    return Outcome(ok, _describe(done.returncode, err))


def _resume_state_shape(tmp: Path, base: Path) -> Outcome:
    """``--resume`` on a run whose state.json is ``null`` (valid JSON, wrong shape)."""
    run = _copy_run(base, tmp)
    _json_file("state.json", None)(run)
    before = _snapshot(run)
    result = _run([*TRAIN, "--resume", str(run), "--quiet"], tmp, timeout=300)
    outcome = _judge(result, (2,), "state.json")
    changed = _snapshot(run) != before
    return Outcome(outcome.ok and not changed, outcome.observed + " (changed)" * changed)


_PATHS_L = """
import asyncio
import numpy as np
from plasma import Auditor, PhantomPaths
loop = asyncio.new_event_loop()
paths = PhantomPaths.load(base / 'iterations/0001/paths.npz')
"""


def _faults_l() -> list[Fault]:
    e, t, a, _, api = ENTRY_POINTS
    return [
        Fault(
            "L01",
            a,
            "trajectory file gzip-compressed (traj.jsonl.gz)",
            "exit 2, one line naming the file; or audited as the uncompressed file",
            _audit_same_or_refused("traj.jsonl.gz", _gzip),
        ),
        Fault(
            "L02",
            a,
            "FILE /dev/stdin, the trajectory written into a pipe",
            "audited as the same file on disk (same status, steps, findings)",
            _audit_same_or_refused("stdin", lambda d: d, stdin=True, says="/dev/stdin"),
        ),
        Fault(
            "L03",
            a,
            "trajectory file UTF-16 (with its BOM)",
            "exit 2, one line naming the file; or audited as the UTF-8 file",
            _audit_same_or_refused("traj16.jsonl", _utf16),
        ),
        Fault(
            "L04",
            a,
            "FILE is a directory",
            "exit 2, one line naming the path",
            _audit_same_or_refused("trajdir", lambda d: b""),
        ),
        Fault(
            "L05",
            a,
            "FILE /dev/stdin from an empty pipe",
            "exit 1 (nothing to audit, as an empty file) or 2 one line; no traceback",
            _audit_empty_pipe,
        ),
        Fault(
            "L06",
            e,
            "--json | head -c 10 (the reader takes 10 bytes, then closes)",
            "exit 0 or 141, at most one line, no traceback",
            _eval_head_ten,
        ),
        Fault(
            "L07",
            t,
            "--print-config | head -c 10",
            "exit 0 or 141, at most one line, no traceback, nothing created",
            _print_config_head_ten,
        ),
        Fault(
            "L08",
            e,
            "Ctrl-C twice, 50 ms apart, mid-evaluation",
            "exit 130, one or two lines, no traceback",
            _eval_sigint_twice,
        ),
        Fault(
            "L09",
            e,
            "state.json valid JSON of the wrong shape (a list)",
            "exit 2, one line naming state.json",
            _eval_names(_json_file("state.json", [1, 2]), "state.json"),
        ),
        Fault(
            "L10",
            t,
            "--resume, state.json the JSON null",
            "exit 2, one line naming state.json, nothing changed",
            _resume_state_shape,
        ),
        Fault(
            "L11",
            e,
            "config.json valid JSON of the wrong shape (a string)",
            "exit 2, one line naming config.json",
            _eval_names(_json_file("config.json", "Pendulum-v1"), "config.json"),
        ),
        Fault(
            "L12",
            t,
            "env observation space a Box of bool (observations bool arrays)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(
                _g_variant(
                    obs="spaces.Box(0, 1, shape=(W,), dtype=np.bool_)",
                    value="self.np_random.uniform(-1, 1, W) > 0",
                )
            ),
        ),
        Fault(
            "L13",
            t,
            "env action space a Box with infinite bounds (-inf, inf)",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(_g_variant(act="spaces.Box(-np.inf, np.inf, shape=(1,), dtype=np.float32)")),
        ),
        Fault(
            "L14",
            t,
            "env reset(seed=...) ignores the seed (draws from an unseeded generator)",
            "trains (0)",
            _train_g(
                _g_source(
                    reset="obs = np.random.default_rng().uniform(-1, 1, W).astype(np.float32)"
                ),
                refusal=False,
            ),
        ),
        Fault(
            "L15",
            t,
            "env reset() returns its observation as a Python list",
            "trains (0), or exit 2 one line naming the env, nothing created",
            _train_g(_g_source(reset="obs = [float(x) for x in obs]")),
        ),
        Fault(
            "L16",
            api,
            "Auditor.audit_paths on paths with a NaN reward",
            "PlasmaError one line naming rewards, or a report that does not approve that path",
            _python(
                _PATHS_L + "from plasma.errors import PlasmaError\n"
                "try:\n"
                "    rewards = paths.rewards.copy(); rewards[0, 0] = np.nan\n"
                "    bad = PhantomPaths(states=paths.states, actions=paths.actions,"
                " rewards=rewards, action_labels=paths.action_labels, meta=paths.meta)\n"
                "    aud = Auditor(); loop.run_until_complete(aud.start())\n"
                "    loop.run_until_complete(aud.audit_paths(bad))\n"
                "except PlasmaError as err:\n"
                "    text = str(err)\n"
                "    one = '\\n' not in text.strip() and 'reward' in text\n"
                "    flat = ' '.join(text.split())[:120]\n"
                "    print(('ok refused: ' if one else 'bad refusal: ') + flat)\n"
                "else:\n"
                "    print('ok not approved' if not bad.approved[0] else 'approved a NaN path')\n",
                "ok ",
                timeout=120,
            ),
        ),
        Fault(
            "L17",
            api,
            "Auditor.audit_paths on paths of length 0 (lengths all zero)",
            "a report approving none, or PlasmaError one line",
            _python(
                _PATHS_L
                + _REFUSED_ONE_LINE
                + _EITHER
                + "zero = PhantomPaths(states=paths.states, actions=paths.actions,"
                " rewards=paths.rewards, lengths=np.zeros(paths.num_paths, np.int64),"
                " meta=paths.meta)\n"
                "aud = Auditor(); loop.run_until_complete(aud.start())\n"
                "def go():\n"
                "    loop.run_until_complete(aud.audit_paths(zero))\n"
                "    if zero.approved.any():\n"
                "        raise SystemExit('approved empty paths')\n"
                "    return 'none approved'\n"
                "either(go)\n",
                "ok ",
                timeout=120,
            ),
        ),
        Fault(
            "L18",
            api,
            "Distiller.distill_from_paths on audited paths of which none is approved",
            "PlasmaError one line naming the paths' approval",
            _api(
                _PATHS_L + "from plasma import Distiller\n"
                "paths.approved = np.zeros(paths.num_paths, bool)\n"
                "d = Distiller(); loop.run_until_complete(d.start())\n"
                "refused(lambda: loop.run_until_complete(d.distill_from_paths(paths)),"
                " 'approved')\n"
            ),
        ),
        Fault(
            "L19",
            api,
            "InstructionPacket.load: manifest.json valid JSON of the wrong shape (a list)",
            "PlasmaError one line naming manifest.json",
            _api(
                _PACKET_SETUP + "(pkt / 'manifest.json').write_text('[1, 2, 3]')\n"
                "refused(lambda: InstructionPacket.load(pkt), 'manifest.json')\n"
            ),
        ),
        Fault(
            "L20",
            api,
            "LoRAInjector.inject the same packet twice, then eject",
            "the policy acts as with it once, then as the base; or PlasmaError one line",
            _python(
                _PACKET_SETUP + _REFUSED_ONE_LINE + _EITHER + "import numpy as np\n"
                "obs = np.full((2, policy.obs_dim), 0.3, np.float32)\n"
                "plain = policy.act(obs)\n"
                "inj = LoRAInjector(policy)\n"
                "inj.inject(pkt); once = policy.act(obs)\n"
                "def twice():\n"
                "    inj.inject(pkt)\n"
                "    if not np.allclose(policy.act(obs), once, atol=1e-6):\n"
                "        raise SystemExit('injected twice acts otherwise than once')\n"
                "    inj.eject()\n"
                "    if not np.allclose(policy.act(obs), plain, atol=1e-6):\n"
                "        raise SystemExit('ejected, the policy is not the base')\n"
                "    return 'same'\n"
                "either(twice)\n",
                "ok ",
                timeout=120,
            ),
        ),
        Fault(
            "L21",
            api,
            "Simulator.simulate with num_paths=0 on a started simulator",
            "empty paths, or PlasmaError one line naming num_paths",
            _api_either(
                _SIM.replace(
                    'base / "world_model.safetensors"',
                    "base / 'iterations/0001/world_model.safetensors'",
                )
                + "either(lambda: simulate(np.zeros(3, np.float32), 0, 4, seed=0), 'num_paths')\n",
                timeout=120,
            ),
        ),
    ]


def held_out_l(ids: list[str]) -> set[str]:
    """Batch L's held-out third: its own seed, drawn before any L fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED_L).sample(ordered, k=round(len(ordered) / 3)))


_BASE = ""


def held_out(ids: list[str]) -> set[str]:
    """The held-out third: a seeded draw over the sorted ids, made before any fault was tried."""
    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED).sample(ordered, k=round(len(ordered) / 3)))


def _make_base(target: Path) -> None:
    sys.path[:0] = [str(REPO / "python"), str(REPO)]
    from tests.train.conftest import TINY

    args = ["--iterations", "2", "--seed", "3", "--set", 'distill_schedule="lora"']
    result = _run([*TRAIN, *args, "--run-dir", str(target), *TINY], REPO, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"the base run failed: {result.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    global _BASE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="only these faults")
    parser.add_argument("--base-run", type=Path, help="a finished run to copy (else one is made)")
    parser.add_argument("--json", type=Path, help="write {id: {ok, observed, held_out}} here")
    args = parser.parse_args(argv)
    batch_b, batch_c, batch_d, batch_e = _faults_b(), _faults_c(), _faults_d(), _faults_e()
    batch_f, batch_g, batch_h, batch_i = _faults_f(), _faults_g(), _faults_h(), _faults_i()
    batch_k, batch_l = _faults_k(), _faults_l()
    faults = [
        *_faults(),
        *batch_b,
        *batch_c,
        *batch_d,
        *batch_e,
        *batch_f,
        *_faults_f2(),
        *batch_g,
        *batch_h,
        *batch_i,
        *batch_k,
        *batch_l,
    ]
    hidden = (
        held_out([f.id for f in _faults()])
        | held_out_b([f.id for f in batch_b])
        | held_out_c([f.id for f in batch_c])
        | held_out_d([f.id for f in batch_d])
        | held_out_e([f.id for f in batch_e])
        | held_out_f([f.id for f in batch_f])
        | held_out_g([f.id for f in batch_g])
        | held_out_h([f.id for f in batch_h])
        | held_out_i([f.id for f in batch_i])
        | held_out_k([f.id for f in batch_k])
        | held_out_l([f.id for f in batch_l])
    )
    with tempfile.TemporaryDirectory(prefix="plasma-faults-") as scratch:
        base = args.base_run
        if base is None:
            base = Path(scratch) / "base"
            _make_base(base)
        _BASE = str(base)
        results: dict[str, dict[str, object]] = {}
        for fault in faults:
            if args.ids and fault.id not in args.ids:
                continue
            tmp = Path(tempfile.mkdtemp(dir=scratch, prefix=fault.id + "-"))
            start = time.monotonic()
            try:
                outcome = fault.probe(tmp, base)
            except subprocess.TimeoutExpired:
                outcome = Outcome(False, "timed out")
            except OSError as err:  # the probe itself could not start the process
                outcome = Outcome(False, f"probe failed: {err}")
            took = time.monotonic() - start
            mark = "held-out" if fault.id in hidden else "open"
            print(
                f"{fault.id} {'PASS' if outcome.ok else 'FAIL'} [{mark}] {took:5.1f}s  "
                f"{fault.entry}: {fault.fault} -> {outcome.observed}",
                flush=True,
            )
            results[fault.id] = {
                "ok": outcome.ok,
                "observed": outcome.observed,
                "held_out": fault.id in hidden,
            }
            shutil.rmtree(tmp, ignore_errors=True)
    for part, name in ((False, "open"), (True, "held-out")):
        mine = [r for r in results.values() if r["held_out"] is part]
        print(f"{name}: {sum(bool(r['ok']) for r in mine)}/{len(mine)} pass")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
