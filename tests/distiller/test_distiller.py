"""Distiller: the public workflow (docs/architecture.md), tracing, deploy reports, signing, full
mode, errors."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from plasma import StateTracker
from plasma.distiller import (
    DeployReport,
    Distiller,
    DistillerConfig,
    Ed25519Signer,
    InstructionPacket,
    NotAuditedError,
    Policy,
)
from plasma.errors import InvalidArgumentError, ModelNotFittedError, NotStartedError
from plasma.simulator.paths import PhantomPaths
from tests.distiller.conftest import make_policy, write_packet
from tests.support.pendulum import pendulum_paths, swing_up

QUICK: dict[str, Any] = {"training": {"updates": 200, "batch_size": 128}}


def config(tmp_path: Path, **more: Any) -> dict[str, Any]:
    return {**QUICK, "packet_dir": tmp_path / "packets", **more}


def held_out_error(policy: Policy) -> float:
    obs = pendulum_paths(8, 40, seed=77).states.reshape(-1, 3)
    return float(np.mean((policy.act(obs) - swing_up(obs)) ** 2))


async def test_seed_workflow(paths: PhantomPaths, tmp_path: Path) -> None:
    distiller = Distiller(config(tmp_path))
    await distiller.start()
    assert distiller.policy is None
    packets = await distiller.distill_from_paths(paths)
    assert len(packets) == 1
    policy = distiller.policy
    assert policy is not None
    assert packets[0].path.parent == tmp_path / "packets"
    assert packets[0].manifest.base_fingerprint == policy.fingerprint()
    assert packets[0].report is distiller.last_report
    before = held_out_error(policy)

    results = await distiller.deploy_packets(packets)
    assert isinstance(results, DeployReport)
    assert results["deployed"] == results.deployed == 1
    assert results["failed"] == []
    assert results["active"] == packets[0].id
    # One swap, part of the call (its speed is benchmarked in benches/bench_distiller.py).
    assert results["swap_latencies_s"] == [results["swap_latency_s"]]
    assert 0 <= results["swap_latency_s"] <= results["duration_s"]
    assert dict(results)["deployed"] == 1
    assert held_out_error(policy) < 0.5 * before  # the live policy now imitates the planner
    assert distiller.injector is not None
    assert distiller.injector.active == packets[0].id
    await distiller.stop()


async def test_default_config_uses_a_temporary_packet_dir(paths: PhantomPaths) -> None:
    async with Distiller(QUICK) as distiller:
        (packet,) = await distiller.distill_from_paths(paths)
        assert packet.path.is_dir()
        packet_dir = distiller.packet_dir
        assert packet_dir is not None
    assert not packet_dir.exists()


async def test_manifest_records_env_audit_provenance_and_metrics(
    paths: PhantomPaths, tmp_path: Path
) -> None:
    async with Distiller(config(tmp_path)) as distiller:
        (packet,) = await distiller.distill_from_paths(paths)
    manifest = packet.manifest
    assert manifest.env_id == "Pendulum-v1"
    assert manifest.audit.audited
    assert manifest.audit.required
    assert (manifest.audit.approved_paths, manifest.audit.total_paths) == (24, 24)
    assert manifest.provenance.paths_digest == paths.digest()
    assert manifest.provenance.num_steps == 24 * 60
    assert manifest.provenance.paths_mode == "planner"
    assert manifest.lora.rank == 8
    assert manifest.metrics["heldout_error"] < manifest.metrics["initial_heldout_error"]
    assert manifest.signature is None


async def test_spans_are_recorded_in_the_running_trace(
    tracker: StateTracker, paths: PhantomPaths, tmp_path: Path
) -> None:
    distiller = Distiller(config(tmp_path), tracker=tracker)
    await distiller.start()
    trace_id = tracker.create_trace()
    async with tracker.span(trace_id, "iteration") as parent:
        packets = await distiller.distill_from_paths(paths)
        await distiller.deploy_packets(packets)
    assert packets[0].manifest.provenance.trace_id == trace_id
    spans = {s.name: s for s in tracker.get_trace(trace_id).spans}
    assert set(spans) == {"iteration", "distiller.distill", "distiller.deploy"}
    assert spans["distiller.distill"].parent_span_id == parent.span_id
    assert spans["distiller.distill"].state["packets"] == [packets[0].id]
    assert spans["distiller.deploy"].state["deployed"] == 1
    await distiller.stop()


async def test_without_a_running_span_the_distiller_uses_its_own_trace(
    tracker: StateTracker, paths: PhantomPaths, tmp_path: Path
) -> None:
    distiller = Distiller(config(tmp_path), tracker=tracker)
    await distiller.start()
    own = distiller.trace_id
    assert own is not None
    packets = await distiller.distill_from_paths(paths)
    assert packets[0].manifest.provenance.trace_id == own
    await distiller.stop()
    trace = tracker.get_trace(own)
    assert trace.status.value == "COMPLETED"
    assert [s.name for s in trace.spans] == ["distiller.distill"]


async def test_failed_packets_are_reported_and_change_nothing(
    paths: PhantomPaths, tmp_path: Path
) -> None:
    async with Distiller(config(tmp_path)) as distiller:
        (good,) = await distiller.distill_from_paths(paths)
        policy = distiller.policy
        assert policy is not None
        other_base = write_packet(tmp_path, make_policy(seed=5))
        broken = write_packet(tmp_path, policy, seed=1)
        (broken.path / "adapter_model.safetensors").unlink()
        results = await distiller.deploy_packets([good, other_base, broken, tmp_path / "nothing"])
        assert results.deployed == 1
        assert results.active == good.id
        reasons = {f.packet: f.error for f in results.failed}
        assert reasons == {
            other_base.id: "BaseModelMismatchError",
            broken.id: "PacketMissingFileError",
            "nothing": "PacketMissingFileError",
        }
        assert all(f.reason for f in results.failed)
        obs = torch.from_numpy(paths.states[:, 0])
        before = policy(obs)
        again = await distiller.deploy_packets(other_base)
        assert again.deployed == 0
        assert again.swap_latency_s is None
        assert again.active == good.id
        assert torch.equal(policy(obs), before)


async def test_deploy_into_a_given_model(paths: PhantomPaths, tmp_path: Path) -> None:
    async with Distiller(config(tmp_path)) as distiller:
        (packet,) = await distiller.distill_from_paths(paths)
        assert distiller.policy is not None
        device = copy.deepcopy(distiller.policy)  # the same base, elsewhere
        results = await distiller.deploy_packets(packets=[packet], model=device)
        assert results.active == packet.id
        assert distiller.injector is not None
        assert distiller.injector.active is None  # the distiller's own policy is untouched
        assert distiller.injector_for(device).active == packet.id


async def test_signed_packets_and_a_device_that_requires_signatures(
    paths: PhantomPaths, tmp_path: Path
) -> None:
    signer = Ed25519Signer.generate()
    cfg = config(
        tmp_path,
        signing_algorithm="ed25519",
        signing_key=signer.private_bytes().hex(),
        require_signature=True,
    )
    async with Distiller(cfg) as distiller:
        (packet,) = await distiller.distill_from_paths(paths)
        assert packet.signed
        assert packet.manifest.signature is not None
        assert packet.manifest.signature.key_id == signer.key_id
        assert distiller.policy is not None
        unsigned = write_packet(tmp_path, distiller.policy, seed=3)
        results = await distiller.deploy_packets([packet, unsigned])
        assert results.deployed == 1
        assert [f.error for f in results.failed] == ["UnsignedPacketError"]
        assert results.active == packet.id
    # a device holding only the public key
    device_cfg = config(
        tmp_path, signing_algorithm="ed25519", trusted_key=signer.public_bytes.hex()
    )
    async with Distiller(device_cfg, policy=copy.deepcopy(distiller.policy)) as device:
        assert device.signer is None
        results = await device.deploy_packets(InstructionPacket.load(packet.path))
        assert results.active == packet.id


async def test_full_mode_replaces_the_base_and_returns_no_packet(
    paths: PhantomPaths, tmp_path: Path
) -> None:
    async with Distiller(config(tmp_path, mode="full")) as distiller:
        assert await distiller.distill_from_paths(paths) == []
        first = distiller.policy
        assert first is not None
        report = distiller.last_report
        assert report is not None
        assert report.mode == "full"
        assert await distiller.distill_from_paths(paths) == []
        assert distiller.policy is not first
        # LoRA packets are then made for the new base
        (packet,) = await distiller.distill_from_paths(paths, mode="lora")
        assert packet.manifest.base_fingerprint == distiller.policy.fingerprint()
        assert (await distiller.deploy_packets([packet])).deployed == 1


async def test_concurrent_distillations_overlap(paths: PhantomPaths, tmp_path: Path) -> None:
    async with Distiller(config(tmp_path)) as distiller:
        a, b = await asyncio.gather(
            distiller.distill_from_paths(paths), distiller.distill_from_paths(paths)
        )
        assert a[0].id != b[0].id
        assert a[0].manifest.base_fingerprint == b[0].manifest.base_fingerprint


async def test_errors(paths: PhantomPaths, tmp_path: Path) -> None:
    distiller = Distiller(config(tmp_path))
    with pytest.raises(NotStartedError, match="start"):
        await distiller.distill_from_paths(paths)
    await distiller.start()
    with pytest.raises(ModelNotFittedError, match="no policy yet"):
        await distiller.deploy_packets([])
    with pytest.raises(NotAuditedError):
        await distiller.distill_from_paths(pendulum_paths(4, 10, approved=None))
    packets = await distiller.distill_from_paths(
        pendulum_paths(4, 10, approved=None), require_audit=False
    )
    assert packets[0].manifest.audit.audited is False
    await distiller.stop()
    with pytest.raises(NotStartedError):
        await distiller.deploy_packets(packets)


def test_config_validation() -> None:
    with pytest.raises(ValueError, match="signing_algorithm"):
        DistillerConfig(signing_key="00" * 32)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="require_signature"):
        Distiller({"require_signature": True})
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        DistillerConfig.model_validate({"rank": 8})
    assert DistillerConfig().lora.rank == 8
    assert "signing_key" in DistillerConfig.model_fields
    # field docstrings become descriptions (for generated CLIs and schemas)
    assert "LoRA adapter" in (DistillerConfig.model_fields["mode"].description or "")


async def test_a_refused_distillation_is_an_error_span(
    tracker: StateTracker, tmp_path: Path
) -> None:
    async with Distiller(config(tmp_path), tracker=tracker) as distiller:
        with pytest.raises(NotAuditedError):
            await distiller.distill_from_paths(pendulum_paths(4, 10, approved=None))
        assert distiller.trace_id is not None
        (span,) = tracker.get_trace(distiller.trace_id).spans
    assert span.name == "distiller.distill"
    assert span.status.code.value == "ERROR"
    assert "NotAuditedError" in span.status.message
