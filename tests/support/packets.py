"""A packet written from a distillation outcome, as the tests and the distiller's benchmarks make
one (without the ``Distiller`` component that writes them in a run)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from plasma.distiller import (
    AuditSummary,
    DistillOutcome,
    InstructionPacket,
    Policy,
    Provenance,
)
from plasma.distiller.signing import PacketSigner
from plasma.simulator.paths import PhantomPaths


def outcome_packet(
    directory: Path, outcome: DistillOutcome, base: Policy, paths: PhantomPaths, **kwargs: Any
) -> InstructionPacket:
    """The packet of ``outcome``'s adapter for ``base``, distilled from ``paths`` (every one
    approved: the provenance and audit summary count them all); ``kwargs`` go to
    ``InstructionPacket.write`` (a signer, ...)."""
    assert outcome.adapter is not None
    assert outcome.lora is not None
    steps = int(paths.step_mask().sum())
    return InstructionPacket.write(
        directory,
        adapter=outcome.adapter,
        lora=outcome.lora,
        base_fingerprint=base.fingerprint(),
        provenance=Provenance(
            paths_digest=paths.digest(), num_paths=paths.num_paths, num_steps=steps
        ),
        audit=AuditSummary(
            audited=True, required=True, approved_paths=paths.num_paths, total_paths=paths.num_paths
        ),
        env_id=paths.meta.env_id,
        metrics={"heldout_error": outcome.report.heldout_error or 0.0},
        **kwargs,
    )


def rewrite_weights(directory: Path, content: bytes, signer: PacketSigner | None = None) -> None:
    """Replace the weights file of the packet in ``directory`` with ``content`` and make its
    manifest agree (hashes, size; signed by ``signer``, unsigned without one), as a buggy or
    hostile producer, or someone who can write a run directory, would."""
    manifest = InstructionPacket.load(directory).manifest
    (directory / "adapter_model.safetensors").write_bytes(content)
    manifest = manifest.model_copy(
        update={
            "weights_sha256": hashlib.sha256(content).hexdigest(),
            "weights_bytes": len(content),
            "signature": None,
        }
    )
    if signer is not None:
        manifest = manifest.model_copy(update={"signature": signer.sign(manifest)})
    (directory / "manifest.json").write_text(manifest.to_json())
