"""Instruction packets: peft compatibility, atomic writes, manifests, signatures."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from peft import PeftModel

from plasma.distiller import (
    AuditSummary,
    DistillOutcome,
    Ed25519Signer,
    Ed25519Verifier,
    HmacSigner,
    InstructionPacket,
    LoRAInjector,
    LoRASpec,
    NonFiniteWeightsError,
    PacketFormatError,
    PacketManifest,
    PacketMissingFileError,
    PacketSignatureError,
    Policy,
    Provenance,
    UnsignedPacketError,
    make_signer,
    make_verifier,
)
from plasma.distiller.packet import PACKET_FORMAT, adapter_key
from plasma.errors import InvalidArgumentError
from plasma.simulator.paths import PhantomPaths
from tests.distiller.conftest import make_policy, random_adapter, write_packet
from tests.support.packets import outcome_packet

# --------------------------------------------------------------------------------- peft


def test_plain_peft_loads_a_packet_and_gives_identical_outputs(
    distilled: DistillOutcome, base_policy: Policy, paths: PhantomPaths, tmp_path: Path
) -> None:
    packet = outcome_packet(tmp_path, distilled, base_policy, paths)
    obs = torch.from_numpy(paths.states.reshape(-1, 3))
    assert distilled.peft_model is not None
    with torch.no_grad():
        trained = distilled.peft_model(obs)
        fresh_base = copy.deepcopy(base_policy)
        loaded = PeftModel.from_pretrained(fresh_base, packet.path)
        loaded.eval()
        from_peft = loaded(obs)
        # merged by peft itself: W + (B @ A) * scaling, the injector's arithmetic
        merged = PeftModel.from_pretrained(copy.deepcopy(base_policy), packet.path)
        merged_out = merged.merge_and_unload()(obs)
        live = copy.deepcopy(base_policy)
        LoRAInjector(live).inject(packet)
        injected = live(obs)
    assert torch.equal(from_peft, trained)
    assert torch.equal(injected, merged_out)
    torch.testing.assert_close(injected, trained, atol=1e-5, rtol=1e-5)
    assert not torch.allclose(trained, base_policy(obs), atol=1e-3)  # the adapter matters


def test_adapter_config_is_peft_own_and_names_the_base(
    distilled: DistillOutcome, base_policy: Policy, paths: PhantomPaths, tmp_path: Path
) -> None:
    from peft import PeftConfig

    packet = outcome_packet(tmp_path, distilled, base_policy, paths)
    config = PeftConfig.from_pretrained(packet.path)
    assert config.peft_type == "LORA"
    assert config.r == 8
    assert sorted(config.target_modules) == ["layers.0", "layers.1", "layers.2"]
    assert config.base_model_name_or_path == f"plasma-policy@sha256:{base_policy.fingerprint()}"


def test_default_packet_is_small(
    distilled: DistillOutcome, base_policy: Policy, paths: PhantomPaths, tmp_path: Path
) -> None:
    packet = outcome_packet(tmp_path, distilled, base_policy, paths)
    assert packet.size_bytes() <= 64 * 1024
    assert (packet.path / "adapter_model.safetensors").stat().st_size < 16 * 1024


# --------------------------------------------------------------------------------- writing


def test_packet_is_written_atomically_as_a_directory_named_by_its_id(tmp_path: Path) -> None:
    policy = make_policy()
    packet = write_packet(tmp_path, policy)
    assert packet.path == tmp_path / packet.id
    assert sorted(p.name for p in packet.path.iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
        "manifest.json",
    ]
    assert [p.name for p in tmp_path.iterdir()] == [packet.id]  # no temp dir left behind
    loaded = InstructionPacket.load(packet.path)
    assert loaded.manifest == packet.manifest
    assert loaded.manifest.base_fingerprint == policy.fingerprint()
    weights = (packet.path / "adapter_model.safetensors").read_bytes()
    import hashlib

    assert loaded.manifest.weights_sha256 == hashlib.sha256(weights).hexdigest()
    assert loaded.manifest.weights_bytes == len(weights)


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import plasma._io as io

    def broken_rename(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "rename", broken_rename)
    with pytest.raises(OSError, match="disk full"):
        write_packet(tmp_path, make_policy())
    assert list(tmp_path.iterdir()) == []


def test_writer_refuses_nan_weights_and_mismatched_tensor_names(tmp_path: Path) -> None:
    policy = make_policy()
    adapter = random_adapter(policy)
    adapter[adapter_key("layers.1", "B")][0, 0] = float("nan")
    with pytest.raises(NonFiniteWeightsError, match=r"layers\.1"):
        write_packet(tmp_path, policy, adapter)
    with pytest.raises(InvalidArgumentError, match="target modules"):
        write_packet(tmp_path, policy, random_adapter(policy), targets=["layers.0"])
    assert list(tmp_path.iterdir()) == []


def test_loading_a_missing_or_broken_packet(tmp_path: Path) -> None:
    with pytest.raises(PacketMissingFileError, match="does not exist"):
        InstructionPacket.load(tmp_path / "nope")
    packet = write_packet(tmp_path, make_policy())
    (packet.path / "manifest.json").write_text('{"format": "something else"}')
    with pytest.raises(PacketFormatError, match="manifest"):
        InstructionPacket.load(packet.path)
    (packet.path / "manifest.json").unlink()
    with pytest.raises(PacketMissingFileError, match=r"manifest\.json"):
        InstructionPacket.load(packet.path)


# --------------------------------------------------------------------------------- manifests

finite = st.floats(allow_nan=False, allow_infinity=False)
hex64 = st.text("0123456789abcdef", min_size=64, max_size=64)
names = st.text(min_size=1, max_size=12)


@st.composite
def manifests(draw: st.DrawFn) -> PacketManifest:
    offset = draw(st.integers(-12 * 60, 14 * 60))
    created = draw(
        st.datetimes(
            min_value=datetime(1971, 1, 1),
            max_value=datetime(9000, 1, 1),
            timezones=st.just(timezone(timedelta(minutes=offset))),
        )
    )
    layers = draw(st.lists(st.sampled_from(["layers.0", "layers.1", "layers.2"]), min_size=1))
    return PacketManifest(
        id=draw(st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,40}\Z")),
        created=created,
        env_id=draw(st.none() | names),
        variant=draw(st.dictionaries(names, finite, max_size=3)),
        base_fingerprint=draw(hex64),
        lora=LoRASpec(
            rank=draw(st.integers(1, 64)),
            alpha=draw(st.floats(0.01, 1e3)),
            dropout=draw(st.floats(0.0, 0.9)),
            target_modules=sorted(set(layers)),
            use_rslora=draw(st.booleans()),
        ),
        metrics=draw(st.dictionaries(names, finite, max_size=4)),
        audit=AuditSummary(
            audited=draw(st.booleans()),
            required=draw(st.booleans()),
            approved_paths=draw(st.none() | st.integers(0, 10**6)),
            total_paths=draw(st.integers(0, 10**6)),
        ),
        provenance=Provenance(
            trace_id=draw(st.none() | st.text("0123456789abcdef", min_size=32, max_size=32)),
            paths_digest=draw(hex64),
            num_paths=draw(st.integers(0, 10**6)),
            num_steps=draw(st.integers(0, 10**9)),
            paths_mode=draw(st.none() | st.sampled_from(["planner", "policy"])),
        ),
        weights_sha256=draw(hex64),
        weights_bytes=draw(st.integers(0, 10**9)),
        adapter_config_sha256=draw(hex64),
    )


HMAC = HmacSigner(b"k" * 32)
ED = Ed25519Signer(bytes(range(32)))


@settings(max_examples=60, deadline=None)
@given(manifests())
def test_manifests_round_trip_through_json(manifest: PacketManifest) -> None:
    again = PacketManifest.from_json(manifest.to_json())
    assert again == manifest
    assert again.canonical_bytes() == manifest.canonical_bytes()
    assert again.created.tzinfo == UTC
    assert again.created == manifest.created
    assert PacketManifest.from_json(again.to_json()).to_json() == again.to_json()


@settings(max_examples=30, deadline=None)
@given(manifests(), st.sampled_from(["hmac", "ed25519"]))
def test_signatures_survive_round_trips_and_catch_edits(
    manifest: PacketManifest, algorithm: str
) -> None:
    signer = HMAC if algorithm == "hmac" else ED
    signed = manifest.model_copy(update={"signature": signer.sign(manifest)})
    again = PacketManifest.from_json(signed.to_json())
    signer.verifier().verify(again)
    edited = again.model_copy(update={"weights_bytes": again.weights_bytes + 1})
    with pytest.raises(PacketSignatureError, match="does not match"):
        signer.verifier().verify(edited)


def test_canonical_bytes_exclude_the_signature_and_sort_keys(tmp_path: Path) -> None:
    manifest = write_packet(tmp_path, make_policy()).manifest
    signed = manifest.model_copy(update={"signature": ED.sign(manifest)})
    assert signed.canonical_bytes() == manifest.canonical_bytes()
    body = json.loads(manifest.canonical_bytes().split(b"\n", 1)[1])
    assert "signature" not in body
    assert body["format"] == PACKET_FORMAT


def test_manifest_refuses_non_finite_metrics_and_unknown_fields(tmp_path: Path) -> None:
    manifest = write_packet(tmp_path, make_policy()).manifest
    data: dict[str, Any] = json.loads(manifest.to_json())
    data["surprise"] = 1
    with pytest.raises(PacketFormatError, match="surprise"):
        PacketManifest.from_json(json.dumps(data))
    data.pop("surprise")
    data["metrics"] = {"x": float("nan")}
    with pytest.raises(PacketFormatError):
        PacketManifest.from_json(json.dumps(data))


def test_a_manifest_of_the_wrong_shape_is_refused_on_one_line(tmp_path: Path) -> None:
    # batch L, L19: pydantic's several lines were put into the error as they came
    packet = write_packet(tmp_path, make_policy())
    (packet.path / "manifest.json").write_text("[1, 2, 3]")
    with pytest.raises(PacketFormatError) as caught:
        InstructionPacket.load(packet.path)
    text = str(caught.value)
    assert "\n" not in text.strip(), text
    assert "manifest.json" in text
    assert "object" in text
    with pytest.raises(PacketFormatError) as missing:
        PacketManifest.from_json('{"id": 3}')
    assert "\n" not in str(missing.value).strip()
    assert "created" in str(missing.value)  # each field named, on the one line


# --------------------------------------------------------------------------------- keys


def test_ed25519_and_hmac_keys(tmp_path: Path) -> None:
    policy = make_policy()
    signer = Ed25519Signer.generate()
    packet = write_packet(tmp_path, policy, signer=signer)
    assert packet.signed
    Ed25519Verifier(signer.public_bytes).verify(packet.manifest)
    Ed25519Verifier(signer.public_bytes.hex()).verify(packet.manifest)
    make_verifier("ed25519", signer.public_bytes).verify(packet.manifest)
    again = make_signer("ed25519", signer.private_bytes().hex())
    assert again.key_id == signer.key_id
    with pytest.raises(PacketSignatureError, match="trusts key"):
        Ed25519Signer.generate().verifier().verify(packet.manifest)
    with pytest.raises(PacketSignatureError, match="ed25519"):
        HMAC.verify(packet.manifest)
    unsigned = write_packet(tmp_path, policy)
    with pytest.raises(UnsignedPacketError, match="unsigned"):
        signer.verifier().verify(unsigned.manifest)


@pytest.mark.parametrize(
    ("factory", "key"),
    [
        (HmacSigner, b"short"),
        (Ed25519Signer, b"\x00" * 5),
        (Ed25519Verifier, "zz"),
    ],
)
def test_bad_keys_are_refused(factory: Any, key: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        factory(key)


def test_packet_loads_numbers_as_written(tmp_path: Path) -> None:
    policy = make_policy()
    adapter = random_adapter(policy, seed=11)
    packet = write_packet(tmp_path, policy, adapter)
    from safetensors.numpy import load_file

    stored = load_file(str(packet.path / "adapter_model.safetensors"))
    for key, value in adapter.items():
        np.testing.assert_array_equal(stored[key], value.numpy())
