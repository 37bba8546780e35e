"""Keyring: a packet is activated only when a trusted key verifies it; unsigned ones only when
the keyring allows them. And a packet file of the wrong size is refused before it is read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plasma.distiller import (
    Ed25519Signer,
    HmacSigner,
    Keyring,
    LoRAInjector,
    PacketFormatError,
    PacketSignatureError,
    PacketTruncatedError,
    UnsignedPacketError,
)
from plasma.distiller.signing import parse_public_key
from plasma.errors import InvalidArgumentError
from tests.distiller.conftest import make_policy, write_packet


def test_a_keyring_verifies_with_the_key_the_signature_names(tmp_path: Path) -> None:
    policy = make_policy()
    alice, bob, mallory = Ed25519Signer.generate(), Ed25519Signer.generate(), HmacSigner(b"m" * 16)
    shared = HmacSigner(b"shared-device-secret")
    keyring = Keyring([alice.verifier(), bob.verifier(), shared])
    injector = LoRAInjector(policy, verifier=keyring)
    assert injector.requires_signature
    for signer in (alice, bob, shared):
        packet = write_packet(tmp_path, policy, signer=signer)
        injector.inject(packet)
        assert injector.active == packet.id
    before = injector.active
    with pytest.raises(PacketSignatureError, match=f"key {mallory.key_id}, which is not a trusted"):
        injector.inject(write_packet(tmp_path, policy, signer=mallory))
    with pytest.raises(UnsignedPacketError, match="allow them explicitly"):
        injector.inject(write_packet(tmp_path, policy))
    assert injector.active == before


def test_unsigned_packets_pass_only_when_allowed_and_signed_ones_are_still_checked(
    tmp_path: Path,
) -> None:
    policy = make_policy()
    trusted = Ed25519Signer.generate()
    keyring = Keyring([trusted.verifier()], allow_unsigned=True)
    injector = LoRAInjector(policy, verifier=keyring)
    assert not injector.requires_signature
    injector.inject(write_packet(tmp_path, policy))  # unsigned: allowed
    with pytest.raises(PacketSignatureError, match="not a trusted key"):
        injector.inject(write_packet(tmp_path, policy, signer=Ed25519Signer.generate()))
    # a packet signed by the trusted key and then edited fails its signature
    edited = write_packet(tmp_path, policy, signer=trusted)
    manifest = json.loads((edited.path / "manifest.json").read_text())
    manifest["metrics"] = {"heldout_error": 0.0}
    (edited.path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(PacketSignatureError, match="does not match"):
        injector.inject(edited)
    assert Keyring().describe() == "no keys; unsigned packets refused"


def test_keyring_files(tmp_path: Path) -> None:
    alice, shared = Ed25519Signer.generate(), HmacSigner(b"shared-device-secret")
    text = (
        "# devices of the lab\n"
        f"ed25519 {alice.public_bytes.hex()}   # alice\n"
        "\n"
        f"hmac-sha256 {b'shared-device-secret'.hex()}\n"
        f"{Ed25519Signer.generate().public_bytes.hex().upper()}\n"  # a bare key: Ed25519
    )
    path = tmp_path / "trusted.keys"
    path.write_text(text)
    keyring = Keyring.from_file(path)
    assert len(keyring) == 3
    assert f"ed25519:{alice.key_id}" in keyring.key_ids
    assert f"hmac-sha256:{shared.key_id}" in keyring.key_ids
    for bad, message in (
        ("rsa 00ff\n", r"trusted\.keys:1: expected"),
        ("ed25519 1234\n", r"trusted\.keys:1: public_key must be 32 raw Ed25519 bytes"),
        ("# fine\nhmac-sha256 zz\n", r"trusted\.keys:2: secret must be bytes or a hex string"),
    ):
        path.write_text(bad)
        with pytest.raises(InvalidArgumentError, match=message):
            Keyring.from_file(path)
    with pytest.raises(InvalidArgumentError, match="cannot be read"):
        Keyring.from_file(tmp_path / "absent.keys")
    assert parse_public_key(alice.public_bytes.hex().upper()) == alice.public_bytes.hex()
    with pytest.raises(InvalidArgumentError, match="64 hex digits"):
        parse_public_key("00" * 31)


# The packet is written by the test (writing one imports peft, seconds of start-up); this process
# only loads it, into the same deterministic policy.
_PEAK_RSS = """
import resource, sys
from plasma.distiller import InstructionPacket, LoRAInjector, PacketTruncatedError
from tests.distiller.conftest import make_policy
policy = make_policy()
packet = InstructionPacket.load(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    LoRAInjector(policy).inject(packet)
except PacketTruncatedError as err:
    print("refused:", err)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(f"peak rss grew {grown} KiB")
"""


def test_a_huge_weights_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.bin"
    with open(huge, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB, sparse: it costs memory only when read
    packet = write_packet(tmp_path, make_policy())
    weights = packet.path / "adapter_model.safetensors"
    weights.unlink()
    weights.symlink_to(huge)
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, str(packet.path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PLASMA_NUM_THREADS": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "refused:" in out.stdout
    assert f"is {1 << 30} bytes but the manifest records" in out.stdout
    assert "it was not read" in out.stdout
    grown_kib = int(out.stdout.split("peak rss grew ")[1].split()[0])
    assert grown_kib < 256 * 1024  # reading it would have added a whole GiB


def test_a_symlinked_manifest_to_something_huge_is_not_read(tmp_path: Path) -> None:
    policy = make_policy()
    packet = write_packet(tmp_path, policy)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(1 << 30)
    (packet.path / "manifest.json").unlink()
    (packet.path / "manifest.json").symlink_to(huge)
    with pytest.raises(PacketFormatError, match="more than the 1048576 allowed"):
        LoRAInjector(policy).inject(packet.path)


def test_a_short_weights_file_is_refused_as_truncated(tmp_path: Path) -> None:
    policy = make_policy()
    packet = write_packet(tmp_path, policy)
    weights = packet.path / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-10])
    with pytest.raises(PacketTruncatedError, match="a truncated, torn or substituted file"):
        LoRAInjector(policy).inject(packet)
