"""LoRAInjector: every bad input, atomic swaps under concurrency, rollback, eject."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import torch

from plasma.distiller import (
    BaseModelMismatchError,
    Ed25519Signer,
    HmacSigner,
    InstructionPacket,
    LayerMismatchError,
    LiveWeights,
    LoRAInjector,
    NonFiniteWeightsError,
    PacketError,
    PacketFormatError,
    PacketIntegrityError,
    PacketMissingFileError,
    PacketSignatureError,
    PacketTruncatedError,
    Policy,
    RankMismatchError,
    RollbackError,
    UnsignedPacketError,
)
from plasma.distiller.packet import PacketManifest, adapter_key
from plasma.errors import InvalidArgumentError
from tests.distiller.conftest import make_policy, random_adapter, write_packet
from tests.support.packets import rewrite_weights
from tests.support.pendulum import pendulum_paths

OBS = torch.from_numpy(pendulum_paths(8, 8, seed=21).states.reshape(-1, 3))


def outputs(policy: Policy) -> torch.Tensor:
    with torch.inference_mode():
        return policy(OBS).clone()


# --------------------------------------------------------------------------------- happy path


def test_inject_rollback_eject(tmp_path: Path) -> None:
    policy = make_policy()
    injector = LoRAInjector(policy)
    base_out = outputs(policy)
    a, b = write_packet(tmp_path, policy, seed=1), write_packet(tmp_path, policy, seed=2)
    assert injector.active is None

    # The returned latency is the swap's, a part of the call (its speed is benchmarked in
    # benches/bench_distiller.py).
    began = time.perf_counter()
    latency = injector.inject(a)
    assert 0 <= latency <= time.perf_counter() - began
    assert injector.last_swap_s == latency
    assert injector.active == a.id
    out_a = outputs(policy)
    assert not torch.allclose(out_a, base_out)

    injector.inject(b)
    out_b = outputs(policy)
    assert injector.active == b.id
    assert injector.history == [None, a.id]
    assert not torch.allclose(out_b, out_a)

    assert injector.rollback() == a.id
    assert torch.equal(outputs(policy), out_a)

    injector.eject()
    assert injector.active is None
    assert torch.equal(outputs(policy), base_out)
    assert injector.rollback() == a.id  # rollback undoes the eject
    assert torch.equal(outputs(policy), out_a)

    assert injector.rollback() is None  # back to the base, as before a
    assert torch.equal(outputs(policy), base_out)
    with pytest.raises(RollbackError, match="nothing to roll back"):
        injector.rollback()
    injector.eject()  # ejecting the base is a no-op
    assert injector.history == []


def test_history_is_bounded(tmp_path: Path) -> None:
    policy = make_policy()
    injector = LoRAInjector(policy, max_history=2)
    packets = [write_packet(tmp_path, policy, seed=i) for i in range(4)]
    for packet in packets:
        injector.inject(packet)
    assert injector.history == [packets[1].id, packets[2].id]


def test_verified_adapter_belongs_to_its_injector(tmp_path: Path) -> None:
    policy = make_policy()
    adapter = LoRAInjector(policy).verify(write_packet(tmp_path, policy))
    with pytest.raises(InvalidArgumentError, match="another injector"):
        LoRAInjector(make_policy()).activate(adapter)


def test_injector_needs_a_plasma_policy() -> None:
    with pytest.raises(InvalidArgumentError, match="Policy"):
        LoRAInjector(torch.nn.Linear(3, 1))  # type: ignore[arg-type]


def test_packet_path_strings_are_accepted(tmp_path: Path) -> None:
    policy = make_policy()
    packet = write_packet(tmp_path, policy)
    injector = LoRAInjector(policy)
    injector.inject(str(packet.path))
    assert injector.active == packet.id


# --------------------------------------------------------------------------------- bad inputs


def _flip_byte(packet: InstructionPacket) -> None:
    path = packet.path / "adapter_model.safetensors"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(packet: InstructionPacket) -> None:
    path = packet.path / "adapter_model.safetensors"
    path.write_bytes(path.read_bytes()[:-100])


def _corrupt(packet: InstructionPacket) -> None:
    rewrite_weights(packet.path, b"\x10\x00\x00\x00\x00\x00\x00\x00{not a header" + b"\x00" * 64)


def _nan(packet: InstructionPacket) -> None:
    import safetensors.torch

    tensors = random_adapter(make_policy())
    tensors[adapter_key("layers.1", "A")][3, 5] = float("nan")
    rewrite_weights(packet.path, safetensors.torch.save(tensors))


def _missing_weights(packet: InstructionPacket) -> None:
    (packet.path / "adapter_model.safetensors").unlink()


def _missing_config(packet: InstructionPacket) -> None:
    (packet.path / "adapter_config.json").unlink()


def _edited_config(packet: InstructionPacket) -> None:
    path = packet.path / "adapter_config.json"
    config = json.loads(path.read_text())
    config["lora_alpha"] = 1000
    path.write_text(json.dumps(config))


def _garbled_manifest(packet: InstructionPacket) -> None:
    (packet.path / "manifest.json").write_text("{ this is not json")


CORRUPTIONS: dict[str, tuple[Callable[[InstructionPacket], None], type[PacketError], str]] = {
    "flipped byte": (_flip_byte, PacketIntegrityError, "sha256"),
    "truncated weights": (_truncate, PacketTruncatedError, "truncated"),
    "corrupted weights with a matching hash": (_corrupt, PacketFormatError, "safetensors"),
    "NaN weights": (_nan, NonFiniteWeightsError, "NaN"),
    "missing weights file": (_missing_weights, PacketMissingFileError, "adapter_model"),
    "missing adapter config": (_missing_config, PacketMissingFileError, "adapter_config"),
    "edited adapter config": (_edited_config, PacketIntegrityError, "adapter_config.json"),
    "garbled manifest": (_garbled_manifest, PacketFormatError, "manifest"),
}


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_each_corruption_is_a_distinct_clear_error_and_changes_nothing(
    case: str, tmp_path: Path
) -> None:
    corrupt, error, message = CORRUPTIONS[case]
    policy = make_policy()
    injector = LoRAInjector(policy)
    good = write_packet(tmp_path, policy, seed=1)
    injector.inject(good)
    before, history = outputs(policy), injector.history
    packet = write_packet(tmp_path, policy, seed=2)
    corrupt(packet)
    with pytest.raises(error, match=message) as info:
        injector.inject(packet.path)
    assert type(info.value) is error  # not a subclass standing in for another check
    assert torch.equal(outputs(policy), before)
    assert injector.active == good.id
    assert injector.history == history


def test_packet_for_another_base_model_is_refused(tmp_path: Path) -> None:
    policy, other = make_policy(seed=0), make_policy(seed=1)
    injector = LoRAInjector(policy)
    before = outputs(policy)
    with pytest.raises(BaseModelMismatchError, match="made for base policy") as info:
        injector.inject(write_packet(tmp_path, other))
    assert type(info.value) is BaseModelMismatchError
    wider = make_policy(hidden_sizes=[32, 32])
    with pytest.raises(BaseModelMismatchError):
        injector.inject(write_packet(tmp_path, wider))
    assert torch.equal(outputs(policy), before)
    assert injector.active is None


def test_rank_mismatch_is_refused(tmp_path: Path) -> None:
    policy = make_policy()
    injector = LoRAInjector(policy)
    before = outputs(policy)
    packet = write_packet(tmp_path, policy, random_adapter(policy, rank=4), rank=8)
    with pytest.raises(RankMismatchError, match="r=8") as info:
        injector.inject(packet)
    assert type(info.value) is RankMismatchError
    assert torch.equal(outputs(policy), before)


def test_layer_mismatches_are_refused(tmp_path: Path) -> None:
    policy = make_policy()
    injector = LoRAInjector(policy)
    before = outputs(policy)
    # a target layer the model does not have
    ghost = {
        adapter_key("layers.7", "A"): torch.zeros(8, 64),
        adapter_key("layers.7", "B"): torch.zeros(64, 8),
    }
    packet = write_packet(tmp_path, policy, ghost, targets=["layers.7"])
    with pytest.raises(LayerMismatchError, match=r"layers\.7") as info:
        injector.inject(packet)
    assert type(info.value) is LayerMismatchError
    # a tensor whose shape does not fit the layer
    wrong = {
        adapter_key("layers.0", "A"): torch.zeros(8, 5),
        adapter_key("layers.0", "B"): torch.zeros(64, 8),
    }
    packet = write_packet(tmp_path, policy, wrong, targets=["layers.0"])
    with pytest.raises(LayerMismatchError, match="5 -> 64"):
        injector.inject(packet)
    assert torch.equal(outputs(policy), before)


def test_wrong_signature_and_unsigned_packets_are_refused(tmp_path: Path) -> None:
    policy = make_policy()
    trusted, stranger = Ed25519Signer.generate(), Ed25519Signer.generate()
    injector = LoRAInjector(policy, verifier=trusted.verifier())
    assert injector.requires_signature
    good = write_packet(tmp_path, policy, signer=trusted)
    injector.inject(good)
    before = outputs(policy)

    with pytest.raises(PacketSignatureError, match="trusts key") as info:
        injector.inject(write_packet(tmp_path, policy, signer=stranger))
    assert type(info.value) is PacketSignatureError

    with pytest.raises(UnsignedPacketError, match="unsigned") as unsigned:
        injector.inject(write_packet(tmp_path, policy))
    assert type(unsigned.value) is UnsignedPacketError

    # signed by the trusted key, then the manifest was edited
    tampered = write_packet(tmp_path, policy, seed=5, signer=trusted)
    manifest = PacketManifest.from_json((tampered.path / "manifest.json").read_text())
    edited = manifest.model_copy(update={"metrics": {"heldout_error": 0.0}})
    (tampered.path / "manifest.json").write_text(edited.to_json())
    with pytest.raises(PacketSignatureError, match="does not match"):
        injector.inject(tampered)

    # weights swapped for another valid adapter, hashes updated, but not re-signed by the key
    swapped = write_packet(tmp_path, policy, seed=6, signer=trusted)
    other = write_packet(tmp_path, policy, seed=7)
    rewrite_weights(swapped.path, (other.path / "adapter_model.safetensors").read_bytes(), stranger)
    with pytest.raises(PacketSignatureError):
        injector.inject(swapped)

    assert torch.equal(outputs(policy), before)
    assert injector.active == good.id


def test_hmac_device(tmp_path: Path) -> None:
    policy = make_policy()
    secret = HmacSigner(b"device-secret-0123456789")
    injector = LoRAInjector(policy, verifier=secret)
    injector.inject(write_packet(tmp_path, policy, signer=secret))
    with pytest.raises(PacketSignatureError):
        injector.inject(write_packet(tmp_path, policy, signer=HmacSigner(b"x" * 24)))
    # a weights file changed after signing fails the hash, which the signature covers
    packet = write_packet(tmp_path, policy, seed=3, signer=secret)
    _flip_byte(packet)
    with pytest.raises(PacketIntegrityError):
        injector.inject(packet)


def test_missing_packet_directory(tmp_path: Path) -> None:
    with pytest.raises(PacketMissingFileError, match="does not exist"):
        LoRAInjector(make_policy()).inject(tmp_path / "nowhere")


# --------------------------------------------------------------------------------- atomicity


def total_counts(seen: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for counts in seen:
        for name, n in counts.items():
            total[name] = total.get(name, 0) + n
    return total


def test_swaps_are_atomic_under_concurrent_inference(tmp_path: Path) -> None:
    policy = make_policy()
    injector = LoRAInjector(policy, max_history=4)
    adapters = [injector.verify(write_packet(tmp_path, policy, seed=s)) for s in (1, 2, 3)]
    # the output of every state the model may be in, computed beforehand
    expected = {"base": outputs(policy)}
    for adapter in adapters:
        policy._set_live(adapter.live)
        expected[adapter.packet_id] = outputs(policy)
    policy._set_live(None)
    values = list(expected.values())
    assert all(
        not torch.equal(values[i], values[j])
        for i in range(len(values))
        for j in range(i + 1, len(values))
    )
    # the check is sensitive: a snapshot mixing two adapters' layers matches none of them
    a, b = adapters[0].live, adapters[1].live
    policy._set_live(LiveWeights((a.weights[0], *b.weights[1:]), (a.biases[0], *b.biases[1:])))
    mixed = outputs(policy)
    policy._set_live(None)
    assert not any(torch.equal(mixed, v) for v in values)

    stop = threading.Event()
    seen: list[dict[str, int]] = []
    bad: list[torch.Tensor] = []

    def reader() -> None:
        counts: dict[str, int] = {}
        while not stop.is_set():
            with torch.inference_mode():
                out = policy(OBS)
            for name, value in expected.items():
                if torch.equal(out, value):
                    counts[name] = counts.get(name, 0) + 1
                    break
            else:
                bad.append(out.clone())
        seen.append(counts)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: swaps land in the middle of forwards
    for thread in threads:
        thread.start()
    swaps = 0
    try:
        for i in range(600):
            step = i % 7
            if step == 5:
                injector.rollback()
            elif step == 6:
                injector.eject()
            else:
                injector.activate(adapters[i % 3])
            swaps += 1
            time.sleep(0.0001 if i % 10 else 0.001)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        sys.setswitchinterval(switch)
    print("reader passes per state:", dict(sorted(total_counts(seen).items())))
    assert swaps == 600
    assert bad == []
    total = total_counts(seen)
    assert sum(total.values()) > 500
    assert len(total) >= 2  # the readers really ran across swaps
