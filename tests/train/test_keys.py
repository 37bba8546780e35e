"""Signed runs: the signing key never reaches the run directory and a resumed run gets it again;
a packet is activated only when a trusted key verifies it (unsigned ones only when allowed)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import safetensors.torch
import torch

from plasma.distiller import Ed25519Signer, InstructionPacket
from tests.support.packets import rewrite_weights
from tests.train.conftest import EVAL, TINY, TRAIN, error_line, run, run_here

# keep_best off: the last packet stays active, whatever it evaluates to
SIGNED = ["--iterations", "2", "--set", 'distill_schedule="lora"', *TINY]
SIGNED += ["--set", "keep_best=false"]
EVAL_ONE = ["--episodes", "1", "--max-steps", "5", "--json"]


@pytest.fixture(scope="module")
def signed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ed25519Signer]:
    """A finished 2-iteration run whose packets are signed with an Ed25519 key given on the
    command line (the way the issue's repro gives it)."""
    root = tmp_path_factory.mktemp("signed")
    signer = Ed25519Signer.generate()
    key = signer.private_bytes().hex()
    done = run(
        TRAIN,
        [
            *SIGNED,
            "--run-dir",
            "run",
            "--set",
            "distiller.signing_algorithm=ed25519",
            "--set",
            f'distiller.signing_key="{key}"',
        ],
        root,
    )
    assert done.returncode == 0, done.stderr
    return root / "run", signer


def _copy(run_dir: Path, tmp_path: Path, name: str = "run") -> Path:
    target = tmp_path / name
    shutil.copytree(run_dir, target)
    return target


def test_the_signing_key_never_reaches_the_run_directory(
    signed_run: tuple[Path, Ed25519Signer],
) -> None:
    run_dir, signer = signed_run
    secret = signer.private_bytes()
    for file in run_dir.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for needle in (secret, secret.hex().encode(), secret.hex().upper().encode()):
                assert needle not in data, file
    config = json.loads((run_dir / "config.json").read_text())
    assert config["distiller"]["signing_key"] is None
    assert config["signing_key_id"] == signer.key_id
    assert signer.public_bytes.hex() in config["trusted_keys"]  # the public half: not secret
    assert config["allow_unsigned_packets"] is False
    state = json.loads((run_dir / "state.json").read_text())
    manifest = InstructionPacket.load(run_dir / state["packets"][0]).manifest
    assert manifest.signature is not None
    assert manifest.signature.key_id == signer.key_id


def test_a_signed_run_resumes_when_given_its_key_again(
    signed_run: tuple[Path, Ed25519Signer], tmp_path: Path
) -> None:
    run_dir = _copy(signed_run[0], tmp_path)
    signer = signed_run[1]
    more = ["--resume", str(run_dir), "--iterations", "3"]

    missing = run_here(TRAIN, more, tmp_path)
    assert missing.returncode == 2
    line = error_line(missing)
    assert f"signs its packets with ed25519 (key id {signer.key_id})" in line
    assert "PLASMA_SIGNING_KEY" in line

    other = Ed25519Signer.generate().private_bytes().hex()
    wrong = run_here(TRAIN, more, tmp_path, PLASMA_SIGNING_KEY=other)
    assert wrong.returncode == 2
    assert f"this run signs with key {signer.key_id}" in error_line(wrong)
    assert json.loads((run_dir / "state.json").read_text())["completed_iterations"] == 2

    key_file = tmp_path / "signing.key"
    key_file.write_text(signer.private_bytes().hex() + "\n")
    resumed = run(TRAIN, [*more, "--signing-key-file", str(key_file)], tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    state = json.loads((run_dir / "state.json").read_text())
    assert state["completed_iterations"] == 3
    assert len(state["packets"]) == 2
    for rel in state["packets"]:
        signature = InstructionPacket.load(run_dir / rel).manifest.signature
        assert signature is not None
        assert signature.key_id == signer.key_id
    assert signer.private_bytes().hex().encode() not in (run_dir / "config.json").read_bytes()


def _forge(packet: Path, signer: Ed25519Signer | None) -> None:
    """Rewrite a packet's weights, fix up its hashes and re-sign it with ``signer`` (None: drop
    the signature), as someone who can write the run directory would."""
    weights = packet / "adapter_model.safetensors"
    tensors = safetensors.torch.load_file(weights)
    data = safetensors.torch.save(
        {k: torch.full_like(v, 0.5) for k, v in tensors.items()}, metadata={"format": "pt"}
    )
    rewrite_weights(packet, data, signer)


def _fix_checksums(run_dir: Path) -> None:
    state_file = run_dir / "state.json"
    state = json.loads(state_file.read_text())
    for rel in state["checksums"]:
        state["checksums"][rel] = hashlib.sha256((run_dir / rel).read_bytes()).hexdigest()
    state_file.write_text(json.dumps(state))


def test_a_forged_packet_is_never_activated(
    signed_run: tuple[Path, Ed25519Signer], tmp_path: Path
) -> None:
    run_dir, signer = signed_run
    state = json.loads((run_dir / "state.json").read_text())
    packet_id = Path(state["packets"][0]).name
    honest = run_here(EVAL, ["--run", str(run_dir), "--packet", packet_id, *EVAL_ONE], tmp_path)
    assert honest.returncode == 0, honest.stderr

    # weights rewritten, hashes fixed up, signature removed; state.json's checksums fixed too
    unsigned = _copy(run_dir, tmp_path, "unsigned")
    _forge(unsigned / "packets" / packet_id, None)
    _fix_checksums(unsigned)
    out = run_here(EVAL, ["--run", str(unsigned), "--packet", packet_id, *EVAL_ONE], tmp_path)
    assert out.returncode == 2, out.stdout
    assert f"packet {packet_id} is unsigned, and unsigned packets are refused" in error_line(out)
    assert state["active_packet"] == f"packets/{packet_id}"
    key = signer.private_bytes().hex()
    resume = run(
        TRAIN, ["--resume", str(unsigned), "--iterations", "3"], tmp_path, PLASMA_SIGNING_KEY=key
    )
    assert resume.returncode == 2
    assert f"packet {packet_id} is unsigned" in error_line(resume)
    # only when the user says so
    allowed = [*EVAL_ONE, "--allow-unsigned"]
    out = run_here(EVAL, ["--run", str(unsigned), "--packet", packet_id, *allowed], tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["packet"].endswith(packet_id)

    # re-signed with a key nobody trusts
    mallory = Ed25519Signer.generate()
    resigned = _copy(run_dir, tmp_path, "resigned")
    _forge(resigned / "packets" / packet_id, mallory)
    _fix_checksums(resigned)
    out = run_here(EVAL, ["--run", str(resigned), "--packet", packet_id, *EVAL_ONE], tmp_path)
    assert out.returncode == 2
    assert f"signed by ed25519 key {mallory.key_id}, which is not a trusted key" in error_line(out)
    # ... nor when the attacker also lists their key in the run's config.json: keys given on the
    # command line (or in PLASMA_KEYRING) replace the run's own record
    config_file = resigned / "config.json"
    config = json.loads(config_file.read_text())
    config["trusted_keys"].append(mallory.public_bytes.hex())
    config_file.write_text(json.dumps(config))
    mine = signer.public_bytes.hex()
    trusted = [*EVAL_ONE, "--trusted-key", mine]
    out = run_here(EVAL, ["--run", str(resigned), "--packet", packet_id, *trusted], tmp_path)
    assert out.returncode == 2
    assert "not a trusted key" in error_line(out)
    keyring = tmp_path / "trusted.keys"
    keyring.write_text(f"# my devices\ned25519 {mine}\n")
    out = run_here(
        EVAL,
        ["--run", str(resigned), "--packet", packet_id, *EVAL_ONE],
        tmp_path,
        PLASMA_KEYRING=str(keyring),
    )
    assert out.returncode == 2
    assert "not a trusted key" in error_line(out)
    # the honest packet passes the same external keyring
    out = run_here(
        EVAL,
        ["--run", str(run_dir), "--packet", packet_id, *EVAL_ONE],
        tmp_path,
        PLASMA_KEYRING=str(keyring),
    )
    assert out.returncode == 0, out.stderr
