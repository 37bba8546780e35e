"""A run directory is a database: nothing of the user's is deleted, a failed start creates
nothing, every artefact a later step loads is checked against its checksum, and every bad input
exits 2 with one line naming it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from plasma.errors import IntegrityError, RunDirError, RunLockedError
from plasma.train.cli import train_main
from plasma.train.rundir import RunDir, RunState
from tests.train.conftest import EVAL, TINY, TRAIN, error_line, run, run_here, tree_digest


@pytest.fixture
def finished_run(uninterrupted_run: Path) -> Path:
    """A finished 3-iteration run with packets, shared by the session (its copies are what the
    tests damage)."""
    return uninterrupted_run


def _copy(run_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "run"
    shutil.copytree(run_dir, target)
    return target


def _flip_byte(path: Path, offset: int = -20) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_directory_plasma_did_not_create_is_never_touched(tmp_path: Path) -> None:
    d = tmp_path / "d"
    (d / "packets").mkdir(parents=True)
    (d / "iterations" / "0001").mkdir(parents=True)
    (d / "packets" / "keep").write_text("x\n")
    (d / "iterations" / "0001" / "n").write_text("x\n")
    (d / "config.json").write_text('{"mine":1}\n')
    before = tree_digest(d)
    for env_id in ("NoSuchEnv-v0", "Pendulum-v1"):  # a bad env or a good one: never touched
        out = run_here(TRAIN, ["--run-dir", "d", "--env", env_id, *TINY], tmp_path)
        assert out.returncode == 2, out.stderr
        assert tree_digest(d) == before
        assert sorted(p.name for p in d.iterdir()) == ["config.json", "iterations", "packets"]
    assert "is not a Plasma run directory" in error_line(out)
    assert "d is not empty" in error_line(out)
    resumed = run_here(TRAIN, ["--resume", "d"], tmp_path)
    assert resumed.returncode == 2
    assert "not a Plasma run directory" in error_line(resumed)
    assert tree_digest(d) == before


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--env", "NoSuchEnv-v0"], "--env NoSuchEnv-v0: unknown Gymnasium env id"),
        (["--env", "Blackjack-v1"], "--env Blackjack-v1: observation space is Tuple"),
        (["--env", "FrozenLake-v1"], "observation space is Discrete"),
        (["--env", "no_such_module:Env-v0"], "could not be imported"),
        (["--env-kwargs", '{"no_such_kwarg": 1}'], "no_such_kwarg"),
        (["--env-kwargs", "[1, 2]"], "--env-kwargs [1, 2]: must be a JSON object"),
        (["--variant", "bogus=1"], "--variant bogus=1: unknown variant parameter 'bogus'"),
        (["--iterations", "11", "--real-steps", "10"], "the first needs at least 10"),
        (["--trusted-key", "abc"], "--trusted-key abc"),
        (["--keyring", "absent.keys"], "absent.keys cannot be read"),  # by its absolute path
        (["--iterations", "x"], "--iterations: invalid int value"),
    ],
)
def test_a_failed_start_creates_nothing_and_says_why_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    named: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    for extra in (["--run-dir", "new/run"], ["--print-config"]):
        assert train_main([*args, *extra]) == 2
        out = capsys.readouterr()
        assert out.out == ""
        lines = out.err.splitlines()
        assert len(lines) == 1, out.err
        assert lines[0].startswith("plasma-train: error: ")
        assert named in lines[0]
        assert list(tmp_path.iterdir()) == []


def test_a_failed_start_in_a_real_process(tmp_path: Path) -> None:
    out = run(TRAIN, ["--env", "NoSuchEnv-v0", "--run-dir", "d"], tmp_path)
    assert out.returncode == 2
    assert "unknown Gymnasium env id 'NoSuchEnv-v0'" in error_line(out)
    assert list(tmp_path.iterdir()) == []


def test_recovery_removes_only_what_plasma_names(tmp_path: Path) -> None:
    run_dir = RunDir(tmp_path / "r").claim()
    plasma_made = [
        "iterations/0002/real.npz",
        "packets/pkt-0123456789abcdef0123456789abcdef/manifest.json",
        "packets/.pkt-0123456789abcdef0123456789abcdee.tmp-x1y2/manifest.json",
    ]
    users = [
        "iterations/0003.notes/n",
        "iterations/mine/n",
        "packets/keep",
        "packets/pkt-mine/manifest.json",
        "notes.txt",
        ".hidden",
    ]
    for rel in [*plasma_made, *users, "iterations/0001/real.npz"]:
        (run_dir.path / rel).parent.mkdir(parents=True, exist_ok=True)
        (run_dir.path / rel).write_text("x")
    (run_dir.path / ".state.json.ab12cd.tmp").write_text("half a state")
    removed = run_dir.discard_uncommitted(RunState(completed_iterations=2))
    assert sorted(removed) == sorted(
        [
            ".state.json.ab12cd.tmp",
            "iterations/0002",
            "packets/.pkt-0123456789abcdef0123456789abcdee.tmp-x1y2",
            "packets/pkt-0123456789abcdef0123456789abcdef",
        ]
    )
    for rel in [*users, "iterations/0001/real.npz"]:
        assert (run_dir.path / rel).is_file(), rel
    run_dir.release()
    with pytest.raises(RunDirError, match="not a Plasma run directory"):
        RunDir(tmp_path / "r" / "iterations").discard_uncommitted(RunState())


def test_a_run_directory_has_one_owner_at_a_time(tmp_path: Path) -> None:
    first = RunDir(tmp_path / "r").claim()
    with pytest.raises(RunLockedError, match=r"in use by another Plasma process \(pid \d+\)"):
        RunDir(tmp_path / "r").claim()
    first.release()
    RunDir(tmp_path / "r").claim().release()
    (tmp_path / "file").write_text("x")
    with pytest.raises(RunDirError, match="exists and is not a directory"):
        RunDir(tmp_path / "file").claim()


def test_every_committed_file_is_checked_before_it_is_loaded(
    finished_run: Path, tmp_path: Path
) -> None:
    state = RunState.model_validate_json((finished_run / "state.json").read_text())
    assert state.checksums is not None
    names = set(state.checksums)
    for i in (0, 1):
        for name in ("real.npz", "world_model.safetensors", "paths.npz"):
            assert f"iterations/000{i}/{name}" in names
    assert "iterations/0000/policy/policy.safetensors" in names
    assert state.packets  # the "lora" schedule ships packets
    for packet in state.packets:
        assert f"{packet}/adapter_model.safetensors" in names
        assert f"{packet}/manifest.json" in names

    run_dir = _copy(finished_run, tmp_path)
    _flip_byte(run_dir / "iterations" / "0001" / "real.npz")
    before = tree_digest(run_dir, skip=(".plasma-run",))  # it records the pid holding it
    out = run(TRAIN, ["--resume", str(run_dir), "--iterations", "4"], tmp_path)
    assert out.returncode == 2, out.stderr
    assert "iterations/0001/real.npz has sha256" in error_line(out)
    assert "corrupted or changed" in error_line(out)
    assert tree_digest(run_dir, skip=(".plasma-run",)) == before  # refused before any work
    with pytest.raises(IntegrityError, match=r"real\.npz"):
        RunDir(run_dir).load_transitions()


def test_plan_mode_refuses_a_flipped_byte_in_the_world_model(
    finished_run: Path, tmp_path: Path
) -> None:
    run_dir = _copy(finished_run, tmp_path)
    state = json.loads((run_dir / "state.json").read_text())
    ok = run_here(
        EVAL,
        ["--run", str(run_dir), "--mode", "plan", "--episodes", "1", "--max-steps", "3"],
        tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    _flip_byte(run_dir / state["world_model"], offset=-100)
    bad = run_here(EVAL, ["--run", str(run_dir), "--mode", "plan", "--episodes", "1"], tmp_path)
    assert bad.returncode == 2
    assert "world_model.safetensors has sha256" in error_line(bad)
    # the file checks itself too, wherever it is loaded from (plasma-audit --model ...)
    from plasma.simulator import WorldModel

    with pytest.raises(IntegrityError, match="corrupted"):
        WorldModel.load(run_dir / state["world_model"])


def test_eval_of_a_damaged_run_says_what_is_wrong_in_one_line(
    finished_run: Path, tmp_path: Path
) -> None:
    run_dir = _copy(finished_run, tmp_path)
    state_file = run_dir / "state.json"
    state_file.write_bytes(state_file.read_bytes()[:40])  # truncated
    out = run_here(EVAL, ["--run", str(run_dir), "--episodes", "1"], tmp_path)
    assert out.returncode == 2
    assert f"{state_file} is not a valid run state" in error_line(out)

    run_dir = _copy(finished_run, tmp_path / "again")
    (run_dir / "config.json").write_text('{"iterations": "many"}')
    out = run_here(EVAL, ["--run", str(run_dir), "--episodes", "1"], tmp_path)
    assert out.returncode == 2
    assert "config.json is not a valid config" in error_line(out)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("policy_dir", "../elsewhere"),
        ("world_model", "/etc/passwd"),
        ("active_packet", "packets/../../x"),
        ("packets", ["packets/ok", "../../x"]),
        ("checksums", {"../outside/policy.json": "0" * 64}),
    ],
)
def test_a_state_that_points_outside_the_run_is_refused(
    tmp_path: Path, field: str, value: object
) -> None:
    # Before: state.json (with checksums made to match) could name files anywhere; resume and
    # plasma-eval loaded a policy from outside the run directory.
    (tmp_path / "state.json").write_text(json.dumps({"completed_iterations": 1, field: value}))
    with pytest.raises(IntegrityError, match=rf"{field}.*not a path inside the run directory"):
        RunDir(tmp_path).read_state()


def test_a_committed_file_that_links_out_of_the_run_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "policy.json").write_text("{}")
    run_dir = tmp_path / "run"
    (run_dir / "iterations" / "0000").mkdir(parents=True)
    (run_dir / "iterations" / "0000" / "policy").symlink_to(outside)
    digest = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"  # sha256("{}")
    state = RunState(
        completed_iterations=1,
        policy_dir="iterations/0000/policy",
        checksums={"iterations/0000/policy/policy.json": digest},
    )
    with pytest.raises(IntegrityError, match="leads outside the run directory"):
        RunDir(run_dir).verified(state, "iterations/0000/policy")


@pytest.mark.parametrize("damage", ["torn state", "flipped byte"])
def test_a_damaged_base_run_is_refused_before_anything_is_created(
    finished_run: Path, tmp_path: Path, damage: str
) -> None:
    # Before: --base only checked that state.json existed; a damaged base was found (exit 1)
    # after the new run's directory was made, or never, with --print-config.
    base = _copy(finished_run, tmp_path)
    if damage == "torn state":
        state = base / "state.json"
        state.write_bytes(state.read_bytes()[:100])
    else:
        _flip_byte(base / "iterations" / "0000" / "policy" / "policy.safetensors")
    args = ["--base", str(base), "--variant", "m=1.3", "--runs-dir", "new", *TINY]
    result = run_here(TRAIN, args, tmp_path)
    assert result.returncode == 2
    assert error_line(result).startswith(f"plasma-train: error: --base {base}: ")
    assert not (tmp_path / "new").exists()


def test_a_resume_refuses_real_data_replaced_with_its_checksum_updated(
    finished_run: Path, tmp_path: Path
) -> None:
    # Before: real.npz rewritten with int64 observations (checksums made to match) was cast back
    # and trained on: the resume exited 0.
    run_dir = _copy(finished_run, tmp_path)
    rel = "iterations/0001/real.npz"
    with np.load(run_dir / rel) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["obs"] = arrays["obs"].astype(np.int64)
    np.savez(run_dir / rel, **arrays)
    state = json.loads((run_dir / "state.json").read_text())
    state["checksums"][rel] = hashlib.sha256((run_dir / rel).read_bytes()).hexdigest()
    (run_dir / "state.json").write_text(json.dumps(state))
    before = tree_digest(run_dir, skip=(".plasma-run",))
    result = run_here(TRAIN, ["--resume", str(run_dir), "--iterations", "4"], tmp_path)
    assert result.returncode == 2
    assert "array 'obs' is int64, not floating point" in error_line(result)
    assert tree_digest(run_dir, skip=(".plasma-run",)) == before
