"""How ``plasma-train`` and ``plasma-eval`` end when they are stopped outside the training loop
(the loop's own stops are in ``test_faults.py``): a signal while they check a slow env, and a
reader that closes their stdout early. Real processes, real signals, real pipes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.train.conftest import EVAL, TRAIN, as_a_terminal_starts_it, env

HANGING_ENV = """
import os, time
import gymnasium as gym
import numpy as np
from gymnasium import spaces


class Hangs(gym.Env):
    def __init__(self):
        self.observation_space = spaces.Box(-1.0, 1.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)

    def reset(self, *, seed=None, options=None):
        open(os.environ["HANG_MARK"], "w").close()  # the test signals once this exists
        time.sleep(600)


gym.register("hangs/Hangs-v0", entry_point=__name__ + ":Hangs", max_episode_steps=10)
"""


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_a_signal_while_the_env_is_checked_ends_in_one_line_and_creates_nothing(
    tmp_path: Path, signum: int, status: int
) -> None:
    # Before: Ctrl-C printed a KeyboardInterrupt traceback; SIGTERM and SIGHUP (the terminal
    # closed) killed the process silently.
    (tmp_path / "hanging_env.py").write_text(HANGING_ENV)
    mark = tmp_path / "in-reset"
    inherited = [Path(p).resolve() for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    path = os.pathsep.join(str(p) for p in [tmp_path, *inherited])
    extra = {"PYTHONPATH": path, "HANG_MARK": str(mark)}
    proc = subprocess.Popen(
        [sys.executable, TRAIN, "--env", "hanging_env:hangs/Hangs-v0", "--runs-dir", "runs"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env(**extra),
        preexec_fn=as_a_terminal_starts_it,
    )
    deadline = time.monotonic() + 120
    while not mark.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    assert lines[0].startswith("plasma-train: ")
    assert not (tmp_path / "runs").exists()


def test_a_reader_that_goes_away_ends_the_evaluation_quietly(
    tmp_path: Path, uninterrupted_run: Path
) -> None:
    # Before: `plasma-eval --json | head -c0` printed a BrokenPipeError traceback (status 1).
    args = ["--run", str(uninterrupted_run), "--episodes", "1", "--max-steps", "5", "--json"]
    proc = subprocess.Popen(
        [sys.executable, EVAL, *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the command writes
    _, err = proc.communicate(timeout=120)
    assert err.decode() == ""
    assert proc.returncode == 141


def test_an_output_on_a_full_disk_is_one_line_and_status_1(
    tmp_path: Path, uninterrupted_run: Path
) -> None:
    # Before: `plasma-eval --json > /dev/full` printed an OSError traceback.
    args = ["--run", str(uninterrupted_run), "--episodes", "1", "--max-steps", "5", "--json"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, EVAL, *args],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["plasma-eval: error: [Errno 28] No space left on device"]


def test_sighup_stays_ignored_under_nohup(tmp_path: Path, uninterrupted_run: Path) -> None:
    # nohup starts a command with SIGHUP ignored: it must go on, not stop with 129.
    args = ["--run", str(uninterrupted_run), "--episodes", "1", "--max-steps", "5", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", PRINT_HANDLER, EVAL, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
        check=False,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "SIGHUP ignored while running"


PRINT_HANDLER = """
import runpy, signal, sys
import plasma._cli as cli
seen = []
real = cli.run_command
def spy(prog, main, **kw):
    def inside():
        seen.append(signal.getsignal(signal.SIGHUP) is signal.SIG_IGN)
        return main()
    return real(prog, inside, **kw)
cli.run_command = spy
import plasma.train.cli as tcli
tcli.run_command = spy
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    print("SIGHUP ignored while running" if all(seen) and seen else "SIGHUP handled", flush=True)
    raise SystemExit(exc.code)
"""


@pytest.mark.parametrize("as_json", [False, True])
def test_an_ascii_only_stdout_still_gets_the_result(
    tmp_path: Path, uninterrupted_run: Path, as_json: bool
) -> None:
    # Before: under LC_ALL=C with an ASCII stdout the text output ("±") raised
    # UnicodeEncodeError: a traceback and status 1 after the whole evaluation had run.
    args = ["--run", str(uninterrupted_run), "--episodes", "1", "--max-steps", "5"]
    done = subprocess.run(
        [sys.executable, EVAL, *args, *(["--json"] if as_json else [])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        errors="replace",
        env=env(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING="ascii"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert ("mean_return" if as_json else "return:") in done.stdout


def _closing(fds: tuple[int, ...]) -> Callable[[], None]:
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


# (the command's arguments, the descriptors it starts without, its status, what stderr holds)
CLOSED_STREAMS: list[tuple[list[str], tuple[int, ...], int, str]] = [
    ([TRAIN, "--print-config"], (1,), 0, ""),
    ([TRAIN, "--print-config"], (1, 2), 0, ""),
    ([TRAIN, "--print-config"], (0,), 0, ""),
    ([EVAL, "--run", "nowhere"], (1,), 2, "plasma-eval: error: run nowhere not found"),
    ([EVAL, "--run", "nowhere"], (0, 1), 2, "plasma-eval: error: run nowhere not found"),
    ([EVAL, "--run", "nowhere"], (2,), 2, ""),
]


@pytest.mark.parametrize(("argv", "closed", "status", "says"), CLOSED_STREAMS)
def test_a_command_started_without_a_standard_stream_runs_as_with_a_closed_terminal(
    tmp_path: Path, argv: list[str], closed: tuple[int, ...], status: int, says: str
) -> None:
    # Before: `plasma-train ... >&-` did its work, then failed flushing the missing stdout
    # (AttributeError traceback, status 1); a file the command opened took the free descriptor.
    err = None if 2 in closed else subprocess.PIPE
    done = subprocess.run(
        [sys.executable, *argv],
        cwd=tmp_path,
        stdin=None if 0 in closed else subprocess.DEVNULL,
        stdout=None if 1 in closed else subprocess.PIPE,
        stderr=err,
        env=env(),
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_closing(closed),
    )
    assert done.returncode == status, done.stderr
    if 2 not in closed:
        lines = done.stderr.strip().splitlines()
        assert lines == [] if not says else len(lines) == 1 and says in lines[0], lines
    if 1 not in closed and status == 0:
        assert '"env": "Pendulum-v1"' in done.stdout
    assert not any(tmp_path.iterdir())  # nothing written where the streams were
